"""View ▸ Messages… (Ctrl+Shift+M, or a click on the status bar's message): a note on a file's encoding, gone from
the status bar after its time, is read again whole, newest first, as plain text; Clear empties the list."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QFileDialog

from mlpviz import i18n
from mlpviz.ui.messages_window import MessagesWindow
from mlpviz.ui.text_size import desktop_font

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"
WAIT_MS = 30_000  # a loaded machine: a bound, never a pace


@pytest.fixture
def shown(window, qtbot):
    """The window at 1024×768, shown and active (its keys reach the actions)."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.canvas.setFocus()
    return window


def open_cp1252(window, qtbot, monkeypatch, tmp_path) -> str:
    """File ▸ Open data… of a Windows-1252 file named like markup, OK: the status bar's message (its long note)."""
    path = tmp_path / "=SUM(A1) <b>x<i>.csv"
    shutil.copy(CASES / "cp1252_header.csv", path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.data_opener.action.trigger()
    qtbot.waitUntil(lambda: "Windows-1252" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    note = window.statusBar().currentMessage()
    assert path.name in note and len(note) > 200
    return note


def messages_window(window, qtbot) -> MessagesWindow:
    qtbot.waitUntil(lambda: window.messages.window is not None and window.messages.window.isVisible(), timeout=WAIT_MS)
    return window.messages.window


def test_a_note_gone_from_the_status_bar_is_read_again_whole_through_ctrl_shift_m(shown, qtbot, monkeypatch, tmp_path):
    note = open_cp1252(shown, qtbot, monkeypatch, tmp_path)
    xor = next(a for a in shown.presets_menu.actions() if a.text().startswith("XOR"))
    xor.trigger()  # the next message takes the note's place
    qtbot.waitUntil(lambda: shown.statusBar().currentMessage().startswith("Preset: XOR"), timeout=WAIT_MS)
    preset = shown.statusBar().currentMessage()
    qtbot.keyClick(shown.canvas, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    box = messages_window(shown, qtbot)
    text = box.text()
    assert note in text and preset in text and text.index(preset) < text.index(note)  # newest first
    assert "=SUM(A1) <b>x<i>.csv" in text  # as written: the view is plain text
    assert box.view.isReadOnly()
    box.view.selectAll()
    box.view.copy()
    assert note in QApplication.clipboard().text()


def test_after_its_time_the_note_is_in_view_messages(shown, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr("mlpviz.ui.window_status.message_ms", lambda text: 300)  # its time, shortened
    note = open_cp1252(shown, qtbot, monkeypatch, tmp_path)
    qtbot.waitUntil(lambda: shown.statusBar().currentMessage() == "", timeout=WAIT_MS)
    (action,) = [a for a in shown.view_menu.actions() if a.text().replace("&", "") == "Messages…"]
    assert action.shortcut().toString() == "Ctrl+Shift+M"
    action.trigger()
    assert note in messages_window(shown, qtbot).text()


def test_a_click_on_the_status_bars_message_opens_the_messages_and_its_tooltip_says_so(shown, qtbot):
    shown.show_message("Loaded <b>x</b>.csv: 4 rows")
    label = shown.status_message.label
    qtbot.waitUntil(lambda: label.text() == "Loaded <b>x</b>.csv: 4 rows", timeout=WAIT_MS)
    tip = QTextDocumentFragment.fromHtml(label.toolTip()).toPlainText().strip()
    assert tip.startswith("Loaded <b>x</b>.csv: 4 rows") and "View ▸ Messages…" in tip
    qtbot.mouseClick(label, Qt.LeftButton, pos=QPoint(10, label.height() // 2))
    assert messages_window(shown, qtbot).text().endswith("  Loaded <b>x</b>.csv: 4 rows")


def test_clear_empties_the_list_and_new_messages_come_on_top(shown, qtbot):
    for text in ("first", "second", "second"):
        shown.show_message(text)
    shown.messages.action.trigger()
    box = messages_window(shown, qtbot)
    lines = box.text().split("\n\n")
    assert len(lines) == 2 and lines[0].endswith(" (×2)  second") and lines[1].endswith("  first")
    qtbot.keyClick(box.view, Qt.Key_Return)  # Enter closes: it does not clear
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)
    assert len(shown.messages.log) == 2
    shown.messages.action.trigger()
    assert messages_window(shown, qtbot) is box and box.text().split("\n\n") == lines
    qtbot.mouseClick(box.clear_button, Qt.LeftButton)
    assert box.text() == "" and len(shown.messages.log) == 0 and not box.clear_button.isEnabled()
    shown.show_message("third")
    qtbot.waitUntil(lambda: box.text().endswith("  third"), timeout=WAIT_MS)


def test_the_messages_window_in_chinese(shown, qtbot):
    from mlpviz.ui.translator import install_language

    shown.language.actions[i18n.CHINESE].trigger()
    try:
        action = shown.messages.action
        assert "&" in action.text() and "Messages" not in action.text()  # translated, with its access key
        action.trigger()
        box = messages_window(shown, qtbot)
        assert box.windowTitle() == "消息" and box.view.placeholderText() and "Messages" not in box.clear_button.text()
        tip = QTextDocumentFragment.fromHtml(shown.status_message.label.toolTip()).toPlainText()
        assert "消息" in tip and "Click" not in tip
    finally:
        install_language(i18n.ENGLISH)
        QApplication.setFont(desktop_font())
