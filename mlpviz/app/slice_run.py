"""Fast Run on the GUI thread, where no worker process can be started (``background_run.py``).

Training runs in short slices between looks at the event queue, so input is never blocked,
and a picture is published only while the time spent outside training stays within a
share of the thread: slow drawing means fewer pictures, not less training. Its interface is
``background_run.BackgroundRun``'s, so run control treats them alike.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.engine import StepRecord
from mlpviz.training.loop import take_steps
from mlpviz.training.trainer import Trainer

SLICE_SECONDS = 0.012  # longest stretch of training between two looks at the event queue
FRAME_SECONDS = 1 / 30  # fastest rate of pictures: smooth to watch
DRAW_SHARE = 0.25  # the share of the GUI thread's time that pictures (and input) may take
DRAW_CREDIT_SECONDS = (-0.5, 0.05)  # floor and cap of the drawing budget: one slow picture delays the next
# few, not the next minute; an idle moment does not buy a burst of pictures


class SliceRun(QObject):
    """Trains the trainer given to ``start`` in slices (``loop.take_steps``) while the timer runs.

    ``stepped`` carries the last step of each slice, ``picture`` the latest step when the budget allows
    a picture (its test loss measured), ``snapshot_due`` each snapshot due, and ``ended(reason, refused
    record or None)`` a run that cannot go on (diverged, last step)."""

    stepped = Signal(object)  # StepRecord: the last step of a slice
    picture = Signal(object)  # StepRecord: the latest step, to draw
    snapshot_due = Signal(object)  # Snapshot
    ended = Signal(str, object)  # loop.DIVERGED or LAST_STEP, the refused StepRecord (or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._trainer: Trainer | None = None
        self._snapshot_every = 0
        self._pending: StepRecord | None = None  # latest step waiting to be published
        self._draw_credit = 0.0  # seconds of drawing the budget allows now
        self._slice_end: float | None = None  # when the last slice ended
        self._last_picture = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self, trainer: Trainer, snapshot_every: int = 0) -> bool:
        self._trainer, self._snapshot_every = trainer, snapshot_every
        self._slice_end, self._draw_credit, self._pending = None, 0.0, None
        self._timer.start()
        return True

    def stop(self) -> None:
        """End the run (the trainer already holds every step)."""
        self._timer.stop()

    def picture_drawn(self) -> None:
        """Nothing to ask for: the next picture comes when the budget allows."""

    def _on_timer_timeout(self) -> None:
        start = time.perf_counter()
        if self._slice_end is not None:  # the time since the last slice went to pictures and input
            self._draw_credit -= start - self._slice_end
        steps = take_steps(self._trainer, None, SLICE_SECONDS, measure_test=False,
                           snapshot_every=self._snapshot_every)
        for snap in steps.snapshots:
            self.snapshot_due.emit(snap)
        if steps.record is not None:
            self.stepped.emit(steps.record)
        if steps.ended is not None:
            self.stop()
            self.ended.emit(steps.ended, steps.refused)
            return
        end = time.perf_counter()
        low, high = DRAW_CREDIT_SECONDS
        self._draw_credit = min(high, max(low, self._draw_credit + (end - start) * DRAW_SHARE / (1 - DRAW_SHARE)))
        self._slice_end = end
        if steps.record is not None and self._timer.isActive():
            # Publish from the next turn of the event loop, not from inside the slice: input
            # and timers get a look-in between the training and the views' redrawing.
            if self._pending is None:
                QTimer.singleShot(0, self._publish_pending)
            self._pending = steps.record

    def _publish_pending(self) -> None:
        record, self._pending = self._pending, None
        if record is None or not self._timer.isActive():
            return
        now = time.perf_counter()
        if self._draw_credit < 0 or now - self._last_picture < FRAME_SECONDS:
            return
        self._last_picture = now
        if record is self._trainer.last_record:
            self._trainer.measure_test_loss()  # once per picture, not per step
        self.picture.emit(record)
