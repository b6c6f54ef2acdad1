"""The desktop layout comes back: after presenting (F5, Ctrl+=, Esc), after quitting while presenting, and
from View ▸ Reset layout; a new window's frame ends inside a 1024×768 screen even when the window manager
adds its title bar after the window is shown (issue 22, items 2 and 3)."""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import desktop_font

from .screens import on_screen

SIDES = ("controls", "weights", "loss")


def sizes(w) -> dict:
    """The side columns' and the bottom row's sizes, and the heights of the bars around the canvas."""
    return {**{k: (w.docks[k].width(), w.docks[k].height()) for k in SIDES},
            "bars": [bar.height() for bar in (w.menuBar(), w.toolbar, w.timeline, w.statusBar())]}


def arrangement(w) -> dict:
    """Where each dock is: its area, shown or not, floating or not, and the docks tabbed with it."""
    return {k: (w.dockWidgetArea(d), d.isHidden(), d.isFloating(),
                sorted(o.objectName() for o in w.tabifiedDockWidgets(d))) for k, d in w.docks.items()}


def settle(qtbot) -> None:
    """Until a zero timer queued now has fired (the window's own deferred layout work runs before it)."""
    for _ in range(2):
        fired = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired))


def launch(qtbot, path) -> MainWindow:
    w = MainWindow(settings=QSettings(str(path), QSettings.IniFormat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w.document, "modified", False))
    w.session.set_animate(False)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot)
    w.canvas.setFocus()
    return w


@pytest.fixture(autouse=True)
def desktop_text(qapp):
    """The desktop's text size again after each test (presentation mode and Ctrl+= set the application's)."""
    yield
    QApplication.setFont(desktop_font())


def test_f5_larger_text_then_esc_brings_back_every_column_and_bar(qtbot, tmp_path):
    w = launch(qtbot, tmp_path / "s.ini")
    before, geometry = sizes(w), w.geometry()
    qtbot.keyClick(w.canvas, Qt.Key_F5)
    qtbot.keyClick(w.canvas, Qt.Key_Equal, Qt.ControlModifier)  # the back row asks for larger text
    qtbot.keyClick(w.canvas, Qt.Key_Equal, Qt.ControlModifier)
    assert w.presenting
    qtbot.keyClick(w.canvas, Qt.Key_Escape)
    assert not w.presenting and w.toolbar.isVisible()
    qtbot.waitUntil(lambda: sizes(w) == before)  # the left column was cut to about half, the status bar doubled
    assert w.geometry() == geometry


def test_quitting_while_presenting_saves_the_layout_from_before(qtbot, tmp_path):
    path = tmp_path / "s.ini"
    first = launch(qtbot, path)
    desktop = first.saveState()
    widths = {k: first.docks[k].width() for k in ("controls", "weights")}
    qtbot.keyClick(first.canvas, Qt.Key_F5)
    qtbot.keyClick(first.canvas, Qt.Key_Equal, Qt.ControlModifier)
    assert first.saveState() == desktop  # while presenting, the layout to keep is the desktop's
    first.close()
    assert QSettings(str(path), QSettings.IniFormat).value("window/state") == desktop
    again = launch(qtbot, path)
    assert not again.isFullScreen() and again.toolbar.isVisible()
    assert {k: again.docks[k].width() for k in ("controls", "weights")} == widths


def test_reset_layout_puts_every_dock_back_as_at_the_first_launch(qtbot, tmp_path):
    w = launch(qtbot, tmp_path / "s.ini")
    first, first_widths = arrangement(w), {k: w.docks[k].width() for k in ("controls", "weights")}
    w.docks["controls"].setFloating(True)  # what a class leaves behind
    w.docks["loss"].toggleViewAction().trigger()
    w.addDockWidget(Qt.LeftDockWidgetArea, w.docks["weights"])
    w.resizeDocks([w.docks["dataset"]], [130], Qt.Horizontal)
    settle(qtbot)
    assert arrangement(w) != first
    reset = next(a for a in w.view_menu.actions() if a.text().replace("&", "") == "Reset layout")
    reset.trigger()
    qtbot.waitUntil(lambda: arrangement(w) == first)
    qtbot.waitUntil(lambda: {k: w.docks[k].width() for k in ("controls", "weights")} == first_widths)
    assert w.screen().availableGeometry().contains(w.frameGeometry())
    w.close()
    again = launch(qtbot, tmp_path / "s.ini")  # the reset layout is the one kept
    assert arrangement(again) == first


PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QElapsedTimer, QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import pyqtgraph  # noqa: F401  (after PySide6)
    from mlpviz.ui.main_window import MainWindow

    w = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat))
    w.show()
    available = w.screen().availableGeometry()

    def until(done, ms=20000):
        clock = QElapsedTimer()
        clock.start()
        while not done() and clock.elapsed() < ms:
            app.processEvents()
        return done()

    def rect(r):
        return [r.x(), r.y(), r.width(), r.height()]

    def bar_bottom():
        bar = w.statusBar()
        return bar.mapToGlobal(bar.rect().bottomLeft()).y()

    inside = lambda: available.contains(w.frameGeometry())
    shown = until(lambda: w.isVisible() and inside())
    first = rect(w.frameGeometry())
    # a window manager adds its title bar only now: the client area moves down by its height
    w.move(w.frameGeometry().x(), w.frameGeometry().y() + 24)
    pushed = rect(w.frameGeometry())
    back = until(inside)
    print("PROBE " + json.dumps({"screen": rect(available), "first": first, "pushed": pushed,
                                 "frame": rect(w.frameGeometry()), "bar_bottom": bar_bottom(),
                                 "shown": shown, "back": back}))
    w.close()
""")


@pytest.mark.slow
def test_the_frame_and_status_bar_stay_on_a_1024x768_screen_when_the_title_bar_comes_late(tmp_path):
    got = on_screen(PROBE, tmp_path, 1024, 768, args=(tmp_path / "s.ini",), timeout=120)
    screen = QRect(*got["screen"])
    assert screen.size().width() == 1024 and screen.size().height() == 768
    assert got["shown"] and screen.contains(QRect(*got["first"])), got
    assert not screen.contains(QRect(*got["pushed"])), got  # the frame really went below the screen
    assert got["back"] and screen.contains(QRect(*got["frame"])), got
    assert got["bar_bottom"] <= screen.bottom(), got  # the status bar, with accuracy and refusals, is seen


def test_the_status_bar_is_as_tall_as_its_text_after_larger_then_smaller_text(qtbot, tmp_path):
    w = launch(qtbot, tmp_path / "s.ini")
    height = w.statusBar().height()
    labels = (w.step_label, w.loss_label, w.rate_label, w.fps_label)
    for key in (Qt.Key_F5, Qt.Key_Escape, Qt.Key_Equal, Qt.Key_Minus):  # the bar hidden, then shown, at each size
        qtbot.keyClick(w.canvas, key, Qt.ControlModifier if key in (Qt.Key_Equal, Qt.Key_Minus) else Qt.NoModifier)
        settle(qtbot)
        assert all(label.height() <= label.fontMetrics().height() + 2 for label in labels), key
    qtbot.waitUntil(lambda: w.statusBar().height() == height)
