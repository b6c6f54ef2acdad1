"""The pointer hint under the network: a line on a tall canvas; on a short one (a 1024×768 projector) and
while presenting, its height goes to the numbers and the hint to the status bar while the pointer is over it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from PySide6.QtWidgets import QApplication

from mlpviz.app.presets import apply_preset
from mlpviz.ui.canvas.network_canvas import HINT, HINT_ROOM_PX
from mlpviz.ui.text_size import desktop_font


def shown(window, qtbot, width, height):
    window.session.set_animate(False)
    apply_preset(window.session, "iris")
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window.canvas


def units_lines(canvas) -> list[bool]:
    """Whether each layer title has its "N units" line, as drawn."""
    return ["units" in title.textItem.toPlainText() for title in canvas._layer_titles]


def test_a_tall_canvas_writes_the_hint_under_the_network(window, qtbot):
    canvas = shown(window, qtbot, 1600, 1150)
    qtbot.waitUntil(lambda: canvas.height() >= HINT_ROOM_PX)
    qtbot.waitUntil(lambda: "Drag to pan" in canvas.note.text)
    assert canvas.note.geometry().height() > 10 and canvas.statusTip() == ""
    qtbot.waitUntil(lambda: units_lines(canvas) == [True] * 3)  # "4 units" under "inputs"


def test_a_short_canvas_gives_the_layer_titles_units_line_to_the_numbers_and_a_tall_one_brings_it_back(window, qtbot):
    """Chinese at 1024×768: 8 rows of values and bias labels under two lines of layer titles were 14 px, not 16."""
    canvas = shown(window, qtbot, 1024, 740)
    qtbot.waitUntil(lambda: canvas.height() < HINT_ROOM_PX)
    qtbot.waitUntil(lambda: units_lines(canvas) == [False] * 3)
    window.resize(1600, 1150)
    qtbot.waitUntil(lambda: canvas.height() >= HINT_ROOM_PX)
    qtbot.waitUntil(lambda: units_lines(canvas) == [True] * 3)


def test_a_short_canvas_gives_the_line_to_the_network_and_the_hint_to_the_status_bar(window, qtbot):
    canvas = shown(window, qtbot, 1024, 740)
    qtbot.waitUntil(lambda: canvas.height() < HINT_ROOM_PX)
    qtbot.waitUntil(lambda: canvas.note.text == "" and canvas.note.geometry().height() == 0)
    assert canvas.statusTip() == str(HINT)
    window.statusBar().clearMessage()  # the preset's "Loaded …" message is over (a message is kept: see below)
    QTest.mouseMove(canvas.viewport(), QPoint(canvas.width() // 2, canvas.height() // 2))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == str(HINT))


def test_presenting_gives_the_hint_line_to_the_network_and_esc_brings_back_what_was_there(window, qtbot):
    screen = window.screen().availableGeometry()  # Esc brings back a window on this screen
    canvas = shown(window, qtbot, screen.width() - 10, screen.height() - 10)
    window.activateWindow()
    canvas.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: abs(window.width() - screen.width() + 10) < 20)
    before = (canvas.note.text, canvas.statusTip())
    qtbot.keyClick(canvas, Qt.Key_F5)
    qtbot.waitUntil(lambda: window.presenting)
    qtbot.waitUntil(lambda: canvas.note.text == "" and canvas.note.geometry().height() == 0)
    assert canvas.statusTip() == str(HINT)
    qtbot.keyClick(canvas, Qt.Key_Escape)
    QApplication.setFont(desktop_font())
    qtbot.waitUntil(lambda: not window.presenting and not window.isFullScreen())
    qtbot.waitUntil(lambda: (canvas.note.text, canvas.statusTip()) == before)


def test_passing_over_the_network_leaves_a_refusal_in_the_status_bar(window, qtbot):
    canvas = shown(window, qtbot, 1024, 740)
    qtbot.waitUntil(lambda: canvas.statusTip() == str(HINT))
    window.show_message("Refused: the file has no rows.")
    QTest.mouseMove(canvas.viewport(), QPoint(canvas.width() // 2, canvas.height() // 2))
    QTest.mouseMove(window.statusBar(), QPoint(5, 5))  # and out again
    qtbot.wait(50)  # (events only: nothing is timed)
    assert window.statusBar().currentMessage() == "Refused: the file has no rows."


def test_the_hint_held_back_by_a_message_comes_when_the_message_ends_with_the_pointer_still_over_the_network(
        window, qtbot, monkeypatch):
    """It came back only when the pointer left the network and came back."""
    from mlpviz.ui import window_status

    monkeypatch.setattr(window_status, "message_ms", lambda text: 1500)  # a message's time, shortened
    canvas = shown(window, qtbot, 1024, 740)
    qtbot.waitUntil(lambda: canvas.statusTip() == str(HINT))
    window.statusBar().clearMessage()  # the preset's "Loaded …" message is over
    QTest.mouseMove(window.statusBar(), QPoint(5, 5))  # the pointer away from the network
    window.show_message("Refused: the file has no rows.")
    QTest.mouseMove(canvas.viewport(), QPoint(canvas.width() // 2, canvas.height() // 2))  # and onto it
    assert window.statusBar().currentMessage() == "Refused: the file has no rows."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == str(HINT), timeout=20000)  # the message's time is over
    assert window.status_message.label.text() == str(HINT)
    QTest.mouseMove(window.statusBar(), QPoint(5, 5))  # the pointer leaves: the hint goes
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=20000)


def test_no_hint_comes_back_when_the_pointer_left_the_network_during_the_message(window, qtbot, monkeypatch):
    from mlpviz.ui import window_status

    monkeypatch.setattr(window_status, "message_ms", lambda text: 1500)
    canvas = shown(window, qtbot, 1024, 740)
    qtbot.waitUntil(lambda: canvas.statusTip() == str(HINT))
    window.statusBar().clearMessage()
    QTest.mouseMove(window.statusBar(), QPoint(5, 5))
    window.show_message("Refused: the file has no rows.")
    QTest.mouseMove(canvas.viewport(), QPoint(canvas.width() // 2, canvas.height() // 2))
    QTest.mouseMove(window.statusBar(), QPoint(5, 5))  # passed over, and out again
    ended = []
    window.statusBar().messageChanged.connect(lambda m: ended.append(m))
    qtbot.waitUntil(lambda: bool(ended), timeout=20000)
    assert ended == [""] and window.statusBar().currentMessage() == ""
