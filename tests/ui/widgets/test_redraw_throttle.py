"""The one redraw policy: throttled, never skipping the last state, and not while hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from mlpviz.ui.widgets.redraw_throttle import RedrawThrottle


def _window_with_two_tabbed_docks(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("centre"))
    docks = []
    for name in ("front", "back"):
        dock = QDockWidget(name, window)
        dock.setWidget(QLabel(name))
        window.addDockWidget(Qt.RightDockWidgetArea, dock)
        docks.append(dock)
    window.tabifyDockWidget(*docks)
    docks[0].raise_()
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    return window, docks


def test_a_tabbed_away_view_redraws_only_when_brought_to_the_front(qtbot, settle):
    window, (front, back) = _window_with_two_tabbed_docks(qtbot)
    calls = []
    throttle = RedrawThrottle(lambda: calls.append(1), 1000, back.widget())
    settle()
    throttle.request()
    assert calls == [] and throttle.pending
    back.raise_()
    qtbot.waitUntil(lambda: calls == [1], timeout=30_000)
    assert not throttle.pending


def test_unthrottled_requests_and_views_outside_a_shown_window_redraw_at_once(qtbot):
    window, (front, back) = _window_with_two_tabbed_docks(qtbot)
    calls = []
    hidden = RedrawThrottle(lambda: calls.append("hidden"), 1000, back.widget())
    hidden.request(throttle=False)  # a Step (not Run): drawn even behind a tab
    lone = QLabel("never shown")
    qtbot.addWidget(lone)
    RedrawThrottle(lambda: calls.append("lone"), 1000, lone).request()
    assert calls == ["hidden", "lone"]
