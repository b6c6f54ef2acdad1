"""Plays a step record as an animation: walks its segments on a timer, emitting ViewStates."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.engine import StepRecord

from .animation import phase_boundaries, step_segments
from .view_state import Phase, ViewState

FRAME_MS = 16
# Seconds one segment takes at speed 1.0; speed scales it (0.1 = slow teaching, 10 = quick).
SEGMENT_SECONDS = 0.6


class StepPlayer(QObject):
    """Turns one StepRecord into a timed sequence of ViewStates.

    ``frame`` carries each state; ``finished`` fires once the UPDATE phase is complete.
    With ``phase_by_phase`` on, it stops at the end of each phase until ``advance()``.
    """

    frame = Signal(object)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speed = 1.0
        self._tempo = 1.0  # this step's extra speed-up (Run plays its later steps faster)
        self.phase_by_phase = False
        self._record: StepRecord | None = None
        self._step = 0
        self._segments = ()
        self._index = 0
        self._segment_start = 0.0
        self._waiting = False
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def is_playing(self) -> bool:
        return self._record is not None

    @property
    def is_waiting(self) -> bool:
        """True when phase-by-phase mode holds at the end of a phase."""
        return self.is_playing and self._waiting

    def play(self, record: StepRecord, step: int, tempo: float = 1.0) -> None:
        """Start playing ``record``; ``step`` is the step count once it is applied; ``tempo`` speeds this step up."""
        self._record, self._step, self._tempo = record, step, max(float(tempo), 1e-3)
        self._segments = step_segments(record.arch.layer_count)
        self._index = 0
        self._waiting = False
        self._segment_start = time.perf_counter()
        self._emit(0.0)
        self._timer.start()

    def finish(self) -> None:
        """Jump to the end of the step being played (Step pressed while playing)."""
        if not self.is_playing:
            return
        self._index = len(self._segments) - 1
        self._emit(1.0)
        self._done()

    def advance(self) -> None:
        """Phase-by-phase mode: go on to the next phase."""
        if self.is_waiting:
            self._waiting = False
            self._index += 1
            self._segment_start = time.perf_counter()
            self._emit(0.0)
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._record = None

    def step_seconds(self, tempo: float = 1.0) -> float:
        """How long a whole step plays at the current speed and ``tempo`` (phase-by-phase waits not counted)."""
        weights = sum(seg.weight for seg in self._segments) if self._segments else 0.0
        return SEGMENT_SECONDS * weights / max(self.speed * tempo, 1e-3)

    def _segment_seconds(self) -> float:
        return SEGMENT_SECONDS * self._segments[self._index].weight / max(self.speed * self._tempo, 1e-3)

    def _on_timer_timeout(self) -> None:
        progress = (time.perf_counter() - self._segment_start) / self._segment_seconds()
        if progress < 1.0:
            self._emit(progress)
            return
        self._emit(1.0)
        if self._index == len(self._segments) - 1:
            self._done()
            return
        if self.phase_by_phase and (self._index + 1) in phase_boundaries(self._record.arch.layer_count):
            self._waiting = True
            self._timer.stop()
            return
        self._index += 1
        self._segment_start = time.perf_counter()
        self._emit(0.0)

    def _emit(self, progress: float) -> None:
        seg = self._segments[self._index]
        rec = self._record
        done_update = seg.phase is Phase.UPDATE and progress >= 1.0
        self.frame.emit(
            ViewState(
                arch=rec.arch,
                params=rec.params_after if done_update else rec.params,
                record=rec,
                phase=seg.phase,
                layer=seg.layer,
                progress=min(progress, 1.0),
                step=self._step if done_update else self._step - 1,
            )
        )

    def _done(self) -> None:
        self._timer.stop()
        rec = self._record
        self._record = None
        self.finished.emit(rec)
