"""Runs that thrash without diverging: the two rules of ``DivergenceGuard`` for a loss that swings and learns nothing.

A learning rate (and momentum) too large for the problem can throw the loss about for thousands of steps,
never rising far enough to be refused as diverging, while the network learns nothing (the spiral at
learning rate 5 with momentum 0.9, or 2.5 with momentum 0.5, at chance accuracy). Two measures of the
batch losses catch it:

- *far above its best* (``THRASHING``): the loss smoothed over about 20 steps (an exponential mean) stays
  more than ``THRASH_RISE`` times, and ``THRASH_MARGIN`` above, its best for ``THRASH_STEPS`` steps in a
  row: a run that had learned and lost it.
- *worse than knowing nothing* (``NO_PROGRESS``): for ``THRASH_STEPS`` steps the smoothed loss has not
  come below its best, and the mean of the batch losses since then is more than ``STALL_RISE`` times the
  *know-nothing loss* (and ``THRASH_MARGIN`` above the best). The know-nothing loss is that of the best
  answer that ignores the inputs, the training targets' mean for every row (class frequencies, ln 2 for
  two balanced classes): a network doing worse than that on average has learned nothing useful, and one
  whose best has stood for 500 steps is not about to. Healthy runs stay below it once they learn, and at
  about 1× on a plateau or while learning slowly (their best still improves; the spiral at η 2.5 without
  momentum reaches 1.3×); the thrashing spirals measured average 1.6× to 8.6× it. A mean of the batch
  losses, not the smoothed loss, so a loss that swings from 0.5 to 5 counts by its level, not by its
  luckiest stretches.

Neither catches a run that learned and fell back to about the know-nothing loss, swinging under 5× its
best (the spiral trained at η 0.1 for 2,000 steps, then at 0.3): its mean loss is then about 1× the
know-nothing loss, where slowly learning runs sit too.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from mlpviz.engine import Params, StepRecord
from mlpviz.engine.optimizers import OptimizerState

THRASH_SMOOTHING = 0.05  # the smoothed loss: an exponential mean over about 20 steps (a batch's noise evened out)
THRASH_RISE = 5.0  # a smoothed loss this many times its best...
THRASH_MARGIN = 0.25  # ...and this much above it (a loss of 0.001 against a best of 0.0001 is no trouble)...
THRASH_STEPS = 500  # ...for this many steps in a row: the run is going bad
STALL_RISE = 1.5  # a mean loss since the best this many times the know-nothing loss: no progress
THRASH_MOMENTUM = 0.5  # a thrashing run with more momentum than this is told to lower it

THRASHING, NO_PROGRESS = "thrashing", "no-progress"
_CLIP = 1e-12  # a class that never occurs: its frequency is 0, its log would be -inf


class KeptStep(NamedTuple):
    """A step a refused run can go back to: its number, parameters and optimizer state (velocity, moments,
    count) as they were after it, and the StepRecord that led to them (None when not known), so the run
    goes on exactly as it would have from there and the step can still be shown and explained."""

    step: int
    params: Params
    state: OptimizerState | None = None
    record: StepRecord | None = None


def know_nothing_loss(loss: str, targets: np.ndarray) -> float:
    """The ``loss`` ("bce", "ce", "mse") of answering every row of ``targets`` with their mean: what a network
    that ignores its inputs can reach at best."""
    if targets.size == 0:
        return float("nan")
    y = np.asarray(targets, dtype=np.float64)
    mean = y.mean(axis=0)
    if loss == "mse":
        return float(0.5 * ((y - mean) ** 2).sum(axis=1).mean())
    p = np.clip(mean, _CLIP, 1 - _CLIP)
    if loss == "ce":
        return float(-(y * np.log(p)).sum(axis=1).mean())
    return float(-(y * np.log(p) + (1 - y) * np.log1p(-p)).sum(axis=1).mean())


class ThrashWatch:
    """The smoothed loss of one stretch of training, its best and what came after; ``see`` says which rule fired."""

    def __init__(self) -> None:
        self.smoothed: float | None = None
        self.best: tuple[float, KeptStep] | None = None  # the lowest smoothed loss and its step
        self._above = 0  # steps in a row with the smoothed loss far above its best
        self._since_sum, self._since = 0.0, 0  # the batch losses since the best: their sum and count
        self.mean_since_best: float | None = None  # when NO_PROGRESS fired: their mean...
        self.know_nothing: float | None = None  # ...and the know-nothing loss it is compared with

    def see(self, record: StepRecord, here: KeptStep, targets: np.ndarray) -> str | None:
        """Take in the loss of ``record`` (the step from ``here``, the step before it): THRASHING, NO_PROGRESS,
        or None while healthy."""
        if not math.isfinite(record.loss):
            return None
        s = record.loss if self.smoothed is None else self.smoothed + THRASH_SMOOTHING * (record.loss - self.smoothed)
        self.smoothed = s
        if self.best is None or s < self.best[0]:
            self.best = (s, here)  # the parameters whose loss this is: before the step
            self._since_sum, self._since = 0.0, 0
        else:
            self._since_sum += record.loss
            self._since += 1
        best = self.best[0]
        self._above = self._above + 1 if s > THRASH_RISE * best and s - best > THRASH_MARGIN else 0
        if self._above >= THRASH_STEPS:
            return THRASHING
        return NO_PROGRESS if self._no_progress(record, targets) else None

    def _no_progress(self, record: StepRecord, targets: np.ndarray) -> bool:
        """Whether the best has stood for THRASH_STEPS steps while the mean loss since was worse than knowing nothing."""
        if self._since < THRASH_STEPS:
            return False
        mean = self._since_sum / self._since
        if mean - self.best[0] <= THRASH_MARGIN:
            return False  # settled at its best (the common case): no need to look at the targets
        know_nothing = know_nothing_loss(record.arch.loss, targets)
        if not mean > STALL_RISE * know_nothing:
            return False
        self.mean_since_best, self.know_nothing = mean, know_nothing
        return True
