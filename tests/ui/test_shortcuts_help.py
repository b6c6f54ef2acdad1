"""Help ▸ Keyboard shortcuts (F1), read as a user reads it: every key the window answers, each once, taken from the
actions themselves (a clicker's Page Down, Page Up, B and ".", Esc, Ctrl+Y), in the language chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from mlpviz import i18n
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import desktop_font

WAIT_MS = 30_000  # a loaded machine: a bound, never a pace


@pytest.fixture
def shown(qtbot, tmp_path):
    """A shown, active window in English (so its keys reach the actions); English again afterwards."""
    from mlpviz.ui.translator import install_language

    install_language(i18n.ENGLISH)
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.canvas.setFocus()
    yield w
    install_language(i18n.ENGLISH)
    QApplication.setFont(desktop_font())


def press_f1(window, qtbot) -> QMessageBox:
    """F1 pressed on the canvas: the box it opens."""
    qtbot.keyClick(window.canvas, Qt.Key_F1)
    qtbot.waitUntil(lambda: any(box.isVisible() for box in window.findChildren(QMessageBox)), timeout=WAIT_MS)
    (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    return box


def keys_and_texts(box: QMessageBox) -> list[tuple[list[str], str]]:
    """The box's lines as (keys, what they do)."""
    rows = []
    for line in box.text().splitlines():
        keys, text = line.split(" — ")
        rows.append((keys.split(", "), text))
    return rows


def test_f1_lists_every_key_once_with_the_clicker_keys_esc_and_redo(shown, qtbot):
    box = press_f1(shown, qtbot)
    assert box.windowTitle() == "Keyboard shortcuts"
    lines = box.text().splitlines()
    assert len(lines) == len(set(lines))
    assert lines.count("Ctrl+Shift+L — Loss landscape") == 1  # in Train and in View: one action, listed once
    rows = keys_and_texts(box)
    keys = [key for row_keys, _ in rows for key in row_keys]
    assert len(keys) == len(set(keys)), [key for key in keys if keys.count(key) > 1]
    as_read = {text: row_keys for row_keys, text in rows}
    native = lambda key: QKeySequence(key).toString(QKeySequence.NativeText)  # noqa: E731
    assert as_read["Step"] == [native(Qt.Key_Right), native(Qt.Key_PageDown), "."]
    assert as_read["Previous step"] == [native(Qt.Key_Left), native(Qt.Key_PageUp), "B"]
    assert as_read["Leave presentation"] == [native(Qt.Key_Escape)]
    assert as_read["Redo"] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert as_read["Presentation panel ▸ Weights and biases"] == ["Ctrl+1"]  # not just "Weights and biases"
    assert as_read["Keyboard shortcuts"] == [native(Qt.Key_F1)]


def test_f1_lists_every_key_of_every_action_the_window_holds(shown, qtbot):
    """Written once: a key given to an action anywhere in the window shows in the list without being listed apart."""
    listed = {key for row_keys, _ in keys_and_texts(press_f1(shown, qtbot)) for key in row_keys}
    held = {key.toString(QKeySequence.NativeText) for action in shown.findChildren(QAction) for key in action.shortcuts()}
    assert held and held == listed


def test_f1_in_chinese(shown, qtbot):
    shown.language.actions[i18n.CHINESE].trigger()
    box = press_f1(shown, qtbot)
    assert box.windowTitle() == "键盘快捷键"
    as_read = {text: row_keys for row_keys, text in keys_and_texts(box)}
    assert as_read["单步"][1:] == [QKeySequence(Qt.Key_PageDown).toString(QKeySequence.NativeText), "."]
    assert as_read["上一步"][-1] == "B" and "退出演示" in as_read and "重做" in as_read
    assert as_read["演示面板 ▸ 权重和偏置"] == ["Ctrl+1"]
    assert not any("(&" in text or "&" in text for text in as_read)  # access keys left out
