"""Losses as output heads: the output activation, the per-sample cost and ``δ_L = ∂C_sample/∂z_L``.

Each head takes the output logits ``z`` ``(B, k)`` and targets ``y`` ``(B, k)`` and
returns ``(a, losses, delta)``: the output activation ``ŷ``, the per-sample loss
``(B,)`` and the output delta ``(B, k)``. Working from the logits keeps the log-losses
stable (BCE as ``log(1 + e^z) - y·z``, CE as ``logsumexp(z) - Σ y·z``) and lets the
activation and the loss share their exponentials. The batch loss is the mean of
``losses``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlpviz.i18n import msg

from .activations import ACTIVATIONS

_max, _sum = np.maximum.reduce, np.add.reduce


@dataclass(frozen=True)
class Loss:
    """A named loss: ``head(z, y, output_activation) -> (a, losses, delta)``."""

    name: str
    title: str
    formula: str
    head: Callable[[np.ndarray, np.ndarray, str], tuple[np.ndarray, np.ndarray, np.ndarray]]


def _bce(z, y, output):
    # -(y log σ(z) + (1-y) log(1-σ(z))) == log(1 + e^z) - y z, summed over output units;
    # σ(z) = exp(z - log(1 + e^z)) reuses the same softplus.
    softplus = np.logaddexp(0.0, z)
    a = np.exp(z - softplus)
    return a, _sum(softplus - y * z, axis=1), a - y


def _ce(z, y, output):
    # logsumexp(z) = m + log Σ e^(z-m); loss = Σ_k y_k (logsumexp(z) - z_k)
    zm = z - _max(z, axis=1, keepdims=True)
    e = np.exp(zm)
    s = _sum(e, axis=1, keepdims=True)
    a = e / s
    losses = np.log(s[:, 0]) * _sum(y, axis=1) - _sum(y * zm, axis=1)
    return a, losses, a - y


def _mse(z, y, output):
    activation = ACTIVATIONS[output]
    a = activation.fn(z)
    err = a - y
    losses = 0.5 * _sum(err * err, axis=1)
    if output == "softmax":
        # Jacobian-vector product of softmax: δ_k = a_k (g_k - Σ_j g_j a_j)
        delta = a * (err - _sum(err * a, axis=1, keepdims=True))
    else:
        delta = err * activation.derivative(z, a)
    return a, losses, delta


LOSSES: dict[str, Loss] = {
    l.name: l
    for l in (
        Loss("bce", msg("binary cross-entropy"), "-Σ_k [y log ŷ + (1-y) log(1-ŷ)]", _bce),
        Loss("ce", msg("softmax cross-entropy"), "-Σ_k y_k log ŷ_k", _ce),
        Loss("mse", msg("squared error"), "½ Σ_k (ŷ_k - y_k)²", _mse),
    )
}

# A loss that only makes sense with one output activation says so here.
REQUIRED_OUTPUT = {"bce": "sigmoid", "ce": "softmax"}
# The loss that goes with each output activation (what a new network or an imported file gets).
NATURAL_LOSS = {"sigmoid": "bce", "softmax": "ce", "linear": "mse", "tanh": "mse"}
