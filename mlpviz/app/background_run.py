"""Fast Run in a worker process, paced by the pictures the window draws.

The worker (``training/run_apart.py``) trains on a core of its own; the GUI thread only
draws. After each picture the next report is asked for no sooner than a frame later, so
the window draws at most ``FRAME_SECONDS`` apart and never more than it can: a slow
picture delays the next request, not the training. When the worker does not get its core (a busy
machine: the window's drawing and other programs take it), pictures come up to three times less often,
and as often again once it has its core back. A thread reads each report as it comes and
signals it to the GUI thread, where the run's trainer follows it; nothing here waits, except ``stop``.
Its interface is the one ``slice_run.SliceRun`` has too, so run control treats them alike.
"""

from __future__ import annotations

import threading
import time
import weakref

from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.engine import StepRecord
from mlpviz.training.loop import DIVERGED, LAST_STEP
from mlpviz.training.run_apart import RunApart, RunReport, WorkerLost, follow
from mlpviz.training.trainer import Trainer

FRAME_SECONDS = 1 / 30  # the fastest rate of pictures: smooth to watch
SHORT_OF_CORE, HAS_ITS_CORE = 0.85, 0.95  # the worker's share of a core below which pictures come less often,
STRETCH_STEP, MOST_STRETCH = 1.25, 3.0  # above which they come as often again; by this much, down to 1/3


class BackgroundRun(QObject):
    """Starts, paces and stops runs in one worker process, started at the first Run and kept.

    The trainer given to ``start`` follows every report as it comes; then ``picture`` carries the
    latest step to draw (call ``picture_drawn`` once drawn), ``snapshot_due`` each snapshot due, and
    ``ended(reason, refused record or None)`` the end of a run the worker ended (diverged, last step).
    ``start`` returns False where no worker process can be started (Run then trains on the GUI thread).
    """

    picture = Signal(object)  # StepRecord: the latest step, to draw
    snapshot_due = Signal(object)  # Snapshot
    ended = Signal(str, object)  # loop.DIVERGED or LAST_STEP, the refused StepRecord (or None)
    lost = Signal(str)  # the worker died or stopped answering (what happened): the run ends at its last report
    _report_came = Signal()  # from RunApart's reader thread: queued to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._apart: RunApart | None = None
        self._trainer: Trainer | None = None  # the run's trainer, following the reports
        self._failed = False
        self._starting: threading.Thread | None = None  # starts the worker without holding up the window
        self._started: RunApart | None = None
        self._asked_at = 0.0
        self._latency = 0.0  # how long a report takes to come after it was asked for (a running mean)
        self._stretch = 1.0  # pictures come this many frames apart (more while the worker is short of a core)
        self._ask_timer = QTimer(self, singleShot=True, timeout=self._ask)
        self._report_came.connect(self._on_report_came)

    def _in_run(self) -> bool:
        """The worker's run has not ended yet (its reports are still to come)."""
        return self._apart is not None and self._apart.running

    def start(self, trainer: Trainer, snapshot_every: int = 0) -> bool:
        """Train a copy of ``trainer`` in the worker, ``trainer`` following it; False if no worker could be started."""
        apart = self._worker()
        if apart is None:
            return False
        self._trainer, self._stretch = trainer, 1.0
        apart.start(trainer, snapshot_every)
        self._ask()
        return True

    def prepare(self) -> None:
        """Start the worker process now, on a thread, so neither the window nor the first Run waits for it
        (the first start of a process launches its fork server: about 0.3 s)."""
        if self._apart is None and self._starting is None and not self._failed:
            self._starting = threading.Thread(target=self._start_worker, daemon=True, name="mlpviz-run-start")
            self._starting.start()

    def picture_drawn(self) -> None:
        """The picture of the last report was drawn: ask for the next one so that it comes a frame after
        the last one (asked for that much earlier than a frame, as reports take time to come)."""
        if self._in_run() and not self._ask_timer.isActive():
            wait = FRAME_SECONDS * self._stretch - (time.perf_counter() - self._asked_at) - self._latency
            self._ask_timer.start(max(0, int(wait * 1000)))

    def stop(self) -> StepRecord | None:
        """End the run now; the trainer then holds every step the worker took. Returns the step refused if the
        run diverged as it was told to stop, else None."""
        self._ask_timer.stop()
        if not self._in_run():
            return None
        try:
            reports = self._apart.stop()
        except WorkerLost as lost:
            reports = lost.reports
            self._lose(lost)
        for report in reports:
            self._follow(report)
        last = reports[-1] if reports else None
        return last.end.refused if last is not None and last.end is not None and last.end.reason == DIVERGED else None

    def close(self) -> None:
        """End the worker process (at quit; a later ``start`` starts a new one)."""
        self._ask_timer.stop()
        if self._apart is not None:
            self._apart.close()
            self._apart = None

    def _lose(self, lost: WorkerLost) -> None:
        """The worker is gone (or was ended): the next Run starts a new one; say what happened."""
        self._ask_timer.stop()
        self.close()
        self.lost.emit(str(lost))

    def _worker(self) -> RunApart | None:
        if self._apart is not None and self._apart.alive:
            return self._apart
        if self._failed:
            return None
        self.close()
        if self._starting is None:
            self._start_worker()
        else:
            self._starting.join()  # Run pressed while the worker was starting
            self._starting = None
        self._apart, self._started = self._started, None
        if self._apart is None:  # no processes here (a sandbox): train on the GUI thread
            self._failed = True
            return None
        weakref.finalize(self, RunApart.close, self._apart)  # a session dropped without quitting
        return self._apart

    def _start_worker(self) -> None:
        try:
            self._started = RunApart(self._report_came.emit)
        except (OSError, ValueError, RuntimeError):
            self._started = None

    def _ask(self) -> None:
        if self._in_run():
            self._asked_at = time.perf_counter()
            self._apart.ask()

    def _on_report_came(self) -> None:
        if self._apart is None:
            return
        try:
            reports = self._apart.reports()
        except WorkerLost as lost:
            for report in lost.reports:
                self._follow(report)
            self._lose(lost)
            return
        for report in reports:
            end = report.end
            if end is None:
                self._latency += 0.2 * (min(time.perf_counter() - self._asked_at, FRAME_SECONDS / 2) - self._latency)
                self._adapt(report.core_share)
            self._follow(report)
            if end is None:  # drawn from the next turn of the event loop: input gets a look-in after the reading
                QTimer.singleShot(0, lambda record=report.record: self.picture.emit(record))
            elif end.reason in (DIVERGED, LAST_STEP):
                self.ended.emit(end.reason, end.refused if end.reason == DIVERGED else None)

    def _adapt(self, core_share: float) -> None:
        """Pictures less often while the worker is short of its core, as often again once it has it."""
        if core_share < SHORT_OF_CORE:
            self._stretch = min(MOST_STRETCH, self._stretch * STRETCH_STEP)
        elif core_share > HAS_ITS_CORE:
            self._stretch = max(1.0, self._stretch / STRETCH_STEP)

    def _follow(self, report: RunReport) -> None:
        follow(self._trainer, report)
        for snap in report.snapshots:
            self.snapshot_due.emit(snap)
