"""Plays a step record as an animation: walks its segments on a timer, emitting ViewStates."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.engine import StepRecord

from .animation import hold_point, phase_boundaries, step_segments
from .pictures import Pictures
from .view_state import Asked, Phase

FRAME_MS = 16
# Seconds one segment takes at speed 1.0; speed scales it (0.1 = slow teaching, 10 = quick).
SEGMENT_SECONDS = 0.6


class StepPlayer(QObject):
    """Turns one StepRecord into a timed sequence of ViewStates, each complete (made by ``pictures``).

    ``frame`` carries each state; ``finished`` fires once the UPDATE phase is complete.
    With ``phase_by_phase`` on, it stops at the end of each phase until ``advance()``.
    Given a quiz question (``asked``), it holds just before the point that would reveal the
    asked number (``animation.hold_point``), its frames drawing "?" there, until ``release()``;
    ``skip()`` or ``finish()`` while it holds drops the question and fires ``question_dropped``.
    """

    frame = Signal(object)
    finished = Signal(object)
    question_dropped = Signal(object)  # the Asked withdrawn unanswered (Step pressed, or the step dropped)

    def __init__(self, pictures: Pictures, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pictures = pictures
        self.speed = 1.0
        self._tempo = 1.0  # this step's extra speed-up (Run plays its later steps faster)
        self.phase_by_phase = False
        self._record: StepRecord | None = None
        self._step = 0
        self._segments = ()
        self._index = 0
        self._segment_start = 0.0
        self._waiting = False
        self._asked: Asked | None = None  # the question the frames hide, until it is answered
        self._hold: tuple[int, float] | None = None  # (segment, progress) to wait at for the answer
        self._holding = False
        self._jump = False  # Animate off: the step was shown only at its hold, and ends at once on release
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

    @property
    def is_holding(self) -> bool:
        """True while the step waits for the answer to a quiz question."""
        return self.is_playing and self._holding

    def play(self, record: StepRecord, step: int, tempo: float = 1.0, asked: Asked | None = None,
             animate: bool = True) -> None:
        """Start playing ``record``; ``step`` is the step count once it is applied; ``tempo`` speeds this step up.

        ``asked``: hold before the step reveals it until ``release()``. With ``animate`` off the step
        is shown at once at its hold (and ends when released); without a hold it ends at once.
        """
        self._drop_question()
        self._record, self._step, self._tempo = record, step, max(float(tempo), 1e-3)
        self._segments = step_segments(record.arch.layer_count)
        self._asked = asked
        self._hold = None if asked is None else hold_point(record, step - 1, asked)
        self._holding, self._jump = False, not animate
        self._index = 0
        self._waiting = False
        if self._jump:
            if self._hold is None:
                self.finish()
                return
            self._index = self._hold[0]
            self._emit(self._hold[1])
            self._holding = True
            return
        self._segment_start = time.perf_counter()
        self._emit(0.0)
        if not self._held_at(0.0):
            self._timer.start()

    def release(self) -> None:
        """The question was answered: show its number and play on (or end the step, with Animate off)."""
        if self.is_holding:
            self._asked = None
            self._let_go()

    def show_hold(self) -> None:
        """Emit the frame at the hold again (a view drew something else meanwhile)."""
        if self.is_holding:
            self._emit(self._hold[1])

    def skip(self) -> None:
        """Step (→) pressed while a question holds the step: withdraw it unanswered and play on."""
        if self.is_holding:
            self._drop_question()
            self._let_go()

    def finish(self) -> None:
        """Jump to the end of the step being played (Step pressed while playing; a waiting question is withdrawn)."""
        if not self.is_playing:
            return
        self._drop_question()
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
            if not self._held_at(0.0):
                self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._drop_question()
        self._record = None

    def _drop_question(self) -> None:
        """Withdraw the question of the step playing, if it is still unanswered."""
        asked = self._asked
        self._asked, self._hold, self._holding = None, None, False
        if asked is not None and self._record is not None:
            self.question_dropped.emit(asked)

    def _let_go(self) -> None:
        """Leave the hold: the frame shows the number now, and the step goes on from there."""
        progress = self._hold[1] if self._hold is not None else 0.0
        self._hold, self._holding = None, False
        if self._jump:
            self.finish()
            return
        self._emit(progress)
        if progress >= 1.0:
            self._next_segment()
        else:
            self._segment_start = time.perf_counter()
            self._timer.start()

    def _held_at(self, progress: float) -> bool:
        """Hold here if this is the question's hold point (the frame at it has just been emitted)."""
        if self._hold is None or self._hold != (self._index, progress):
            return False
        self._timer.stop()
        self._holding = True
        return True

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
        if self._held_at(1.0):
            return
        self._next_segment()

    def _next_segment(self) -> None:
        """At the end of a segment: end the step, wait for the next phase, or go on."""
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
        if not self._held_at(0.0):
            self._timer.start()

    def _emit(self, progress: float) -> None:
        seg = self._segments[self._index]
        rec = self._record
        done_update = seg.phase is Phase.UPDATE and progress >= 1.0
        self.frame.emit(self._pictures.of(rec, rec.params_after if done_update else rec.params,
                                          self._step if done_update else self._step - 1, seg.phase, seg.layer,
                                          min(progress, 1.0), self._asked))

    def _done(self) -> None:
        self._timer.stop()
        rec = self._record
        self._record = None
        self.finished.emit(rec)
