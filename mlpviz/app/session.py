"""The session: one network being trained, as the GUI sees it — a thin facade over parts with one job each.

- ``trainer`` (``training/trainer.py``): the rules of training, Qt-free;
- ``runs`` (``run_control.py``): Step, Run, Pause, Animate — the only "running" flag;
- the step player (``player.py``), which plays a step as complete ViewStates (``pictures.py``), and
  ``quiz`` (``quiz_hold.py``), its hold for a quiz question;
- ``navigation`` (``navigation.py``): →, ←, the next phase, the timeline's Latest and Continue here;
- ``undo_stack`` (``run_change.py``): the changes below, undoable;
- publishing: ``state_changed`` (a ViewState: what to draw) and ``status_changed`` (a TrainingStatus).

Views never compute and never read the session's internals: they get these values and send commands.
The session's own commands are the changes of the run (network, data, settings, parameters).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from mlpviz.datasets import Dataset, make_dataset
from mlpviz.engine import Architecture, MlpvizError, Params
from mlpviz.io import CsvTable, Snapshot
from mlpviz.datasets import standardize
from mlpviz.training.fit import dataset_for_network, network_for_data
from mlpviz.training.history import History
from mlpviz.training.open_plan import OpenPlan, plan_open
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import LossLog, RunState, Trainer

from .background_run import FRAME_SECONDS
from .history_model import HistoryModel
from .loaded_message import loaded_message
from .loss_model import LossModel
from .navigation import Navigation
from .pictures import Pictures
from .player import StepPlayer
from .quiz_hold import QuizHold
from .run_change import RunUndoStack, undoable
from .run_control import RunControl
from .training_status import TrainingStatus
from .view_state import ViewState

DEFAULT_ARCH = Architecture((2, 3, 1), "relu", "sigmoid", "bce")


class Session(QObject):
    """One network being trained, as the GUI sees it: commands in, ViewState and TrainingStatus out."""

    state_changed = Signal(object)  # ViewState: redraw
    status_changed = Signal(object)  # TrainingStatus (running, animate, speed, phase by phase, steps/s)
    network_rebuilt = Signal(object)  # Architecture: shapes changed, rebuild layouts
    data_changed = Signal(object)  # Dataset
    config_changed = Signal(object)  # TrainingConfig
    step_applied = Signal(object)  # StepRecord applied on this thread: each Step, the last of each slice of Run
    snapshot_due = Signal(object)  # Snapshot of a Run step to keep (every ``runs.auto_snapshot_every`` steps)
    diverged = Signal(object)  # StepRecord that was refused
    message = Signal(str)  # for the status bar

    def __init__(self, parent: QObject | None = None, run_apart: bool = True) -> None:
        """``run_apart``: fast Run trains in a worker process (``background_run.py``); else on this thread."""
        super().__init__(parent)
        config = TrainingConfig()
        self.trainer = Trainer(DEFAULT_ARCH, make_dataset("notebook", seed=config.seed), config)
        self.history = HistoryModel(lambda: self.trainer.history, self)
        self.loss_log = LossModel(lambda: self.trainer.loss_log, self, refusal=lambda: self.trainer.divergence)
        self.undo_stack = RunUndoStack(lambda: self.trainer.save(), self._restore_run, self)
        self._pictures = Pictures(self.trainer)
        self._state: ViewState | None = None
        self._last_publish = 0.0
        self._player = StepPlayer(self._pictures, self)
        self.quiz = QuizHold(self._player, self._latest_on_screen, self)
        self.runs = RunControl(self.trainer, self._pictures, self._player, self.quiz, self._publish,
                               lambda: self.state, run_apart, self)
        self.navigation = Navigation(self.trainer, self.history, self._pictures, self._player, self.runs,
                                     self.undo_stack, self._publish, lambda: self.state, self)
        self._player.frame.connect(self._publish)
        self.runs.changed.connect(self._emit_status)
        self.runs.stepped.connect(self.step_applied)
        self.runs.snapshot_due.connect(self.snapshot_due)
        self.runs.diverged.connect(self.diverged)
        for part in (self.runs, self.navigation):
            part.message.connect(self.message)

    # --- what views read -------------------------------------------------------------

    @property
    def state(self) -> ViewState:
        if self._state is None:
            self._state = self._pictures.now()
        return self._state

    @property
    def status(self) -> TrainingStatus:
        record, runs = self.state.record, self.runs
        return TrainingStatus(
            running=runs.running, animate=runs.animate, speed=self._player.speed,
            phase_by_phase=self._player.phase_by_phase, step=self.trainer.step,
            steps_per_second=runs.steps_per_second if runs.running else 0.0,
            loss=record.loss if record is not None else float("nan"),
        )

    @property
    def is_playing(self) -> bool:
        """A step's animation is on screen (its numbers are not all shown yet)."""
        return self._player.is_playing

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

    # --- commands: training (run control and the player) --------------------------------

    def step(self) -> None:
        """Take one step and show it (→ also walks the timeline and the phases: ``navigation.forward``)."""
        self.runs.step()

    def run(self) -> None:
        self.runs.run()

    def pause(self) -> None:
        self.runs.pause()

    def set_animate(self, on: bool) -> None:
        self.runs.set_animate(on)

    def set_speed(self, speed: float) -> None:
        """Animation speed factor (1 = about half a second a segment)."""
        self._player.speed = max(float(speed), 1e-3)
        self._emit_status()

    def set_phase_by_phase(self, on: bool) -> None:
        """Stop after each phase of a step until the next → (``navigation.phase``)."""
        self._player.phase_by_phase = bool(on)
        self._emit_status()

    # --- commands: changes of the run (each undoable) ------------------------------------

    @undoable("Reset")
    def reset(self) -> None:
        """New initial parameters from the seed; the step count and loss log start again."""
        self.runs.stop_for_change()
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
        self.runs.stop_for_change()
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
        self.runs.stop_for_change()
        self.trainer.set_architecture(arch, params, step)
        self._after_restart(rebuilt=rebuilt)

    @undoable('Open a snapshot')
    def load_snapshot(self, snap: Snapshot, loss_log: LossLog | None = None, history: History | None = None) -> None:
        """Continue the run ``snap`` was taken from: network, optimizer state, step and its training settings (with
        a restored session's or a lesson's loss curve and timeline when given)."""
        rebuilt = snap.arch != self.arch
        self.runs.stop_for_change()
        self.trainer.load(snap, loss_log, history)
        self.config_changed.emit(self.config)
        self._after_restart(rebuilt=rebuilt)

    def load_snapshot_on(self, snap: Snapshot, table: CsvTable) -> None:
        """Continue ``snap`` on a CSV file chosen for it: both checked before anything changes (InputsMismatch when
        its columns are not the network's inputs), then one undoable change; the status bar says what was loaded."""
        dataset, note = dataset_for_network(table, snap.arch)
        with self.undo_stack.change(self.tr("Open a snapshot")):
            self.set_data(dataset, snap.arch)
            self.load_snapshot(snap)
        self.message.emit(loaded_message(table, dataset, snap.arch, note))

    @undoable('Change settings')
    def set_config(self, config: TrainingConfig) -> None:
        """New settings; learning rate, momentum and decay apply from the next step on."""
        self.trainer.set_settings(config)
        self.config_changed.emit(config)
        if not self.runs.running and not self._player.is_playing:
            self._publish(self._pictures.now())  # the next batch may have changed

    @undoable('Change the data')
    def set_data(self, dataset: Dataset, arch: Architecture | None = None) -> None:
        """Train on ``dataset`` from now on; ``arch`` (if given) replaces the network to fit it."""
        self.runs.stop_for_change()
        rebuilt = self.trainer.set_data(dataset, arch)
        self.data_changed.emit(dataset)
        if rebuilt:
            self._after_restart(rebuilt=True)
        else:
            self._publish(self._pictures.now())

    def load_data(self, data: Dataset | CsvTable) -> None:
        """Train on a data set, or a read CSV file (``files.read_table``: the status bar then says what was
        loaded and what network it got, and why), rebuilding the network's inputs and outputs when they must."""
        if not isinstance(data, CsvTable):
            self.set_data(*network_for_data(self.arch, data)[:2])
            return
        plan = self.plan_open(data)
        self.set_data(plan.dataset, plan.arch)
        self.message.emit(loaded_message(data, plan.dataset, self.arch, plan.note))

    def plan_open(self, table: CsvTable) -> OpenPlan:
        """What ``load_data(table)`` would do, changing nothing (the import preview says it before OK); DataError
        when the file's targets cannot train the network it would get."""
        return plan_open(self.arch, table)

    def standardize_inputs(self) -> None:
        """Train on z-scores of the current data's inputs from now on (the fix for inputs far from ±1)."""
        dataset = standardize(self.dataset)
        if dataset is not self.dataset:
            self.set_data(dataset)
            self.message.emit(self.tr("Inputs standardized: {0}; press Step or Run to go on").format(
                dataset.input_scaling.describe(6)))

    @undoable('Edit a weight')
    def edit_weight(self, layer: int, row: int, col: int, value: float) -> None:
        """Set one weight (a table edit); the next step starts from it."""
        self._edit(self.params.with_weight(layer, row, col, self._finite(value)))

    @undoable('Edit a bias')
    def edit_bias(self, layer: int, unit: int, value: float) -> None:
        self._edit(self.params.with_bias(layer, unit, self._finite(value)))

    # --- inside ------------------------------------------------------------------------

    def _restore_run(self, state: RunState) -> None:
        """Put the whole run back as ``state`` holds it (undo and redo); every view is told."""
        self.runs.stop_for_change()
        arch, dataset, config = self.arch, self.dataset, self.config
        self.trainer.restore(state)
        if self.dataset is not dataset:
            self.data_changed.emit(self.dataset)
        if self.config != config:
            self.config_changed.emit(self.config)
        self._after_restart(rebuilt=self.arch != arch)

    def _latest_on_screen(self):
        """``(latest StepRecord, step count)`` when it is on screen, not playing, Run paused (Ask now), else None."""
        record = self.state.step_record
        if self.runs.running or self._player.is_playing or record is None or record is not self.trainer.last_record:
            return None
        return record, self.trainer.step

    def _publish(self, state: ViewState, force: bool = True) -> None:
        """Draw ``state`` (unless another was drawn within a frame and ``force`` is off); the loss and history
        models are told with it."""
        now = time.perf_counter()
        if not force and now - self._last_publish < FRAME_SECONDS:
            return
        self._last_publish = now
        self._state = state
        self.state_changed.emit(state)
        self.loss_log.changed.emit()
        self.history.changed.emit()

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status)

    def _after_restart(self, rebuilt: bool = False) -> None:
        """A new run began in the trainer: drop comparisons, tell the views, show the fresh network."""
        self._player.stop()
        self._pictures.compare(None)
        if rebuilt:
            self.network_rebuilt.emit(self.arch)
        self._publish(self._pictures.now())
        self._emit_status()

    def _edit(self, params: Params) -> None:
        self._player.finish()
        self.trainer.edit(params)
        self._publish(self._pictures.now())

    def _finite(self, value: float) -> float:
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise MlpvizError(self.tr("a parameter must be a finite number, got {0}").format(value))
        return value
