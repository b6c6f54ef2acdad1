"""Step, Run and Pause: the one place that knows whether the run is running.

Every step is taken through ``training.loop.take_steps``. A Step (or each step of Run with
Animate on) is played by the step player; fast Run trains in the worker process
(``background_run.py``) or, where none can start, in slices on this thread (``slice_run.py``),
two runners with one interface. A refused step or the last countable step pauses Run and is said.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.engine import StepRecord
from mlpviz.io.limits import MAX_STEP
from mlpviz.training.loop import DIVERGED, Steps, take_steps
from mlpviz.training.trainer import Trainer

from .background_run import BackgroundRun
from .divergence import dead_units_message, divergence_message
from .pictures import Pictures
from .player import StepPlayer
from .quiz_hold import QuizHold
from .slice_run import SliceRun
from .view_state import ViewState

RATE_SECONDS = 0.5  # steps/s is measured over this long
RUN_TEMPO_GROWTH = 3.0  # Run with Animate on plays each step this much faster than the one before...
RUN_FAST_AFTER_SECONDS = 0.2  # ...until a step would take less than this; then it trains at full speed

Publish = Callable[[ViewState, bool], None]  # (state, force): draw it (force: even within a frame)


class RunControl(QObject):
    """Step, Run, Pause and Animate of one run (``trainer``): ``running`` is the only "running" flag.

    ``changed`` fires when running, animate or the measured rate changed; ``stepped`` carries each
    step applied on this thread; ``snapshot_due``, ``diverged`` (the refused StepRecord) and
    ``message`` (for the status bar) say the rest. ``publish(state, force)`` draws.
    """

    changed = Signal()
    stepped = Signal(object)  # StepRecord applied on this thread (Step, animated Run, Run's slices)
    snapshot_due = Signal(object)  # Snapshot of a Run step to keep
    diverged = Signal(object)  # StepRecord that was refused
    message = Signal(str)

    def __init__(self, trainer: Trainer, pictures: Pictures, player: StepPlayer, quiz: QuizHold,
                 publish: Publish, shown: Callable[[], ViewState], run_apart: bool = True,
                 parent: QObject | None = None) -> None:
        """``shown()``: the state on screen; ``run_apart``: fast Run trains in a worker process if one starts."""
        super().__init__(parent)
        self._trainer, self._pictures, self._player, self._quiz = trainer, pictures, player, quiz
        self._publish, self._shown = publish, shown
        self.running = False
        self.animate = True
        self.steps_per_second = 0.0
        self.auto_snapshot_every = 0  # during Run, a snapshot every this many steps (0: never)
        self._tempo = 1.0
        self._rate_mark = (time.perf_counter(), 0)
        self._slices = SliceRun(self)
        self._worker = BackgroundRun(self) if run_apart else None
        self._fast: BackgroundRun | SliceRun | None = None  # the runner of fast Run while it trains
        for runner in (self._slices, self._worker):
            if runner is not None:
                runner.picture.connect(self._on_picture)
                runner.snapshot_due.connect(self.snapshot_due)
                runner.ended.connect(self._on_ended)
        if self._worker is not None:
            self._worker.lost.connect(self._on_worker_lost)
        self._slices.stepped.connect(self.stepped)
        self._dead_said = None  # the trainer's DeadUnits last told to the user
        player.finished.connect(self._on_player_finished)

    # --- commands ------------------------------------------------------------------------

    def step(self) -> None:
        """Take one step and show it; if a step is playing, finish it at once first."""
        shown = self._shown()
        if self._player.is_playing:
            self._player.finish()
        elif shown.step < self._trainer.step and shown.params is not self._trainer.params:
            self.message.emit(self.tr(
                "Stepping on from the latest step {0}, not the step {1} shown; to train from step {1}, "
                "press Continue here (under the canvas)").format(self._trainer.step, shown.step))
        steps = self._took(take_steps(self._trainer, 1, snapshot_every=self.auto_snapshot_every if self.running else 0))
        if steps.record is not None:
            self._show(steps.record)

    def run(self) -> None:
        """Train continuously. With Animate on, the first steps are played phase by phase, each
        faster than the one before, then training goes on at full speed with a picture per frame,
        so a class sees both how a step works and the network learning."""
        if self.running:
            return
        self.running = True
        self._rate_mark = (time.perf_counter(), self._trainer.step)
        self._tempo = 1.0
        self._player.show_hold()
        self.changed.emit()
        if self.animate:
            if not self._player.is_playing:
                self.step()
        else:
            self._player.finish()
            self._start_fast()

    def pause(self) -> None:
        """Stop Run after the current step (an animation in progress plays to its end)."""
        if not self.running:
            return
        self.running = False
        self._stop_fast()
        self.steps_per_second = 0.0
        self._trainer.measure_test_loss()  # fast Run measures it only for the steps it showed
        self._publish(self._pictures.now(), True)
        self._player.show_hold()  # Pause showed the end: hold again
        self.changed.emit()

    def set_animate(self, on: bool) -> None:
        self.animate = bool(on)
        self._tempo = 1.0
        if self.running:
            if on:
                self._stop_fast()
                if not self._player.is_playing:
                    self.step()
            else:
                self._player.finish()
                self._start_fast()
        self.changed.emit()

    def set_auto_snapshot_every(self, every: int) -> None:
        """During Run, a snapshot every ``every`` steps (``snapshot_due``; 0: never); from the next Run on."""
        self.auto_snapshot_every = max(int(every), 0)

    def prepare(self) -> None:
        """Start fast Run's worker process ahead of the first Run (the app does, once its window is up)."""
        if self._worker is not None:
            self._worker.prepare()

    def stop_for_change(self) -> None:
        """Pause and drop the step being played: the run is about to change under it."""
        self.pause()
        self._player.stop()

    def emergency_stop(self) -> None:
        """Stop every timer without drawing anything (the crash handler: nothing may raise again)."""
        self._slices.stop()
        try:  # keep what the worker trained, for the crash handler's saved session
            self._stop_fast()
        except Exception:  # noqa: BLE001 - the worker is ended below either way
            pass
        if self._worker is not None:
            self._worker.close()
        self._player.stop()
        self.running = False

    # --- inside ------------------------------------------------------------------------

    def _took(self, steps: Steps) -> Steps:
        """Say what a stretch of steps did: the step applied, the snapshots due, why the run cannot go on."""
        if steps.record is not None:
            self.stepped.emit(steps.record)
            self._note_dead_units()
        for snap in steps.snapshots:
            self.snapshot_due.emit(snap)
        if steps.ended is not None:
            self._on_ended(steps.ended, steps.refused)
        return steps

    def _on_ended(self, reason: str, refused: StepRecord | None) -> None:
        """The run cannot go on: a refused step (pause on the kept parameters and say why) or the last step."""
        self.pause()
        if reason == DIVERGED:
            self._publish(self._pictures.now(), True)  # the kept parameters, before it went bad
            self.diverged.emit(refused)
            self.message.emit(divergence_message(self._trainer.divergence))
        else:
            self.message.emit(self.tr("Step {0} is the last step a run can count to: Reset, or Continue here "
                                      "from an earlier step").format(MAX_STEP))

    def _show(self, record: StepRecord) -> None:
        """Show a step just taken: played (Animate), or at once; held for a quiz question when shown on its own."""
        on_its_own = self.animate or not self.running
        asked = self._quiz.question_for(record) if on_its_own else None
        if asked is not None:
            self._tempo = 1.0  # Run with Animate asks on every step: it does not speed up into fast training
        if self.animate:
            self._player.play(record, self._trainer.step, self._tempo if self.running else 1.0, asked)
        elif asked is not None:  # shown at once where it hides the asked number, the rest on answering
            self._player.play(record, self._trainer.step, asked=asked, animate=False)
        else:
            self._publish(self._pictures.final(record), not self.running)

    def _on_player_finished(self, record: StepRecord) -> None:
        if not self.animate:  # a step shown at its question's hold: now its end, as Animate off shows it
            self._publish(self._pictures.final(record), not self.running)
        if self.running and self.animate:
            QTimer.singleShot(0, self._continue_animated_run)

    def _continue_animated_run(self) -> None:
        if not (self.running and self.animate and not self._player.is_playing):
            return
        self._update_rate()
        self._tempo *= RUN_TEMPO_GROWTH
        if not self._player.phase_by_phase and self._player.step_seconds(self._tempo) < RUN_FAST_AFTER_SECONDS:
            self._start_fast()  # the animation has done its job: now show the learning
            self.message.emit(self.tr("Run played its first steps one by one and now trains at full speed; "
                                      "Step (or Phase by phase) plays every step"))
        else:
            self.step()

    def _start_fast(self) -> None:
        """Train at full speed: in the worker process if one can run, else in slices on this thread."""
        every = self.auto_snapshot_every
        if self._worker is not None and self._worker.start(self._trainer, every):
            self._fast = self._worker
        else:
            self._fast = self._slices
            self._slices.start(self._trainer, every)

    def _stop_fast(self) -> None:
        """End fast Run; the trainer then holds every step it took."""
        fast, self._fast = self._fast, None
        if fast is None:
            return
        refused = fast.stop()
        self._note_dead_units()
        if refused is not None:  # it diverged as it was told to stop
            self._on_ended(DIVERGED, refused)

    def _on_picture(self, record: StepRecord) -> None:
        """A fast-Run picture of ``record`` if it is still the latest step; then the runner may send the next."""
        runner = self.sender()
        if self.running and record is self._trainer.last_record:
            self._publish(self._pictures.final(record), True)
            self._update_rate()
        self._note_dead_units()
        if runner is not None:
            runner.picture_drawn()

    def _on_worker_lost(self, what: str) -> None:
        """The worker died or stopped answering: Run stops at the last step it reported, and the window says so."""
        self.pause()
        self.message.emit(self.tr("Run stopped at step {0}: {1}. Every step it reported is kept; Run goes on "
                                  "in a new worker.").format(self._trainer.step, what))

    def _note_dead_units(self) -> None:
        """Say once when a ReLU hidden layer has died (a run at full speed finds it when the worker hands back)."""
        dead = self._trainer.dead_units
        if dead is not None and dead is not self._dead_said:
            self._dead_said = dead
            self.message.emit(dead_units_message(dead))

    def _update_rate(self) -> None:
        t0, s0 = self._rate_mark
        now = time.perf_counter()
        if now - t0 >= RATE_SECONDS:
            self.steps_per_second = (self._trainer.step - s0) / (now - t0)
            self._rate_mark = (now, self._trainer.step)
            self.changed.emit()
