"""When a run is going bad, and what to keep: the divergence rule shared by the app and the command line.

A step is refused when the engine reports a non-finite loss or parameters, and also
before that happens: when the loss rises far above where the run started
(``LOSS_RISE`` times the first step's loss, at least ``LOSS_FLOOR``), or a parameter
grows past ``PARAM_GROWTH`` times the largest one at the start (at least ``PARAM_FLOOR``).
The guard remembers the last healthy parameters (a step whose loss was at most
``HEALTHY_RISE`` times the start), so a refused run goes back to numbers it can learn from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlpviz.engine import Params, StepRecord

LOSS_RISE = 100.0
LOSS_FLOOR = 1.0
HEALTHY_RISE = 1.5
PARAM_GROWTH = 100.0
PARAM_FLOOR = 1e6
TARGET_SCALE = 10.0  # mse targets beyond this size make large gradients from the first step

NON_FINITE, LOSS_ROSE, PARAMS_GREW = "non-finite", "loss-rose", "params-grew"
LEARNING_RATE, WEIGHT_DECAY, MOMENTUM, TARGET_SCALE_CAUSE = "learning rate", "weight decay", "momentum", "target scale"


@dataclass(frozen=True)
class Divergence:
    """A refused step: which, why (``reason``), the likely ``cause`` and the step whose parameters are kept."""

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

    def describe(self) -> str:
        """One paragraph in English for the command line (the app words it through Qt's translations)."""
        what = {
            NON_FINITE: "the loss or the parameters became infinite or NaN",
            LOSS_ROSE: f"the loss rose to {self.loss:.4g}, far above the {self.start_loss:.4g} the run started at",
            PARAMS_GREW: "the parameters grew past any useful size",
        }[self.reason]
        return (f"Training diverged at step {self.step}: {what}. The update was not applied; "
                f"the parameters of step {self.kept_step}, before it went bad, are kept. {self.fix()}")

    def fix(self) -> str:
        if self.cause == WEIGHT_DECAY:
            return (f"Likely cause: weight decay {self.weight_decay:g} with learning rate {self.learning_rate:g} "
                    "shrinks every weight past zero each step; use a smaller weight decay.")
        if self.cause == MOMENTUM:
            return f"Likely cause: momentum {self.momentum:g} keeps adding up steps; use less momentum (e.g. 0.9)."
        if self.cause == TARGET_SCALE_CAUSE:
            return (f"Likely cause: targets as large as {self.target_size:.3g} give huge squared errors; "
                    f"scale the targets down, or use a smaller learning rate than {self.learning_rate:g}.")
        return f"Likely cause: the learning rate {self.learning_rate:g} is too large; try half of it."


class DivergenceGuard:
    """Watches one run's steps; ``check`` returns a Divergence for a step to refuse, else None."""

    def __init__(self) -> None:
        self.restart(0, None)

    def restart(self, step: int, params: Params | None) -> None:
        """A new stretch of training from ``params`` at ``step``: the next step's loss is the new start."""
        self._start_loss: float | None = None
        self._param_bound = PARAM_FLOOR
        self.healthy: tuple[int, Params] | None = None if params is None else (step, params)
        if params is not None:
            self._param_bound = max(PARAM_FLOOR, PARAM_GROWTH * _largest(params))

    def check(self, record: StepRecord, step: int, targets: np.ndarray) -> Divergence | None:
        """Judge the step taken from ``step``: None to apply it, or why it must not be applied."""
        if self._start_loss is None and math.isfinite(record.loss):
            self._start_loss = record.loss
            self.healthy = (step, record.params)
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
                self.healthy = (step, record.params)
            return None
        kept = self.healthy[0] if self.healthy is not None else step
        size = float(np.abs(targets).max()) if targets.size else 0.0
        return Divergence(step + 1, record.loss, reason, _cause(record, size), start, kept,
                          record.learning_rate, record.weight_decay, record.momentum, size)


def _largest(params: Params) -> float:
    flat = params.flat
    return max(float(flat.max()), -float(flat.min())) if flat.size else 0.0  # no |flat| temporary


def _cause(record: StepRecord, target_size: float) -> str:
    if record.weight_decay * record.learning_rate > 1.0:
        return WEIGHT_DECAY
    if record.momentum >= 0.95:
        return MOMENTUM
    if record.arch.loss == "mse" and target_size > TARGET_SCALE:
        return TARGET_SCALE_CAUSE
    return LEARNING_RATE
