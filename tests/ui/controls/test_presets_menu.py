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
