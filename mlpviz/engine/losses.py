"""Losses: the per-sample cost and the output delta ``δ_L = ∂C_sample/∂z_L``.

All three take the output logits ``z`` (not the activations), so the log-losses are
computed stably: BCE as ``log(1 + e^z) - y·z`` and CE as ``logsumexp(z) - Σ y·z``.
Each returns ``(per_sample_loss (batch,), delta (batch, units))``; the batch loss is
the mean of the per-sample losses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import ACTIVATIONS


@dataclass(frozen=True)
class Loss:
    """A named loss: ``evaluate(z, a, y, output_activation) -> (losses, delta)``."""

    name: str
    title: str
    formula: str
    evaluate: Callable[[np.ndarray, np.ndarray, np.ndarray, str], tuple[np.ndarray, np.ndarray]]


def _bce(z, a, y, output):
    # -(y log σ(z) + (1-y) log(1-σ(z))) == log(1 + e^z) - y z, summed over output units
    losses = np.add.reduce(np.logaddexp(0.0, z) - y * z, axis=1)
    return losses, a - y


def _ce(z, a, y, output):
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    losses = lse - (y * z).sum(axis=1)
    return losses, a - y


def _mse(z, a, y, output):
    err = a - y
    losses = 0.5 * np.add.reduce(err * err, axis=1)
    if output == "softmax":
        # Jacobian-vector product of softmax: δ_k = a_k (g_k - Σ_j g_j a_j)
        delta = a * (err - (err * a).sum(axis=1, keepdims=True))
    else:
        delta = err * ACTIVATIONS[output].derivative(z, a)
    return losses, delta


LOSSES: dict[str, Loss] = {
    l.name: l
    for l in (
        Loss("bce", "binary cross-entropy", "-Σ_k [y log ŷ + (1-y) log(1-ŷ)]", _bce),
        Loss("ce", "softmax cross-entropy", "-Σ_k y_k log ŷ_k", _ce),
        Loss("mse", "squared error", "½ Σ_k (ŷ_k - y_k)²", _mse),
    )
}

# A loss that only makes sense with one output activation says so here.
REQUIRED_OUTPUT = {"bce": "sigmoid", "ce": "softmax"}
