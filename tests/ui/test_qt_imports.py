"""pyqtgraph is imported through lazy mirrors of PySide6 (mlpviz/ui/qt_imports.py): it works as before,
PySide6 is left as it was, and starting the views no longer builds every PySide6 class."""

from __future__ import annotations

import subprocess
import sys

import mlpviz.ui  # noqa: F401 - imports pyqtgraph through the mirrors


def test_pyqtgraph_names_are_pyside6s_and_its_own_additions_stay_in_its_mirrors():
    import PySide6.QtCore
    import PySide6.QtWidgets
    from pyqtgraph.Qt import QT_LIB, QtCore, QtGui, QtWidgets

    assert QT_LIB == "PySide6"
    assert QtCore.QObject is PySide6.QtCore.QObject
    assert QtWidgets.QGraphicsView is PySide6.QtWidgets.QGraphicsView
    assert QtGui.QFileSystemModel is PySide6.QtWidgets.QFileSystemModel  # pyqtgraph's Qt5-style addition
    assert not hasattr(PySide6.QtGui, "QFileSystemModel")  # ... in its mirror only
    assert "QObject" in dir(QtCore)


def test_pyside6_lists_its_names_again_after_the_import():
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets

    for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets):
        assert "__dir__" not in module.__dict__ or module.__dir__ is not list
        assert len(dir(module)) > 150


def test_importing_the_views_builds_only_the_pyside6_classes_they_use():
    code = ("import mlpviz.ui.main_window, PySide6.QtWidgets as w, PySide6.QtGui as g\n"
            "print(len(w.__dict__), len(dir(w)), len(g.__dict__), len(dir(g)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    widgets_built, widgets, gui_built, gui = map(int, out.stdout.split())
    assert widgets_built < 0.8 * widgets
    assert gui_built < 0.8 * gui


def test_a_plot_draws_through_the_mirrors(qtbot):
    import numpy as np
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    curve = plot.plot(np.arange(5.0), np.arange(5.0) ** 2)
    plot.resize(200, 150)
    image = plot.grab().toImage()
    assert image.width() == 200
    assert list(curve.getData()[1]) == [0.0, 1.0, 4.0, 9.0, 16.0]


def test_a_name_looked_up_once_is_the_mirrors_own_from_then_on():
    import PySide6.QtCore
    from pyqtgraph.Qt import QtCore

    QtCore.QTimeZone  # noqa: B018 - the lookup is the point
    assert QtCore.__dict__["QTimeZone"] is PySide6.QtCore.QTimeZone


def test_the_app_builds_the_remaining_classes_in_later_turns_then_freezes(qtbot, qapp, monkeypatch):
    from mlpviz.ui import app as app_module
    from mlpviz.ui import qt_imports

    class Module:  # stands for a PySide6 module: records the names asked for
        asked: list[str] = []

        def __getattr__(self, name):
            self.asked.append(name)
            return name

    module = Module()
    names = [(module, f"Q{i}") for i in range(3 * app_module.BUILD_PER_TURN + 1)]
    monkeypatch.setattr(qt_imports, "unbuilt_qt_names", lambda: list(names))
    frozen = []
    monkeypatch.setattr(app_module, "freeze_startup_objects", lambda: frozen.append(len(module.asked)))
    app_module.build_qt_classes_then_freeze(qapp)
    assert module.asked == []  # not now: in the event loop's next turns
    qtbot.waitUntil(lambda: bool(frozen), timeout=30_000)
    assert module.asked == [name for _, name in names]
    assert frozen == [len(names)]  # frozen once, after the last


def test_after_the_build_no_pyside6_class_is_left_to_build():
    from mlpviz.ui.qt_imports import unbuilt_qt_names

    assert unbuilt_qt_names() == []  # the session fixture built them, as the app does after its first picture
