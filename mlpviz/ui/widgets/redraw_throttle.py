"""Redraw at most N times a second, always once more after the last request, and not while hidden."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


_SHOWN = (QEvent.Show, QEvent.Paint)  # a tab brought to the front is painted, not shown: Qt parks
# tabbed-away docks outside the window instead of hiding them


class RedrawThrottle(QObject):
    """``request()`` calls ``redraw`` now if the last redraw is old enough, else once a little later.

    Cheap to call on every ``state_changed``; the final state is never skipped. A throttled
    request while ``parent`` (the view) is hidden in a shown window (its dock closed or tabbed
    away) draws nothing and marks the view stale: it redraws when shown, or on ``redraw_now``.
    """

    def __init__(self, redraw: Callable[[], None], max_rate: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._redraw = redraw
        self.interval = 1.0 / max_rate
        self._last = -1e9
        self._stale = False  # a request was skipped while the view was hidden
        self._timer = QTimer(self, singleShot=True, timeout=self._on_timer_timeout)
        self._view = parent if isinstance(parent, QWidget) else None
        if self._view is not None:
            self._view.installEventFilter(self)

    def request(self, throttle: bool = True) -> None:
        """Redraw now, or (``throttle`` and too soon since the last redraw, or hidden) later."""
        if not throttle:
            self.redraw_now()
            return
        if self._hidden():
            self._stale = True
            self._timer.stop()
            return
        wait = self.interval - (time.perf_counter() - self._last)
        if wait <= 0:
            self.redraw_now()
        elif not self._timer.isActive():
            self._timer.start(int(wait * 1000) + 1)

    def redraw_now(self) -> None:
        self._timer.stop()
        self._stale = False
        self._last = time.perf_counter()
        self._redraw()

    @property
    def pending(self) -> bool:
        """A redraw is due (later, or when the hidden view is shown)."""
        return self._timer.isActive() or self._stale

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if self._stale and event.type() in _SHOWN and watched is self._view:
            QTimer.singleShot(0, self._redraw_if_stale)
        return False

    def _on_timer_timeout(self) -> None:
        if self._hidden():
            self._stale = True
        else:
            self.redraw_now()

    def _redraw_if_stale(self) -> None:
        if self._stale and not self._hidden():
            self.redraw_now()

    def _hidden(self) -> bool:
        """The view is not on screen although its window is (a closed or tabbed-away dock)."""
        view = self._view
        return (view is not None and view.window().isVisible()
                and (not view.isVisible() or view.visibleRegion().isEmpty()))
