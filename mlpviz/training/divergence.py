"""When a run is going bad, why, and what to keep: the divergence rule and its message, shared by the app and the CLI.

A step is refused when the engine reports a non-finite loss or parameters, and also
before that happens: when the loss rises far above where the run started
(``LOSS_RISE`` times the first step's loss, at least ``LOSS_FLOOR``), or a parameter
grows past ``PARAM_GROWTH`` times the largest one at the start (at least ``PARAM_FLOOR``).
The guard remembers the last healthy parameters (a step whose loss was at most
``HEALTHY_RISE`` times the start), so a refused run goes back to numbers it can learn from.

A run can thrash without ever rising that far: a learning rate (and momentum) too large for it
throws the loss about for thousands of steps at chance accuracy. ``thrash.py`` watches for it: a
smoothed loss far above its best for ``THRASH_STEPS`` steps (``THRASHING``), or a best that has stood
that long while the mean loss is worse than that of a network that knows nothing (``NO_PROGRESS``).
The step is refused, the run goes back to the parameters of its best, and with momentum above
``THRASH_MOMENTUM`` the fix named is less momentum.

A run can also go bad without diverging: when every unit of a ReLU hidden layer outputs 0
for every training row, no gradient passes it and the loss can no longer fall
(``find_dead_layer``, ``DeadUnits``).

The messages are written here once, in English, as literal templates passed through a
``tr`` callable (identity on the command line; the app passes Qt's translate), so the
app and the CLI say the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlpviz.engine import Architecture, Params, StepRecord, forward
from mlpviz.engine.optimizers import OptimizerState
from mlpviz.i18n import translated

from .thrash import (  # noqa: F401 (the thrash rules' numbers, named here too)
    NO_PROGRESS, STALL_RISE, THRASH_MARGIN, THRASH_MOMENTUM, THRASH_RISE, THRASH_STEPS, THRASHING, KeptStep,
    ThrashWatch,
)

LOSS_RISE = 100.0
LOSS_FLOOR = 1.0
HEALTHY_RISE = 1.5
PARAM_GROWTH = 100.0
PARAM_FLOOR = 1e6
TARGET_SCALE = 10.0  # mse targets beyond this size make large gradients from the first step
INPUT_SCALE = 10.0  # inputs beyond this size make the first layer's gradients that much larger than the rest
DEAD_RECHECK = 50  # steps between checks on every training row after a batch showed a layer dead

NON_FINITE, LOSS_ROSE, PARAMS_GREW = "non-finite", "loss-rose", "params-grew"
LEARNING_RATE, WEIGHT_DECAY, MOMENTUM, TARGET_SCALE_CAUSE = "learning rate", "weight decay", "momentum", "target scale"
INPUT_SCALE_CAUSE = "input scale"

Translate = Callable[[str], str]


def _users_language(text: str) -> str:
    return translated(text)  # the user's language (mlpviz.i18n): the CLI's and the app's messages are one


@dataclass(frozen=True)
class Divergence:
    """A refused step: which, why (``reason``), the likely ``cause`` and the step whose parameters are kept.

    ``target_size`` and ``input_size`` are the largest |target| and |input| of the refused batch. A run
    refused as THRASHING or NO_PROGRESS goes back to its best step (``kept_step``), where the smoothed loss
    was ``best_loss``; it is ``smoothed_loss`` now. For NO_PROGRESS the batch losses since averaged
    ``mean_loss``, against the ``know_nothing_loss`` of answering every row with the targets' mean.
    """

    step: int
    loss: float
    reason: str
    cause: str
    start_loss: float
    kept_step: int
    learning_rate: float
    weight_decay: float
    momentum: float
    target_size: float
    input_size: float = 0.0
    best_loss: float | None = None  # (None, not NaN: two refusals of the same step compare equal)
    smoothed_loss: float | None = None
    mean_loss: float | None = None
    know_nothing_loss: float | None = None

    @property
    def lower_momentum(self) -> float:
        """The momentum the fix names: 0.9 for one close to 1, else 0.5."""
        return 0.9 if self.momentum >= 0.95 else THRASH_MOMENTUM

    def describe(self, tr: Translate = _users_language) -> str:
        """One paragraph: which step, what went wrong, what is kept, the likely cause and its fix."""
        if self.reason == THRASHING:
            head = tr("Training went bad by step {0}: for {1} steps the loss (a mean over about 20 steps, now "
                      "{2:.4g}) stayed more than {3:g} times its best, {4:.4g}. Run stopped; the parameters of "
                      "step {5}, where it was best, are kept.").format(
                self.step, THRASH_STEPS, self.smoothed_loss, THRASH_RISE, self.best_loss, self.kept_step)
            return f"{head} {self.fix(tr)}"
        if self.reason == NO_PROGRESS:
            head = tr("Training is getting nowhere by step {0}: since step {1}, where the loss (a mean over about 20 "
                      "steps) was best, {2:.4g}, the loss has averaged {3:.4g}, more than {4:g} times the {5:.4g} of a "
                      "network that has learned nothing (one answering every row with the mean of the training "
                      "targets). Run stopped; the parameters of step {1} are kept.").format(
                self.step, self.kept_step, self.best_loss, self.mean_loss, STALL_RISE, self.know_nothing_loss)
            return f"{head} {self.fix(tr)}"
        if self.reason == NON_FINITE:
            what = tr("the loss or the parameters became infinite or NaN")
        elif self.reason == LOSS_ROSE:
            what = tr("the loss rose to {0:.4g}, far above the {1:.4g} the run started at").format(
                self.loss, self.start_loss)
        else:
            what = tr("the parameters grew past any useful size")
        head = tr("Training diverged at step {0}: {1}. The update was not applied; the parameters of step {2}, "
                  "before it went bad, are kept.").format(self.step, what, self.kept_step)
        return f"{head} {self.fix(tr)}"

    def fix(self, tr: Translate = _users_language) -> str:
        """The likely cause and what to change."""
        if self.cause == WEIGHT_DECAY:
            return tr("Likely cause: weight decay {0:g} with learning rate {1:g} shrinks every weight past zero "
                      "each step; use a smaller weight decay.").format(self.weight_decay, self.learning_rate)
        if self.cause == MOMENTUM:
            return tr("Likely cause: momentum {0:g} keeps adding up steps, each about {1:.3g} times the learning "
                      "rate {2:g}; use less momentum (e.g. {3:g}).").format(
                self.momentum, 1 / (1 - self.momentum), self.learning_rate, self.lower_momentum)
        if self.cause == INPUT_SCALE_CAUSE:
            return tr("Likely cause: inputs as large as {0:,.6g} feed the first layer, whose gradients grow with "
                      "them, so no learning rate suits every layer; standardize the inputs (Standardize inputs in "
                      "the import preview, --standardize in mlpviz train), then a learning rate such as 0.01 "
                      "trains.").format(self.input_size)
        if self.cause == TARGET_SCALE_CAUSE:
            return tr("Likely cause: targets as large as {0:.3g} give huge squared errors; scale the targets down, "
                      "or use a smaller learning rate than {1:g}.").format(self.target_size, self.learning_rate)
        return tr("Likely cause: the learning rate {0:g} is too large; halve it.").format(self.learning_rate)


@dataclass(frozen=True)
class DeadUnits:
    """From ``step`` on, every one of the ``units`` units of hidden layer ``layer`` (1-based) outputs 0 for every
    training row; ``input_size`` is the largest |input| of the training rows."""

    step: int
    layer: int
    units: int
    input_size: float

    def describe(self, tr: Translate = _users_language) -> str:
        """What happened and the fix, naming the inputs' scale when it is the likely cause."""
        head = tr("At step {0} every unit of hidden layer {1} ({2} ReLU units) outputs 0 for every training row: "
                  "dead ReLU units pass no gradient, so the loss can no longer fall.").format(
            self.step, self.layer, self.units)
        if self.input_size > INPUT_SCALE:
            fix = tr("Likely cause: inputs as large as {0:,.6g} pushed the units' weighted sums below 0 for good; "
                     "standardize the inputs (Standardize inputs in the import preview, --standardize in mlpviz "
                     "train) and start again from fresh weights (Reset in the app).").format(self.input_size)
        else:
            fix = tr("Fix: start again from fresh weights (Reset in the app) with a smaller learning rate, or use leaky_relu or tanh hidden "
                     "units, whose gradient never stops.")
        return f"{head} {fix}"


def find_dead_layer(arch: Architecture, params: Params, x: np.ndarray) -> tuple[int, int] | None:
    """``(layer, units)`` of the first ReLU hidden layer whose every unit outputs 0 on every row of ``x``, else None."""
    if arch.hidden_activation != "relu" or arch.layer_count < 2 or x.shape[0] == 0:
        return None
    record = forward(arch, params, x)
    for l in range(1, arch.layer_count):
        if not record.activations[l].any():
            return l, arch.sizes[l]
    return None


def dead_in_batch(record: StepRecord) -> bool:
    """True when some ReLU hidden layer output 0 for the whole batch of ``record`` (cheap; confirm on all rows)."""
    if record.arch.hidden_activation != "relu":
        return False
    return any(not record.activations[l].any() for l in range(1, record.arch.layer_count))


class DivergenceGuard:
    """Watches one run's steps; ``check`` returns a Divergence for a step to refuse, else None."""

    def __init__(self) -> None:
        self.restart(0, None)

    def restart(self, step: int, params: Params | None, state: OptimizerState | None = None,
                record: StepRecord | None = None) -> None:
        """A new stretch of training from ``params`` (optimizer ``state``, reached by ``record`` if known) at
        ``step``: the next step's loss is the new start."""
        self._start_loss: float | None = None
        self._param_bound = PARAM_FLOOR
        self.dead: DeadUnits | None = None
        self._next_dead_check = step
        self.healthy: KeptStep | None = None if params is None else KeptStep(step, params, state, record)
        self._applied = record  # the last step applied: it led to the parameters the next step starts from
        self._thrash = ThrashWatch()
        if params is not None:
            self._param_bound = max(PARAM_FLOOR, PARAM_GROWTH * _largest(params))

    def check(self, record: StepRecord, step: int, targets: np.ndarray) -> Divergence | None:
        """Judge the step taken from ``step``: None to apply it, or why it must not be applied.

        ``healthy`` is then the step to go back to, with the optimizer state it had (``KeptStep``)."""
        before = self._applied  # the step that led here (after a copy to another process: equal, not the same)
        if before is not None and before.params_after is not record.params and not before.params_after.equals(record.params):
            before = None
        here = KeptStep(step, record.params, record.state_before, before)
        if self._start_loss is None and math.isfinite(record.loss):
            self._start_loss = record.loss
            self.healthy = here
        start = self._start_loss if self._start_loss is not None else float("nan")
        reason = None
        if record.diverged:
            reason = NON_FINITE
        elif record.loss > LOSS_RISE * max(start, LOSS_FLOOR / LOSS_RISE):
            reason = LOSS_ROSE
        elif _largest(record.params_after) > self._param_bound:
            reason = PARAMS_GREW
        if reason is None:
            if record.loss <= HEALTHY_RISE * start:
                self.healthy = here
            reason = self._thrash.see(record, here, targets)
            if reason is None:
                self._applied = record
                return None
            self.healthy = self._thrash.best[1]  # go back to the best, not to the last step near the start
        kept = self.healthy.step if self.healthy is not None else step
        size = float(np.abs(targets).max()) if targets.size else 0.0
        inputs = float(np.abs(record.inputs).max()) if record.inputs.size else 0.0
        thrashing, measures = reason in (THRASHING, NO_PROGRESS), {}
        if thrashing:
            measures = dict(best_loss=self._thrash.best[0], smoothed_loss=self._thrash.smoothed)
        if reason == NO_PROGRESS:
            measures.update(mean_loss=self._thrash.mean_since_best, know_nothing_loss=self._thrash.know_nothing)
        return Divergence(step + 1, record.loss, reason, _cause(record, size, inputs, thrashing), start, kept,
                          record.learning_rate, record.weight_decay, record.momentum, size, inputs, **measures)

    def watch_units(self, record: StepRecord, step: int, x_train: np.ndarray) -> DeadUnits | None:
        """After the step of ``record`` was applied (now at ``step``): DeadUnits the first time a ReLU hidden
        layer is dead on every row of ``x_train`` (checked when the batch shows it, at most every DEAD_RECHECK
        steps), else None."""
        if self.dead is not None or step < self._next_dead_check or not dead_in_batch(record):
            return None
        found = find_dead_layer(record.arch, record.params_after, x_train)
        if found is None:
            self._next_dead_check = step + DEAD_RECHECK
            return None
        self.dead = DeadUnits(step, found[0], found[1], float(np.abs(x_train).max()))
        return self.dead


def _largest(params: Params) -> float:
    flat = params.flat
    return max(float(flat.max()), -float(flat.min())) if flat.size else 0.0  # no |flat| temporary


def _cause(record: StepRecord, target_size: float, input_size: float, thrashing: bool = False) -> str:
    if record.weight_decay * record.learning_rate > 1.0:
        return WEIGHT_DECAY
    if record.momentum >= 0.95:
        return MOMENTUM
    if input_size > INPUT_SCALE:
        return INPUT_SCALE_CAUSE
    if record.arch.loss == "mse" and target_size > TARGET_SCALE:
        return TARGET_SCALE_CAUSE
    if thrashing and record.momentum > THRASH_MOMENTUM:  # steps of η/(1 − μ): 10 η at 0.9
        return MOMENTUM
    return LEARNING_RATE
