"""One training run, Qt-free: the object the app, the command line, the session file and the crash
handler all train through, so there is one set of rules.

A Trainer holds the architecture, parameters, the optimizer's state, settings, the data with its
targets fitted to the network, the step count, the loss log and the parameter history. The
mini-batch of a step is a function of the step number and the settings alone, so a run
rebuilt from its snapshot (``from_snapshot``) continues bit for bit.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from mlpviz.datasets import Dataset
from mlpviz.engine import (
    Architecture, ForwardRecord, MlpvizError, Params, StepRecord, batch_count, batch_for_step, forward, init_params,
    train_step,
)
from mlpviz.engine.optimizers import Optimizer, OptimizerState
from mlpviz.engine.schedules import learning_rate_at
from mlpviz.i18n import msg
from mlpviz.io import Snapshot

from .accuracy import dataset_accuracy
from .divergence import DeadUnits, Divergence, DivergenceGuard
from .fit import fit_targets
from .history import DEFAULT_BUDGET_BYTES, History
from .batch_cache import BatchCache
from .loss_log import LossLog
from .measures import test_measures
from .settings import TrainingConfig


@dataclass(frozen=True)
class RunState:
    """Everything of a Trainer at one moment, to go back to (undo). History and loss log are
    shared, not copied: the Trainer never changes them in place below ``step`` once a state
    is saved, and ``restore`` cuts anything after ``step`` away."""

    arch: Architecture
    dataset: Dataset
    targets: np.ndarray
    test_targets: np.ndarray
    settings: TrainingConfig
    params: Params
    optimizer_state: OptimizerState | None
    step: int
    history: History
    loss_log: LossLog
    last_record: StepRecord | None
    divergence: Divergence | None

    def without_history(self) -> "RunState":
        """The same state holding only its own step's parameters (to keep old undo steps small)."""
        history = History(self.history.budget_bytes)
        history.record(self.step, self.params, self.optimizer_state)
        return dataclasses.replace(self, history=history, loss_log=self.loss_log.copy_until(self.step))


class BatchPosition(NamedTuple):
    """Where the next step is in the schedule: ``epoch`` and ``number`` 0-based, ``per_epoch`` batches."""

    epoch: int
    number: int
    per_epoch: int


class Trainer:
    """Architecture, parameters, optimizer state, settings, data, step count, loss log and history of one run.

    ``advance()`` takes the next step and returns its StepRecord. A step the divergence
    rule refuses (``divergence.py``) is returned with ``diverged`` set, logged and never
    applied, and the run goes back to its last healthy parameters; ``divergence`` says
    why. Every change that replaces the network
    (``restart``, ``set_architecture``, ``load``) starts a new history and loss log.
    """

    def __init__(self, arch: Architecture, dataset: Dataset, settings: TrainingConfig | None = None,
                 params: Params | None = None, *, step: int = 0, optimizer_state: OptimizerState | None = None,
                 history_budget: int = DEFAULT_BUDGET_BYTES) -> None:
        self.settings = settings or TrainingConfig()
        self.arch = arch
        self.dataset = dataset
        self.targets, self._test_targets = _fitted(dataset, arch)
        self.loss_log = LossLog()
        self.history = History(history_budget)
        self._batches = BatchCache()
        self._made: tuple[TrainingConfig, Optimizer] | None = None  # the optimizer made from these settings
        self.last_record: StepRecord | None = None
        self.divergence: Divergence | None = None
        self.guard = DivergenceGuard()
        self.params = self._initial(params)
        self.optimizer_state = self._fitting_state(optimizer_state)  # None: the optimizer at rest
        self.step = int(step)
        self.history.record(self.step, self.params, self.optimizer_state)
        self.guard.restart(self.step, self.params)

    @classmethod
    def from_snapshot(cls, snap: Snapshot, dataset: Dataset, settings: TrainingConfig | None = None,
                      history_budget: int = DEFAULT_BUDGET_BYTES) -> "Trainer":
        """The run ``snap`` was taken from, on ``dataset``: its parameters, optimizer state, step and settings.

        ``settings`` supplies what the snapshot does not say (older files carry no batch settings).
        """
        settings = (settings or TrainingConfig()).from_snapshot(snap.learning_rate, snap.seed, snap.extra)
        return cls(snap.arch, dataset, settings, snap.params, step=snap.step, optimizer_state=snap.state,
                   history_budget=history_budget)

    # --- reading -----------------------------------------------------------------------

    def batch_indices(self, step: int) -> np.ndarray:
        """Row numbers (into the training data) of the mini-batch that step ``step + 1`` trains on."""
        return batch_for_step(self.dataset.n_train, self._batch_size(), step, self.settings.seed, self._shuffled())[2]

    def batch(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """Read-only inputs ``(B, n0)`` and targets ``(B, nL)`` of the batch that follows step ``step``.

        The batches of an epoch are kept while they fit in BATCH_CACHE_BYTES (the schedule hands
        out the same index arrays every epoch unless shuffled), so a step does not copy its batch.
        """
        idx = self.batch_indices(step)
        x_train, targets = self.dataset.x_train, self.targets
        kept = self._batches.get(idx, x_train, targets)
        if kept is not None:
            return kept
        x, y = x_train[idx], targets[idx]
        x.setflags(write=False)  # fresh copies: read-only, so a record can keep them as they are
        y.setflags(write=False)
        self._batches.keep(idx, x_train, targets, x, y)
        return x, y

    @property
    def next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """The batch the next step trains on."""
        return self.batch(self.step)

    @property
    def batch_position(self) -> BatchPosition:
        epoch, number, _ = batch_for_step(self.dataset.n_train, self._batch_size(), self.step,
                                          self.settings.seed, self._shuffled())
        return BatchPosition(epoch, number, batch_count(self.dataset.n_train, self._batch_size()))

    def forward_now(self) -> ForwardRecord:
        """The last step's record if it explains the current parameters, else a forward pass on the next batch."""
        record = self.last_record
        if record is None or record.diverged or record.params_after is not self.params:
            x, y = self.next_batch
            return forward(self.arch, self.params, x, y)
        return record

    def forward_at(self, step: int) -> tuple[int, ForwardRecord]:
        """``(kept step, forward pass)`` of the parameters after the kept step nearest ``step``."""
        kept = self.history.nearest(step)
        x, y = self.batch(kept)
        return kept, forward(self.arch, self.history.params_at(kept), x, y)

    def test_loss(self, params: Params | None = None) -> float:
        """Loss of ``params`` (default: the current ones) on the test data; NaN when there is none."""
        if self.dataset.n_test == 0:
            return float("nan")
        return forward(self.arch, params or self.params, self.dataset.x_test, self._test_targets).loss

    def snapshot(self, step: int | None = None, notes: dict | None = None) -> Snapshot:
        """The run as a Snapshot: the latest step or the kept step nearest ``step``, with the optimizer's state.

        ``notes`` add further keys (such as the data set's name).
        """
        extra = {**self.settings.snapshot_notes(), "data": self.dataset.name, **(notes or {})}
        if self.dataset.input_scaling is not None:
            extra.setdefault("input_scaling", self.dataset.input_scaling.describe())
        if step is None or step >= self.step:
            params, step, state = self.params, self.step, self.optimizer_state
        else:
            step = self.history.nearest(step)
            params, state = self.history.params_at(step), self.history.state_at(step)
        return Snapshot(self.arch, params, step=step, learning_rate=self.settings.learning_rate,
                        seed=self.settings.seed, extra=extra, state=state)

    def learning_rate(self, step: int | None = None) -> float:
        """The learning rate the schedule gives the step taken after ``step`` steps (default: the next one)."""
        s = self.settings
        return learning_rate_at(self.step if step is None else step, s.learning_rate, s.schedule, s.gamma,
                                s.schedule_steps, s.warmup)

    # --- training ----------------------------------------------------------------------

    def advance(self, measure_test: bool = True) -> StepRecord:
        """Take one step on the next mini-batch; apply it unless it is refused as diverging. Returns its record.

        ``measure_test=False`` logs the test loss as NaN (a gap the curve bridges), so fast
        runs measure it once per picture instead of doubling the cost of every step.
        """
        x, y = self.next_batch
        optimizer = self._optimizer()
        state = self.optimizer_state
        if state is not None and (state.optimizer != optimizer.name or state.names != optimizer.state_names):
            state = None  # the optimizer (or whether SGD keeps a velocity) changed: the new one starts at rest
        record = train_step(self.arch, self.params, x, y, self.learning_rate(), optimizer=optimizer, state=state)
        divergence = self.guard.check(record, self.step, self.targets)
        if divergence is not None:
            record = dataclasses.replace(record, params_after=record.params, state_after=record.state_before,
                                         diverged=True)
            if self.guard.healthy is not None:  # its optimizer state too: on from there as if never refused
                self._go_back_to(*self.guard.healthy)
            self.divergence = divergence  # last_record: the kept step's (it explains the network on screen)
            self.loss_log.append(divergence.step, record.loss, diverged=True)
            return record
        self.last_record, self.divergence = record, None
        self.params = record.params_after
        self.optimizer_state = record.state_after
        self.step += 1
        self.history.record(self.step, self.params, self.optimizer_state)
        self.guard.watch_units(record, self.step, self.dataset.x_train)
        if measure_test:
            test_loss, accuracy, test_accuracy = test_measures(self.arch, self.params, self.dataset, self._test_targets)
            self.loss_log.append(self.step, record.loss, test_loss, False, accuracy, test_accuracy)
        else:
            self.loss_log.append(self.step, record.loss)
        return record

    def _optimizer(self) -> Optimizer:
        """The optimizer of the settings, made once per settings (immutable both; making one took 40 µs, a
        sixth of a small network's step)."""
        if self._made is None or self._made[0] is not self.settings:
            self._made = (self.settings, self.settings.make_optimizer())
        return self._made[1]

    def measure_test_loss(self, accuracy: bool = True) -> None:
        """Fill in the test loss and the accuracies of the latest logged step (after steps taken without them);
        ``accuracy=False`` leaves the training rows' accuracy unmeasured (``measures.py``)."""
        if len(self.loss_log):
            self.loss_log.set_last_test(*test_measures(self.arch, self.params, self.dataset, self._test_targets,
                                                       accuracy))

    @property
    def dead_units(self) -> DeadUnits | None:
        """A ReLU hidden layer found dead on every training row since the last restart (no gradient passes), or None."""
        return self.guard.dead

    def accuracy(self, params: Params | None = None) -> tuple[float, float]:
        """``(training, test)`` accuracy of ``params`` (default: the current ones) on the data's classes; NaN
        for data without classes (or without test rows)."""
        params = params or self.params
        return (dataset_accuracy(self.arch, params, self.dataset),
                dataset_accuracy(self.arch, params, self.dataset, test=True))

    # --- changes -----------------------------------------------------------------------

    def set_settings(self, settings: TrainingConfig) -> None:
        """New settings; they apply from the next step on (the schedule is a function of the step)."""
        self.settings = settings

    def restart(self, params: Params | None = None, step: int = 0, optimizer_state: OptimizerState | None = None) -> None:
        """A new run from ``params`` (default: fresh ones from the settings' seed) at ``step``.

        The history and loss log start anew as new objects, so a saved RunState keeps the old ones.
        """
        self.params = self._initial(params)
        self.optimizer_state = self._fitting_state(optimizer_state)
        self.step = int(step)
        self.last_record = self.divergence = None
        self.loss_log = LossLog(max_entries=self.loss_log.max_entries)
        self.history = History(self.history.budget_bytes)
        self.history.record(self.step, self.params, self.optimizer_state)
        self.guard.restart(self.step, self.params)

    def save(self) -> RunState:
        """The whole run as it is now, for ``restore`` (cheap: arrays and logs are shared)."""
        return RunState(self.arch, self.dataset, self.targets, self._test_targets, self.settings, self.params,
                        self.optimizer_state, self.step, self.history, self.loss_log, self.last_record, self.divergence)

    def restore(self, state: RunState) -> None:
        """Go back to ``state`` exactly: network, data, settings, step, history and loss log."""
        self.arch, self.dataset, self.targets, self._test_targets = state.arch, state.dataset, state.targets, state.test_targets
        self.settings, self.params, self.step = state.settings, state.params, state.step
        self.optimizer_state = state.optimizer_state
        self.history, self.loss_log = state.history, state.loss_log
        self.history.truncate_after(self.step)
        if self.history.last_step != self.step:
            self.history.record(self.step, self.params, self.optimizer_state)
        elif not self.history.params_at(self.step).equals(self.params):
            self.history.record(self.step, self.params, self.optimizer_state)  # an edit at this step was undone
        self.loss_log.truncate(int(np.searchsorted(self.loss_log.steps, self.step, side="right")))
        self.last_record, self.divergence = state.last_record, state.divergence
        self.guard.restart(self.step, self.params)

    def set_architecture(self, arch: Architecture, params: Params | None = None, step: int = 0) -> None:
        """Use ``arch`` (checked against the data first) and start again from ``params`` or the seed."""
        targets = _fitted(self.dataset, arch)
        if params is not None:
            params.check_fits(arch)
        self.arch, (self.targets, self._test_targets) = arch, targets
        self.restart(params, step)

    def set_data(self, dataset: Dataset, arch: Architecture | None = None) -> bool:
        """Train on ``dataset``; ``arch`` (if it differs) replaces the network. True if the network was rebuilt.

        Everything is checked before anything changes.
        """
        arch = arch or self.arch
        targets = _fitted(dataset, arch)
        self.dataset, (self.targets, self._test_targets) = dataset, targets
        if arch != self.arch:
            self.arch = arch
            self.restart()
            return True
        self.last_record = None
        return False

    def load(self, snap: Snapshot, loss_log: LossLog | None = None, history: History | None = None) -> None:
        """Continue the run ``snap`` was taken from: network, optimizer state, step and the settings it carries;
        with ``loss_log`` (that run's log, checked by ``LossLog.from_columns`` against ``snap.step``) its curve
        too, and with ``history`` (its kept steps up to ``snap.step``) its timeline, within this run's budget."""
        settings = self.settings.from_snapshot(snap.learning_rate, snap.seed, snap.extra)
        targets = _fitted(self.dataset, snap.arch)
        self.settings, self.arch, (self.targets, self._test_targets) = settings, snap.arch, targets
        self.restart(snap.params, snap.step, snap.state)
        if loss_log is not None:
            self.loss_log = LossLog.from_columns(loss_log.entries(), snap.step,
                                                 max(self.loss_log.max_entries, len(loss_log)))
        if history is not None and len(history):
            kept = History(self.history.budget_bytes)
            for step in history.steps.tolist():
                if step < snap.step:
                    kept.record(step, history.params_at(step), history.state_at(step))
            kept.record(snap.step, snap.params, snap.state)
            kept.forget_states_before(min(history.states_unknown_before, snap.step))
            self.history = kept

    def edit(self, params: Params) -> None:
        """Parameters typed in by hand (same shapes): the next step starts from them, at rest."""
        params.check_fits(self.arch)
        if not params.is_finite():
            raise MlpvizError(msg("a parameter must be a finite number"))
        self.params, self.optimizer_state, self.last_record = params, None, None
        self.history.record(self.step, params)
        self.guard.restart(self.step, params)

    def continue_from(self, step: int) -> int:
        """Drop the steps after the kept step nearest ``step`` and train on from it; returns that step.

        The batch schedule depends on the step alone and the history keeps the optimizer's state, so this
        equals a fresh run stopped there (a timeline from an older lesson has none: see ``state_lost``).
        """
        kept = self.history.nearest(step)
        if kept != self.step:
            self._go_back_to(kept, self.history.params_at(kept), self.history.state_at(kept))
        return kept

    def state_lost(self, step: int) -> bool:
        """Whether continuing from ``step`` starts at rest only because its optimizer state was not saved."""
        return not self.history.state_known(step) and bool(self._optimizer().state_names)

    # --- inside ------------------------------------------------------------------------

    def _go_back_to(self, step: int, params: Params, state: OptimizerState | None = None,
                    record: StepRecord | None = None) -> None:
        """Forget the steps after ``step`` and train on from its ``params`` and optimizer ``state`` (None: at
        rest); ``record``, the step that led there, if known. The history and loss log up to ``step`` are
        copied, so a saved RunState keeps the later steps."""
        self.history = self.history.copy_until(step)
        if self.history.last_step != step:
            self.history.record(step, params, state)
        self.loss_log = self.loss_log.copy_until(step)
        self.params, self.optimizer_state, self.last_record, self.step = params, state, record, step
        self.guard.restart(step, params, state, record)

    def _initial(self, params: Params | None) -> Params:
        if params is None:
            return init_params(self.arch, self.settings.init_method, self.settings.seed)
        params.check_fits(self.arch)
        return params

    def _fitting_state(self, state: OptimizerState | None) -> OptimizerState | None:
        """``state`` checked against the network (the optimizer's own fit is checked at each step)."""
        if state is not None and any(a.shape != (self.arch.parameter_count,) for a in state.arrays):
            raise MlpvizError(msg("the {optimizer} state does not fit the {value} network", optimizer=state.optimizer, value=self.arch.label()))
        return state

    def _batch_size(self) -> int | None:
        """The configured batch size, or None for the full batch."""
        size = self.settings.batch_size
        return size if 0 < size < self.dataset.n_train else None

    def _shuffled(self) -> bool:
        return self.settings.shuffle and self._batch_size() is not None


def _fitted(dataset: Dataset, arch: Architecture) -> tuple[np.ndarray, np.ndarray]:
    """Training and test targets of ``dataset`` fitted to ``arch`` (checked together, before any change)."""
    return fit_targets(dataset, arch), fit_targets(dataset, arch, test=True)
