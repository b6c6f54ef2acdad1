"""A lesson in presentation mode: Ctrl+7 puts the Lesson panel (its note and checkpoints) beside the network,
and Alt+Page Down walks the checkpoints while the menus are hidden."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from mlpviz.document import Checkpoint, Lesson, write_lesson
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import desktop_font


def test_the_lesson_panel_is_presented_and_its_checkpoints_walked_by_keys(qtbot, tmp_path):
    trainer = Trainer(Architecture((2, 2, 2), "sigmoid", "sigmoid", "mse"), make_dataset("xor"), TrainingConfig())
    for _ in range(5):
        trainer.advance()
    path = tmp_path / "xor.mlpviz"
    write_lesson(path, Lesson(trainer.snapshot(), trainer.settings, trainer.dataset, trainer.loss_log,
                              trainer.history, title="XOR", note="Watch the hidden units",
                              checkpoints=(Checkpoint("Start", 0, "Before any step"), Checkpoint("Five", 5, "Later"))))
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w, before_close_func=lambda window: setattr(window.document, "modified", False))
    w.show()
    qtbot.waitExposed(w)
    w.open_path(path)
    w.canvas.setFocus()
    try:
        qtbot.keyClick(w.canvas, Qt.Key_F5)
        qtbot.keyClick(w.canvas, Qt.Key_7, Qt.ControlModifier)
        assert w.presenting and {k for k, d in w.docks.items() if d.isVisible()} == {"lesson"}
        qtbot.keyClick(w.canvas, Qt.Key_PageDown, Qt.AltModifier)
        assert w.session.state.step == 0 and w.checkpoints_panel.point_note.toPlainText() == "Before any step"
        qtbot.keyClick(w.canvas, Qt.Key_PageDown, Qt.AltModifier)
        assert w.session.state.step == 5 and w.checkpoints_panel.point_note.toPlainText() == "Later"
        qtbot.keyClick(w.canvas, Qt.Key_Escape)
        assert not w.presenting
    finally:
        QApplication.setFont(desktop_font())
