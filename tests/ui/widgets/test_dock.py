"""Dock titles drawn at the text size: larger in presentation mode (F5) and with Ctrl+=, back after Esc (issue 22)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication

from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import desktop_font


@pytest.fixture
def shown(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w.document, "modified", False))
    w.session.set_animate(False)
    w.show()
    qtbot.waitExposed(w)
    w.canvas.setFocus()
    yield w
    QApplication.setFont(desktop_font())


def settle(qtbot) -> None:
    """Until a zero timer queued now has fired (the window's deferred layout work runs before it)."""
    for _ in range(2):
        fired = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired), timeout=20000)


def title_ink_height(dock) -> int:
    """How tall the title's letters are drawn, in pixels: the rows of the title bar, left of its buttons,
    with a pixel far from the bar's own colour."""
    buttons = [b.geometry().left() for b in dock.findChildren(QAbstractButton, options=Qt.FindDirectChildrenOnly)
               if b.isVisible()]  # (the title bar's: the panel's own check boxes may sit at its left edge)
    bar = QRect(0, 0, min(buttons, default=dock.width()), dock.widget().geometry().top())
    image = dock.grab(bar).toImage()
    background = image.pixelColor(1, 1).lightness()
    rows = [y for y in range(image.height())
            if any(abs(image.pixelColor(x, y).lightness() - background) > 80 for x in range(image.width()))]
    return rows[-1] - rows[0] + 1 if rows else 0


def key(qtbot, w, k, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(w.canvas, k, modifier)
    settle(qtbot)


def test_the_shown_docks_title_follows_the_presentation_text_and_comes_back_after_esc(shown, qtbot):
    w = shown
    w.set_presentation_panel("loss")
    dock = w.docks["loss"]
    settle(qtbot)
    desktop = title_ink_height(dock)
    assert desktop > 4  # the title is drawn
    key(qtbot, w, Qt.Key_F5)
    assert w.presenting and dock.isVisible()
    presenting = title_ink_height(dock)
    assert presenting >= 1.6 * desktop, (desktop, presenting)  # text at 2×: it stayed at the desktop size
    key(qtbot, w, Qt.Key_Equal, Qt.ControlModifier)
    assert title_ink_height(dock) > presenting
    key(qtbot, w, Qt.Key_Minus, Qt.ControlModifier)
    key(qtbot, w, Qt.Key_Minus, Qt.ControlModifier)
    assert title_ink_height(dock) < presenting
    key(qtbot, w, Qt.Key_Escape)
    assert not w.presenting
    assert title_ink_height(dock) == desktop


def test_a_docks_title_follows_larger_text_on_the_desktop_too(shown, qtbot):
    w = shown
    dock = w.docks["loss"]
    settle(qtbot)
    desktop = title_ink_height(dock)
    for _ in range(4):  # 1.0 → 1.75
        key(qtbot, w, Qt.Key_Equal, Qt.ControlModifier)
    assert title_ink_height(dock) >= 1.4 * desktop
    key(qtbot, w, Qt.Key_0, Qt.ControlModifier)
    assert title_ink_height(dock) == desktop
