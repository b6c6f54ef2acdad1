"""Conventions learners write that are not bugs: each is recognised, named in the report, and allowed for.

A :class:`Convention` says how the learner's numbers relate to mlpviz's when both are right:
``sign`` -1 for δ = y − ŷ (gradients negated, the update adding), ``summed`` for gradients
summed over the batch (the learning rate divided by B), ``half`` 2 for a squared error without
½ (loss, δ, gradients and the step twice mlpviz's), ``loss_summed`` for a loss summed over the batch.
"""

from __future__ import annotations

from mlpviz.i18n import msg

import itertools
from dataclasses import dataclass

# Every convention's name in the report, written once.
NAMES = {
    "layout": msg("weights stored fan_out × fan_in (transposed) and biases as columns"),
    "per_sample": msg("one sample at a time, as column vectors; the batch's gradient is the mean of the samples'"),
    "sign": msg("δ = y − ŷ (the sign flipped) with the update adding the gradient"),
    "summed": msg("gradients summed over the batch, the learning rate divided by the batch size"),
    "half": msg("squared error without ½: loss, δ, gradients and the step are twice mlpviz's at the same η"),
    "loss_summed": msg("the loss summed over the batch, not averaged"),
    "labels_index": msg("labels given as class indices, shape (B,)"),
    "labels_flat": msg("targets given as a vector, shape (B,)"),
    "float32": msg("float32 arithmetic (compared to a relative 1e-4)"),
    "own_update": msg("no update method: mlpviz applies W − η·∂C/∂W to your gradients between steps"),
}

FLOAT32_TOLERANCE = 1e-4


@dataclass(frozen=True)
class Convention:
    """How the learner scales δ, the gradients and the loss (all 1/False: mlpviz's own)."""

    sign: int = 1
    summed: bool = False
    half: int = 1
    loss_summed: bool = False

    def delta_factor(self) -> float:
        return self.sign * self.half

    def grad_factor(self, batch: int) -> float:
        return self.sign * self.half * (batch if self.summed else 1)

    def loss_factor(self, batch: int) -> float:
        return self.half * (batch if self.loss_summed else 1)

    def names(self) -> list[str]:
        return [str(NAMES[k]) for k, on in (("sign", self.sign < 0), ("summed", self.summed), ("half", self.half == 2),
                                       ("loss_summed", self.loss_summed)) if on]


def candidates(loss: str) -> list[Convention]:
    """Every combination worth trying for ``loss``, mlpviz's own first, then by how few conventions differ."""
    halves = (1, 2) if loss == "mse" else (1,)
    out = [Convention(s, m, h, ls) for s, m, h, ls in itertools.product((1, -1), (False, True), halves, (False, True))]
    return sorted(out, key=lambda c: len(c.names()))
