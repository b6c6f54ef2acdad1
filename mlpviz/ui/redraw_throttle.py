"""Redraw at most N times a second, and always once more after the last request."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer


class RedrawThrottle(QObject):
    """``request()`` calls ``redraw`` now if the last redraw is old enough, else once a little later.

    Cheap to call on every ``state_changed``; the final state is never skipped.
    """

    def __init__(self, redraw: Callable[[], None], max_rate: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._redraw = redraw
        self.interval = 1.0 / max_rate
        self._last = -1e9
        self._timer = QTimer(self, singleShot=True, timeout=self.redraw_now)

    def request(self, throttle: bool = True) -> None:
        """Redraw now, or (``throttle`` and too soon since the last redraw) once a little later."""
        if not throttle:
            self.redraw_now()
            return
        wait = self.interval - (time.perf_counter() - self._last)
        if wait <= 0:
            self.redraw_now()
        elif not self._timer.isActive():
            self._timer.start(int(wait * 1000) + 1)

    def redraw_now(self) -> None:
        self._timer.stop()
        self._last = time.perf_counter()
        self._redraw()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
