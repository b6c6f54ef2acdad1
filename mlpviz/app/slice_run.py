"""Fast Run on the GUI thread, where no worker process can be started (``background_run.py``).

Training runs in short slices between looks at the event queue, so input is never blocked,
and a picture is published only while the time spent outside training stays within a
share of the thread: slow drawing means fewer pictures, not less training.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer

from mlpviz.engine import StepRecord

SLICE_SECONDS = 0.012  # longest stretch of training between two looks at the event queue
FRAME_SECONDS = 1 / 30  # fastest rate of pictures: smooth to watch
DRAW_SHARE = 0.25  # the share of the GUI thread's time that pictures (and input) may take
DRAW_CREDIT_SECONDS = (-0.5, 0.05)  # floor and cap of the drawing budget: one slow picture delays the next
# few, not the next minute; an idle moment does not buy a burst of pictures


class SliceRun(QObject):
    """Calls ``advance()`` (a StepRecord, or None when the step was refused) in slices while running;
    ``show(record)`` publishes the latest step as a picture when the budget allows one."""

    def __init__(self, advance: Callable[[], StepRecord | None], show: Callable[[StepRecord], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._advance, self._show = advance, show
        self.running = False
        self._pending: StepRecord | None = None  # latest step waiting to be published
        self._draw_credit = 0.0  # seconds of drawing the budget allows now
        self._slice_end: float | None = None  # when the last slice ended
        self._last_picture = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.running = True
        self._slice_end, self._draw_credit, self._pending = None, 0.0, None
        self._timer.start()

    def stop(self) -> None:
        self.running = False
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        start = time.perf_counter()
        if self._slice_end is not None:  # the time since the last slice went to pictures and input
            self._draw_credit -= start - self._slice_end
        record = None
        while self.running and time.perf_counter() - start < SLICE_SECONDS:
            record = self._advance() or record
        end = time.perf_counter()
        low, high = DRAW_CREDIT_SECONDS
        self._draw_credit = min(high, max(low, self._draw_credit + (end - start) * DRAW_SHARE / (1 - DRAW_SHARE)))
        self._slice_end = end if self.running else None
        if record is not None and self.running:
            # Publish from the next turn of the event loop, not from inside the slice: input
            # and timers get a look-in between the training and the views' redrawing.
            if self._pending is None:
                QTimer.singleShot(0, self._publish_pending)
            self._pending = record

    def _publish_pending(self) -> None:
        record, self._pending = self._pending, None
        if record is None or not self.running:
            return
        now = time.perf_counter()
        if self._draw_credit < 0 or now - self._last_picture < FRAME_SECONDS:
            return
        self._last_picture = now
        self._show(record)
