"""A long status-bar message is read whole at 1024×768: it wraps to a second line left of the numbers."""

from __future__ import annotations

import pathlib
import shutil

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QToolTip

from mlpviz.ui.text_size import desktop_font

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"

CLICK = "Click: every message so far (View ▸ Messages…)"
LONG = ("Loaded xor_pm1.csv: 4 rows, 2 inputs, targets −1 and +1; the output was set to tanh with mse, one "
        "output per target column, and the network re-initialised")


def test_a_long_message_wraps_whole_left_of_the_numbers_at_1024x768(window, qtbot):
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    window.show_message(LONG)
    label = window.status_message.label
    qtbot.waitUntil(lambda: label.isVisible() and label.text() == LONG)
    assert window.statusBar().currentMessage() == LONG  # the bar's own message, as before
    assert "tanh with mse, one output per target column" in label.toolTip()  # the whole message, as plain text
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))  # every wrapped line shown
    assert label.height() > label.fontMetrics().lineSpacing()  # it did need a second line at this width
    numbers = window.status_numbers.step_label
    assert label.geometry().right() < numbers.geometry().left()  # not under the numbers
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: label.text() == "")


def test_a_message_longer_than_two_lines_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(window, qtbot):
    """A tester read the middle of a 3-line message at 1024×768: its first and last lines were cut."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    longer = " ".join([LONG] * 4)
    window.show_message(longer)
    label = window.status_message.label
    qtbot.waitUntil(lambda: label.isVisible() and label.text().endswith("…"))
    assert longer.startswith(label.text()[:-1].rstrip())  # its beginning, as written
    assert label.heightForWidth(label.width()) <= label.height()  # every line drawn shown, none cut
    assert "re-initialised" in label.toolTip() and window.statusBar().currentMessage() == longer


def test_a_long_chinese_message_takes_two_whole_lines(window, qtbot):
    """zh_CN at 1024×768: Chinese lines are taller than the font's line spacing, and a long message was cut to
    one line ending in "…"."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    chinese = "已载入 titanic_text.csv：891 行，8 个输入，目标 Survived 有 2 个类别；网络已重新初始化。" * 3
    window.show_message(chinese)
    label = window.status_message.label
    qtbot.waitUntil(lambda: label.isVisible() and label.text().endswith("…"))
    assert label.height() >= 2 * label.fontMetrics().lineSpacing() - 2  # two lines, the second ending in "…"
    assert label.heightForWidth(label.width()) <= label.height()  # both shown whole


def _hover_tooltip(qtbot, label):
    """The tooltip window shown once the pointer rests on ``label``."""
    QTest.mouseMove(label, QPoint(40, label.height() // 2))
    QTest.mouseMove(label, QPoint(50, label.height() // 2))
    qtbot.waitUntil(QToolTip.isVisible, timeout=20000)
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label" and w.isVisible())


def test_the_tooltip_of_an_opened_files_message_wraps_on_the_screen_and_shows_its_name_literally(
        window, qtbot, monkeypatch, tmp_path):
    """File ▸ Open a Windows-1252 file, OK, hover the status bar: the tooltip was one line cut at the screen's edge."""
    path = tmp_path / "=SUM(A1) <b>x<i>.csv"  # ("/" cannot be in a file name: "</b>" is tried below)
    shutil.copy(CASES / "cp1252_header.csv", path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    window.document_actions.open_action.trigger()  # File ▸ Open…; the preview's OK (the fixture's)
    label = window.status_message.label
    qtbot.waitUntil(lambda: path.name in window.statusBar().currentMessage(), timeout=20000)
    tip = _hover_tooltip(qtbot, label)
    screen = window.screen().availableGeometry()
    assert screen.left() <= tip.geometry().left() and tip.geometry().right() <= screen.right()  # whole on the screen
    lines = tip.height() // tip.fontMetrics().lineSpacing()
    # wrapped, not to a narrow column (Qt: 9 lines); then a blank line and what a click does
    assert tip.width() <= 0.7 * screen.width() and 2 + 2 < lines <= 6 + 2
    shown = QTextDocumentFragment.fromHtml(tip.text()).toPlainText().replace("\u2028", " ").replace("\n", " ").strip()
    assert shown == window.statusBar().currentMessage() + "  " + CLICK  # the whole message, its name as written
    assert "=SUM(A1) <b>x<i>.csv" in shown and "Windows-1252" in shown


def test_a_name_with_markup_reads_literally_in_the_tooltip_and_the_tooltip_ends_with_its_message(window, qtbot):
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    text = "Loaded <b>x</b> =SUM(A1).csv: " + LONG
    window.statusBar().showMessage(text, 3000)  # as show_message, with a shorter time
    label = window.status_message.label
    label.setToolTipDuration(10 * 60 * 1000)  # a slow reader's tooltip: up until something hides it
    qtbot.waitUntil(lambda: label.text().startswith("Loaded <b>x</b>"), timeout=20000)
    tip = _hover_tooltip(qtbot, label)
    assert QTextDocumentFragment.fromHtml(tip.text()).toPlainText().strip().startswith("Loaded <b>x</b> =SUM(A1).csv: ")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=20000)  # its time is over
    assert QTextDocumentFragment.fromHtml(label.toolTip()).toPlainText().strip() == CLICK  # the message gone
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=20000)  # and the tooltip went with it


def test_after_presenting_a_message_is_as_tall_as_before(window, qtbot):
    """F5 then Esc: the label measured 37 px for a two-line message that took 28 before (its height while
    presenting, kept as its minimum, was counted in its own measure)."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    label = window.status_message.label
    window.statusBar().showMessage(LONG)  # kept while presenting (no time limit)
    qtbot.waitUntil(lambda: label.text() == LONG and label.height() > label.fontMetrics().lineSpacing(), timeout=20000)
    before = (label.heightForWidth(label.width()), label.height())
    line = label.fontMetrics().lineSpacing()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=20000)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_F5)  # presenting: the text twice as big, the message as tall as it wraps
    qtbot.waitUntil(lambda: window.presenting and label.fontMetrics().lineSpacing() > line, timeout=20000)
    qtbot.waitUntil(lambda: label.height() > before[1], timeout=20000)
    qtbot.keyClick(window.canvas, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not window.presenting and label.fontMetrics().lineSpacing() == line, timeout=20000)
    window.setGeometry(QRect(0, 0, 1024, 768))  # (Esc puts the window back on the screen: as wide as before)
    qtbot.waitUntil(lambda: label.text() == LONG, timeout=20000)
    qtbot.waitUntil(lambda: (label.heightForWidth(label.width()), label.height()) == before, timeout=20000)
    QApplication.setFont(desktop_font())  # (as the other presenting tests leave it)


def laid_out() -> None:
    """Every layout Qt was asked to redo, done now (the label's, then the bar's, then the window's)."""
    for _ in range(4):
        QApplication.sendPostedEvents(None, QEvent.LayoutRequest)


def test_the_window_above_the_status_bar_keeps_its_place_when_a_long_message_comes_and_goes(window, qtbot):
    """At 1024×768 a two-line message made the bar 11 px taller: the canvas shrank and its network was fitted
    again (every node moved), and back when the message ended."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    label, bar = window.status_message.label, window.statusBar()
    bar.clearMessage()
    laid_out()
    before = (window.canvas.height(), bar.height())
    for text in ("Saved.", LONG, " ".join([LONG] * 3), ""):
        window.show_message(text) if text else bar.clearMessage()
        qtbot.waitUntil(lambda: label.text() == text or label.text().endswith("…"), timeout=20000)
        laid_out()
        assert (window.canvas.height(), bar.height()) == before, text
        assert label.heightForWidth(label.width()) <= label.height()  # the message's lines shown whole


def test_a_long_message_stays_long_enough_to_read(window, qtbot, monkeypatch):
    """A 266-character note on a file's encoding went after 6 s, before a fresh tester had read its first line."""
    from mlpviz.ui.status_message import SHOWN_MS, message_ms

    bar, shown = window.statusBar(), []
    show = bar.showMessage
    monkeypatch.setattr(bar, "showMessage", lambda text, ms=0: (shown.append((text, ms)), show(text, ms)))
    next(a for a in window.presets_menu.actions() if a.objectName() == "preset-iris").trigger()
    qtbot.waitUntil(lambda: any(len(text) > 120 for text, _ms in shown))
    text, ms = next((text, ms) for text, ms in shown if len(text) > 120)
    assert ms == message_ms(text) > SHOWN_MS + 4000, (len(text), ms)
    assert message_ms("Refused: the file has no rows.") == SHOWN_MS and message_ms("x" * 5000) == 30000
