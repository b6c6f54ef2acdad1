"""The session: a Trainer plus what only a GUI needs (Run, the step player, signals).

The rules of training live in the Qt-free Trainer; the session adds Run (in a worker process,
``background_run.py``, or else in short slices on the GUI thread, ``slice_run.py``), the
animation of a step, and the signals views draw from: ``state_changed`` (a ViewState: what to
draw) and ``status_changed`` (a TrainingStatus: running, animate, speed, steps/s). Views never
compute and never read the session's internals: they get these values and send commands.
"""

from __future__ import annotations

import dataclasses
import time

from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.datasets import Dataset, make_dataset
from mlpviz.engine import Architecture, MlpvizError, Params, StepRecord
from mlpviz.io import CsvTable, Snapshot
from mlpviz.io.limits import MAX_STEP
from mlpviz.datasets import standardize
from mlpviz.training.fit import arch_for_data, classes_for, dataset_from_table
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.history import History
from mlpviz.training.run_apart import DIVERGED, LAST_STEP, RunReport
from mlpviz.training.trainer import BatchPosition, LossLog, RunState, Trainer, due_for_snapshot

from .background_run import FRAME_SECONDS, BackgroundRun
from .divergence import dead_units_message, divergence_message
from .loaded_message import loaded_message
from .session_files import SessionFiles
from .history_model import HistoryModel
from .loss_model import LossModel
from .player import StepPlayer
from .run_change import RunUndoStack, undoable
from .slice_run import SliceRun
from .training_status import TrainingStatus
from mlpviz.engine.unit_names import output_class_names
from .view_state import Asked, Phase, ViewState

RATE_SECONDS = 0.5  # steps/s is measured over this long
DEFAULT_ARCH = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
RUN_TEMPO_GROWTH = 3.0  # Run with Animate on plays each step this much faster than the one before...
RUN_FAST_AFTER_SECONDS = 0.2  # ...until a step would take less than this; then it trains at full speed


class Session(SessionFiles, QObject):
    """One network being trained, as the GUI sees it: commands in, ViewState and TrainingStatus out."""

    state_changed = Signal(object)  # ViewState: redraw
    status_changed = Signal(object)  # TrainingStatus
    network_rebuilt = Signal(object)  # Architecture: shapes changed, rebuild layouts
    data_changed = Signal(object)  # Dataset
    config_changed = Signal(object)  # TrainingConfig
    running_changed = Signal(bool)
    step_applied = Signal(object)  # StepRecord of every step applied in this process (cheap slots only)
    snapshot_due = Signal(object)  # Snapshot of a Run step to keep (every ``auto_snapshot_every`` steps)
    step_shown = Signal(object)  # StepRecord about to be shown on its own (not fast Run): a quiz may ask
    question_dropped = Signal(object)  # view_state.Asked withdrawn unanswered (Step pressed, step dropped)
    animation_finished = Signal(object)  # StepRecord whose animation reached its end
    diverged = Signal(object)  # StepRecord that was refused
    message = Signal(str)  # for the status bar

    def __init__(self, parent: QObject | None = None, run_apart: bool = True) -> None:
        """``run_apart``: fast Run trains in a worker process (``background_run.py``); else on this thread."""
        super().__init__(parent)
        config = TrainingConfig()
        self.trainer = Trainer(DEFAULT_ARCH, make_dataset("notebook", seed=config.seed), config)
        self.history = HistoryModel(lambda: self.trainer.history, self)
        self.loss_log = LossModel(lambda: self.trainer.loss_log, self)
        self.compare_to: Params | None = None  # shown as ViewState.compare_to when set
        self.compare_label = ""
        self._running = False
        self._animate = True
        self._steps_per_second = 0.0
        self._state: ViewState | None = None
        self._last_publish = 0.0
        self._rate_mark = (time.perf_counter(), 0)
        self.auto_snapshot_every = 0  # during Run, every this many steps ``snapshot_due`` (0: never)
        self._run_tempo = 1.0
        self._player = StepPlayer(self)
        self._player.frame.connect(self._publish)
        self._player.finished.connect(self._on_player_finished)
        self._player.question_dropped.connect(self.question_dropped)
        self._asked: Asked | None = None  # what the next step shown hides until answered (hold_question)
        self._dead_said = None  # the trainer's DeadUnits last told to the user
        self.running_changed.connect(lambda _on: self._player.show_hold())  # Pause showed the end: hold again
        self._slices = SliceRun(lambda: self._advance(measure_test=False), self._show_run_picture, self)
        self._background = BackgroundRun(self) if run_apart else None
        if self._background is not None:
            self._background.report.connect(self._on_background_report)
            self._background.lost.connect(self._on_worker_lost)
        self.undo_stack = RunUndoStack(lambda: self.trainer.save(), self.restore_run, self)

    # --- what views read -------------------------------------------------------------

    @property
    def state(self) -> ViewState:
        if self._state is None:
            self._state = self._idle_state()
        return self._state

    @property
    def status(self) -> TrainingStatus:
        record = self.state.record
        return TrainingStatus(
            running=self._running, animate=self._animate, speed=self._player.speed,
            phase_by_phase=self._player.phase_by_phase, step=self.trainer.step,
            steps_per_second=self._steps_per_second if self._running else 0.0,
            loss=record.loss if record is not None else float("nan"),
        )

    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def animate(self) -> bool:
        return self._animate

    @property
    def is_playing(self) -> bool:
        """A step's animation is on screen (its numbers are not all shown yet)."""
        return self._player.is_playing

    @property
    def is_waiting(self) -> bool:
        """Phase by phase: the step holds at the end of a phase until ``advance_phase``."""
        return self._player.is_waiting

    @property
    def arch(self) -> Architecture:
        return self.trainer.arch

    @property
    def params(self) -> Params:
        return self.trainer.params

    @property
    def config(self) -> TrainingConfig:
        return self.trainer.settings

    @property
    def dataset(self) -> Dataset:
        return self.trainer.dataset

    @property
    def step_count(self) -> int:
        return self.trainer.step

    @property
    def divergence(self):
        """Why the last step was refused (a training.divergence.Divergence), or None."""
        return self.trainer.divergence

    @property
    def last_record(self) -> StepRecord | None:
        return self.trainer.last_record

    @property
    def current_batch_indices(self):
        """Row numbers (into the training data) of the mini-batch the next step trains on."""
        return self.trainer.batch_indices(self.trainer.step)

    @property
    def current_batch(self):
        """Inputs ``(B, n0)`` and targets ``(B, nL)`` of the mini-batch the next step trains on."""
        return self.trainer.next_batch

    @property
    def batch_position(self) -> BatchPosition:
        """``(epoch, batch number in the epoch, batches per epoch)`` of the next step, 0-based."""
        return self.trainer.batch_position

    def snapshot(self, step: int | None = None) -> Snapshot:
        """The run as a Snapshot: the latest step, or the kept step nearest ``step``."""
        return self.trainer.snapshot(step)

    # --- commands: training ------------------------------------------------------------

    def step(self) -> None:
        """Take one step; if a step is playing, finish it at once first."""
        if self._player.is_playing:
            self._player.finish()
        elif self._state is not None and self._state.step < self.trainer.step and self._state.params is not self.params:
            self.message.emit(self.tr(
                "Stepping on from the latest step {0}, not the step {1} shown; to train from step {1}, "
                "press Continue here (under the canvas)").format(self.trainer.step, self._state.step))
        record = self._advance()
        if record is not None:
            self._show(record)

    def advance_phase(self) -> None:
        """Phase-by-phase mode: show the next phase, or start a new step when none is playing."""
        if self._player.is_waiting:
            self._player.advance()
        elif self._player.is_holding:
            self._player.skip()  # the question is withdrawn; the step plays on to the phase's end
        elif not self._player.is_playing:
            self.step()

    def step_or_phase(self) -> None:
        """→: the next phase in phase-by-phase mode, else the next step."""
        self.advance_phase() if self._player.phase_by_phase else self.step()

    def run(self) -> None:
        """Train continuously. With Animate on, the first steps are played phase by phase, each
        faster than the one before, then training goes on at full speed with a picture per frame,
        so a class sees both how a step works and the network learning."""
        if self._running:
            return
        self._running = True
        self._rate_mark = (time.perf_counter(), self.trainer.step)
        self._run_tempo = 1.0
        self.running_changed.emit(True)
        self._emit_status()
        if self._animate:
            if not self._player.is_playing:
                self.step()
        else:
            self._player.finish()
            self._start_fast()

    def prepare_run(self) -> None:
        """Start fast Run's worker process ahead of the first Run (the app does, once its window is up)."""
        if self._background is not None:
            self._background.prepare()

    def pause(self) -> None:
        """Stop Run after the current step (an animation in progress plays to its end)."""
        if not self._running:
            return
        self._running = False
        self._stop_fast()
        self._steps_per_second = 0.0
        self.trainer.measure_test_loss()  # fast Run measures it only for the steps it showed
        self._publish(self._idle_state(), force=True)
        self.running_changed.emit(False)
        self._emit_status()

    def stop_animation(self) -> None:
        """Drop the step being played (its numbers stay applied; the picture stays where it is)."""
        self._player.stop()

    def emergency_stop(self) -> None:
        """Stop every timer without drawing anything (the crash handler: nothing may raise again)."""
        self._slices.stop()
        try:  # keep what the worker trained, for the crash handler's saved session
            self._stop_fast()
        except Exception:  # noqa: BLE001 - the worker is ended below either way
            pass
        if self._background is not None:
            self._background.close()
        self._player.stop()
        self._running = False

    def set_animate(self, on: bool) -> None:
        self._animate = bool(on)
        self._run_tempo = 1.0
        if self._running:
            if on:
                self._stop_fast()
                if not self._player.is_playing:
                    self.step()
            else:
                self._player.finish()
                self._start_fast()
        self._emit_status()

    def set_speed(self, speed: float) -> None:
        """Animation speed factor (1 = about half a second a segment)."""
        self._player.speed = max(float(speed), 1e-3)
        self._emit_status()

    def set_phase_by_phase(self, on: bool) -> None:
        """Stop after each phase of a step until ``advance_phase``."""
        self._player.phase_by_phase = bool(on)
        self._emit_status()

    # --- commands: changes ---------------------------------------------------------------

    @undoable("Reset")
    def reset(self) -> None:
        """New initial parameters from the seed; the step count and loss log start again."""
        self._stop_for_change()
        self.trainer.restart()
        self._after_restart()
        c = self.config
        self.message.emit(self.tr("Reset: new {0} initial parameters from seed {1}").format(c.init_method, c.seed))

    @undoable('Change the network')
    def set_architecture(self, arch: Architecture) -> None:
        """Use ``arch``; a change of shapes rebuilds the network from the seed."""
        if arch == self.arch:
            return
        shapes_changed = arch.sizes != self.arch.sizes
        self._stop_for_change()
        self.trainer.set_architecture(arch)
        self._after_restart(rebuilt=True)
        self.message.emit(
            self.tr("Network rebuilt as {0} with new initial parameters").format(arch.label()) if shapes_changed
            else self.tr("Now {0} hidden, {1} output, {2} loss; network re-initialised").format(
                arch.hidden_activation, arch.output_activation, arch.loss))

    @undoable('Load a network')
    def set_network(self, arch: Architecture, params: Params, step: int = 0) -> None:
        """Load a network (a preset): architecture and parameters as given."""
        rebuilt = arch != self.arch
        self._stop_for_change()
        self.trainer.set_architecture(arch, params, step)
        self._after_restart(rebuilt=rebuilt)

    @undoable('Open a snapshot')
    def load_snapshot(self, snap: Snapshot, loss_log: LossLog | None = None, history: History | None = None) -> None:
        """Continue the run ``snap`` was taken from: network, optimizer state, step and its training settings (with
        a restored session's or a lesson's loss curve and timeline when given)."""
        rebuilt = snap.arch != self.arch
        self._stop_for_change()
        self.trainer.load(snap, loss_log, history)
        self.config_changed.emit(self.config)
        self._after_restart(rebuilt=rebuilt)

    @undoable('Change settings')
    def set_config(self, config: TrainingConfig) -> None:
        """New settings; learning rate, momentum and decay apply from the next step on."""
        self.trainer.set_settings(config)
        self.config_changed.emit(config)
        if not self._running and not self._player.is_playing:
            self._publish(self._idle_state(), force=True)  # the next batch may have changed

    @undoable('Change the data')
    def set_data(self, dataset: Dataset, arch: Architecture | None = None) -> None:
        """Train on ``dataset`` from now on; ``arch`` (if given) replaces the network to fit it."""
        self._stop_for_change()
        rebuilt = self.trainer.set_data(dataset, arch)
        self.data_changed.emit(dataset)
        if rebuilt:
            self._after_restart(rebuilt=True)
        else:
            self._publish(self._idle_state(), force=True)

    def load_data(self, dataset: Dataset) -> None:
        """Train on ``dataset``, rebuilding the network's inputs and outputs to fit it when they must."""
        self.set_data(dataset, arch_for_data(self.arch, dataset))

    def standardize_inputs(self) -> None:
        """Train on z-scores of the current data's inputs from now on (the fix for inputs far from ±1)."""
        dataset = standardize(self.dataset)
        if dataset is not self.dataset:
            self.set_data(dataset)
            self.message.emit(self.tr("Inputs standardized: {0}; press Step or Run to go on").format(
                dataset.input_scaling.describe(6)))

    def load_table(self, table: CsvTable) -> None:
        """Train on a read CSV file (``read_table``); the status bar says what was loaded and what network
        it got, and why."""
        dataset, note = classes_for(self.arch, dataset_from_table(table))
        self.load_data(dataset)
        self.message.emit(loaded_message(table, dataset, self.arch) + (f" {note[:1].upper()}{note[1:]}." if note else ""))

    @undoable('Edit a weight')
    def edit_weight(self, layer: int, row: int, col: int, value: float) -> None:
        """Set one weight (a table edit); the next step starts from it."""
        self._edit(self.params.with_weight(layer, row, col, self._finite(value)))

    @undoable('Edit a bias')
    def edit_bias(self, layer: int, unit: int, value: float) -> None:
        self._edit(self.params.with_bias(layer, unit, self._finite(value)))

    # --- undo -----------------------------------------------------------------------------

    def change(self, text: str):
        """Group the commands inside (``with session.change(text):``) into one undoable change."""
        return self.undo_stack.change(text)

    def restore_run(self, state: RunState) -> None:
        """Put the whole run back as ``state`` holds it (undo and redo); every view is told."""
        self._stop_for_change()
        arch, dataset, config = self.arch, self.dataset, self.config
        self.trainer.restore(state)
        if self.dataset is not dataset:
            self.data_changed.emit(self.dataset)
        if self.config != config:
            self.config_changed.emit(self.config)
        self._after_restart(rebuilt=self.arch != arch)

    def forget_undo(self) -> None:
        """Start the undo stack afresh (after restoring the last session at launch)."""
        self.undo_stack.forget()

    # --- history -------------------------------------------------------------------------

    def show_step(self, step: int) -> None:
        """Show the network as it was after ``step`` (the nearest kept step at or below it).

        Training state is untouched: the next step still trains on from the latest step.
        """
        self._stop_for_change()
        kept, record = self.trainer.forward_at(step)
        self._publish(ViewState(self.arch, record.params, record, Phase.IDLE, 0, 1.0, kept), force=True)

    @undoable('Continue here')
    def continue_from(self, step: int) -> None:
        """Discard the steps after ``step`` (nearest kept) and train on from its parameters."""
        self._stop_for_change()
        kept = self.trainer.continue_from(step)
        self.history.changed.emit()
        self._publish(self._idle_state(), force=True)
        self.message.emit(self.tr("Continuing from step {0}; the later steps were discarded").format(kept))

    def set_compare(self, params: Params | None, label: str = "") -> None:
        """Colour views by the difference to ``params`` (None: stop comparing); same shapes only.

        ``label`` names what is compared with ("step 12", a file name) for the views' titles.
        """
        if params is not None:
            params.check_fits(self.arch)
        self.compare_to, self.compare_label = params, (label if params is not None else "")
        self._publish(dataclasses.replace(self.state, compare_to=params, compare_label=self.compare_label), force=True)

    def set_auto_snapshot_every(self, every: int) -> None:
        """During Run, emit ``snapshot_due`` every ``every`` steps (0: never); from the next Run on."""
        self.auto_snapshot_every = max(int(every), 0)

    def set_history_budget(self, budget_bytes: int) -> None:
        self.trainer.history.budget_bytes = budget_bytes
        self.history.changed.emit()

    # --- the loop --------------------------------------------------------------------

    def _advance(self, measure_test: bool = True) -> StepRecord | None:
        """One step of the trainer; a diverged step pauses Run and is reported."""
        if self.trainer.step >= MAX_STEP:  # the last step number a snapshot and the timeline can hold
            self._at_last_step()
            return None
        record = self.trainer.advance(measure_test)
        if record.diverged:
            self._refused(record)
            return None
        self.step_applied.emit(record)
        self._note_dead_units()
        if self._running and due_for_snapshot(self.trainer.step, self.auto_snapshot_every):
            self.snapshot_due.emit(self.trainer.snapshot())
        return record

    def _refused(self, record: StepRecord) -> None:
        """``record`` diverged and was not applied: pause on the kept parameters and say why."""
        self.pause()
        self._publish(self._idle_state(), force=True)  # the kept parameters, before it went bad
        self.diverged.emit(record)
        self.message.emit(divergence_message(self.trainer.divergence))

    def _note_dead_units(self) -> None:
        """Say once when a ReLU hidden layer has died (a run at full speed finds it when the worker hands back)."""
        dead = self.trainer.dead_units
        if dead is not None and dead is not self._dead_said:
            self._dead_said = dead
            self.message.emit(dead_units_message(dead))

    def _at_last_step(self) -> None:
        self.pause()
        self.message.emit(self.tr("Step {0} is the last step a run can count to: Reset, or Continue here "
                                  "from an earlier step").format(MAX_STEP))

    def _show(self, record: StepRecord) -> None:
        if self._animate or not self._running:  # shown on its own: a quiz may ask (hold_question)
            self.step_shown.emit(record)
        asked, self._asked = self._asked, None
        if self._animate:
            self._player.play(record, self.trainer.step, self._run_tempo if self._running else 1.0, asked)
        elif asked is not None:  # shown at once where it hides the asked number, the rest on answering
            self._player.play(record, self.trainer.step, asked=asked, animate=False)
        else:
            self._publish(self._final_state(record), force=not self._running)

    def hold_question(self, asked: Asked) -> None:
        """Hold the step being shown (a slot of ``step_shown``) just before it reveals ``asked``, drawn as "?"."""
        self._asked = asked
        self._run_tempo = 1.0  # Run with Animate asks on every step: it does not speed up into fast training

    def hold_shown_step(self, asked: Asked) -> bool:
        """Ask now: show the latest step, on screen and not playing, again just before it reveals ``asked``,
        until ``release_question``. False (nothing changes) for a step from the timeline, or during Run."""
        record = self.state.step_record
        if self._running or self._player.is_playing or record is None or record is not self.trainer.last_record:
            return False
        self._player.play(record, self.trainer.step, asked=asked, animate=False)
        return True

    @property
    def is_holding(self) -> bool:
        """A step waits for the answer to a quiz question."""
        return self._player.is_holding

    def release_question(self, *_args) -> None:
        """The question was answered: its number appears and the step goes on."""
        self._player.release()

    def _on_player_finished(self, record: StepRecord) -> None:
        if not self._animate:  # a step shown at its question's hold: now its end, as Animate off shows it
            self._publish(self._final_state(record), force=not self._running)
        self.animation_finished.emit(record)
        if self._running and self._animate:
            QTimer.singleShot(0, self._continue_animated_run)

    def _continue_animated_run(self) -> None:
        if not (self._running and self._animate and not self._player.is_playing):
            return
        self._update_rate()
        self._run_tempo *= RUN_TEMPO_GROWTH
        if not self._player.phase_by_phase and self._player.step_seconds(self._run_tempo) < RUN_FAST_AFTER_SECONDS:
            self._start_fast()  # the animation has done its job: now show the learning
            self.message.emit(self.tr("Run played its first steps one by one and now trains at full speed; "
                                      "Step (or Phase by phase) plays every step"))
        else:
            self.step()

    def _start_fast(self) -> None:
        """Train at full speed: in the worker process if one can run, else in slices on this thread."""
        if self._background is None or not self._background.start(self.trainer, self.auto_snapshot_every):
            self._slices.start()

    def _stop_fast(self) -> None:
        """End fast Run; the trainer then holds every step the worker took."""
        self._slices.stop()
        if self._background is None:
            return
        reports = self._background.stop()
        for report in reports:
            self._follow(report)
        if reports and reports[-1].end.reason == DIVERGED:  # it diverged as it was told to stop
            self._refused(reports[-1].record)

    def _follow(self, report: RunReport) -> None:
        self.trainer.follow(report)
        self._note_dead_units()
        for snap in report.snapshots:
            self.snapshot_due.emit(snap)

    def _on_background_report(self, report: RunReport) -> None:
        """A report from the worker: draw its step, then ask for the next; at its end, say why it ended."""
        self._follow(report)
        end = report.end
        if end is None:  # drawn from the next turn of the event loop: input gets a look-in after the reading
            QTimer.singleShot(0, lambda: self._show_run_picture(report.record, from_worker=True))
        elif end.reason == DIVERGED:
            self._refused(report.record)
        elif end.reason == LAST_STEP:
            self._at_last_step()
        self._update_rate()

    def _on_worker_lost(self, what: str) -> None:
        """The worker died or stopped answering: Run stops at the last step it reported, and the window says so."""
        self.pause()
        self.message.emit(self.tr("Run stopped at step {0}: {1}. Every step it reported is kept; Run goes on "
                                  "in a new worker.").format(self.trainer.step, what))

    def _show_run_picture(self, record: StepRecord, from_worker: bool = False) -> None:
        """A fast-Run picture of ``record`` (the latest step); its test loss is measured once per picture
        (the worker measures it before it reports), and the worker is asked for the next one."""
        if self._running and record is self.trainer.last_record:
            if not from_worker:
                self.trainer.measure_test_loss()
            self._publish(self._final_state(record), force=True)
            self._update_rate()
        if from_worker and self._background is not None:
            self._background.picture_drawn()

    def _update_rate(self) -> None:
        t0, s0 = self._rate_mark
        now = time.perf_counter()
        if now - t0 >= RATE_SECONDS:
            self._steps_per_second = (self.trainer.step - s0) / (now - t0)
            self._rate_mark = (now, self.trainer.step)
            self._emit_status()

    # --- helpers ---------------------------------------------------------------------

    def _final_state(self, record: StepRecord) -> ViewState:
        return ViewState(self.arch, record.params_after, record, Phase.IDLE, 0, 1.0, self.trainer.step)

    def _idle_state(self) -> ViewState:
        return ViewState(self.arch, self.params, self.trainer.forward_now(), Phase.IDLE, 0, 1.0, self.trainer.step)

    def _publish(self, state: ViewState, force: bool = True) -> None:
        now = time.perf_counter()
        if not force and now - self._last_publish < FRAME_SECONDS:
            return
        self._last_publish = now
        if self.compare_to is not None and state.compare_to is None:
            state = dataclasses.replace(state, compare_to=self.compare_to, compare_label=self.compare_label)
        names = output_class_names(self.dataset.class_names, state.arch.sizes[-1])
        if names != state.output_names:
            state = dataclasses.replace(state, output_names=names)
        self._state = state
        self.state_changed.emit(state)
        self.loss_log.changed.emit()
        self.history.changed.emit()

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status)

    def _after_restart(self, rebuilt: bool = False) -> None:
        """A new run began in the trainer: drop comparisons, tell the views, show the fresh network."""
        self._player.stop()
        self.compare_to, self.compare_label = None, ""
        if rebuilt:
            self.network_rebuilt.emit(self.arch)
        self._publish(self._idle_state(), force=True)
        self._emit_status()

    def _edit(self, params: Params) -> None:
        self._player.finish()
        self.trainer.edit(params)
        self._publish(self._idle_state(), force=True)

    def _stop_for_change(self) -> None:
        if self._running:
            self.pause()
        self._player.stop()

    def _finite(self, value: float) -> float:
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise MlpvizError(self.tr("a parameter must be a finite number, got {0}").format(value))
        return value

