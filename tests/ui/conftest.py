"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt


@pytest.fixture(scope="session", autouse=True)
def qt_classes_built():
    """PySide6's classes built, as a launched app has them a second after its first picture
    (``ui/app.py``, ``build_qt_classes_then_freeze``): a test's first dialog does not build them."""
    from mlpviz.ui.qt_imports import build_qt_names, unbuilt_qt_names

    build_qt_names(unbuilt_qt_names())


@pytest.fixture
def window(qtbot, tmp_path):
    """A main window (not shown) with its own settings file and animation off, so steps apply at once."""
    from mlpviz.ui.main_window import MainWindow

    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.session.set_animate(False)
    w.data_opener.preview = accept_as_detected
    return w


@pytest.fixture
def open_file(window, monkeypatch):
    """File ▸ Open… in ``window``, answered with the path given (the import preview's OK pressed at once)."""
    from .acting import open_through_menu

    return lambda path: open_through_menu(window, monkeypatch, path)


@pytest.fixture
def message_boxes(monkeypatch):
    """Message boxes the code under test opens: recorded (title, text, text format), never shown."""
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def record(box):
        shown.append((box.windowTitle(), box.text(), box.textFormat()))
        return QMessageBox.StandardButton.Ok

    def record_static(parent, title, text, *args, **kwargs):  # the static helpers guess the format: AutoText
        shown.append((title, text, Qt.TextFormat.AutoText))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, record_static)
    return shown


def accept_as_detected(path, parent=None):
    """The import preview's OK pressed at once: the file as detected (a file that does not fit raises)."""
    from mlpviz.io import read_csv_table

    return read_csv_table(path)
