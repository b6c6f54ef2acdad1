"""The Presets menu sets everything in one click and says so in the status bar."""

import numpy as np
from PySide6.QtCore import QSettings

from mlpviz.ui.main_window import MainWindow


def test_presets_menu_applies_the_worked_example(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles.index("&Presets") == titles.index("&View") - 1
    action = next(a for a in w.presets_menu.actions() if a.objectName() == "preset-worked-222")
    action.trigger()
    assert w.session.arch.sizes == (2, 2, 2)
    np.testing.assert_array_equal(w.session.params.weights[0], [[0.15, 0.25], [0.20, 0.30]])
    assert "Worked example" in w.statusBar().currentMessage()
    assert w.data_panel.model.rowCount() == 1 and w.data_panel.model.value(0, 3) == 0.99
    assert w.session.config.learning_rate == 0.5


def test_a_preset_clears_a_refused_entry_in_every_training_field(qtbot, tmp_path):
    """A tester typed "a" into Momentum: its red frame stayed through presets and file loads (issue 22)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    form = w.control_panel.optimizer_form
    for spin in (w.control_panel.lr_spin, form.spins["momentum"], form.warmup_spin):
        spin.setFocus()
        spin.lineEdit().selectAll()
        QTest.keyClicks(spin, "a")
        QTest.keyClick(spin, Qt.Key_Return)
        assert spin.refusal and spin.styleSheet(), spin.objectName()  # said at the field, in red
    next(a for a in w.presets_menu.actions() if a.objectName() == "preset-xor").trigger()
    for spin in (w.control_panel.lr_spin, form.spins["momentum"], form.warmup_spin):
        assert not spin.refusal and not spin.styleSheet(), spin.objectName()
