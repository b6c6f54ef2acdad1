"""Activation functions as (function, derivative) pairs, written as pure numpy.

Every function takes the pre-activation ``z`` of shape ``(batch, units)`` and never
writes into it (the notebook's ``relu`` overwrote its argument). ``derivative(z, a)``
returns ``da/dz`` elementwise, given both ``z`` and the already computed ``a = f(z)``,
so that sigmoid and tanh reuse ``a``. Softmax has no elementwise derivative; the loss
handles it (see ``losses.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

LEAKY_SLOPE = 0.01


@dataclass(frozen=True)
class Activation:
    """A named activation: ``fn(z) -> a`` and ``derivative(z, a) -> da/dz``, each with its formula text.

    ``slope_formula`` is how ``derivative`` is written by hand, in ``a`` and ``z`` (the one place the
    formula panel, worked examples and quiz read it from); None where there is no elementwise slope.
    """

    name: str
    fn: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    formula: str
    slope_formula: str | None


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^-z), computed as exp(z - log(1 + e^z)) so no exp overflows."""
    return np.exp(z - np.logaddexp(0.0, z))


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax with the row maximum subtracted first (no overflow)."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_derivative(z, a):
    return z > 0  # bool: multiplies as 0/1 without a conversion pass


def _leaky_relu(z):
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _leaky_relu_derivative(z, a):
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def _sigmoid_derivative(z, a):
    return a * (1.0 - a)


def _tanh_derivative(z, a):
    return 1.0 - a * a


def _linear(z):
    return z


def _linear_derivative(z, a):
    return np.ones_like(z)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("relu", _relu, _relu_derivative, "max(0, z)", "1 if z > 0 else 0"),
        Activation("leaky_relu", _leaky_relu, _leaky_relu_derivative, f"max({LEAKY_SLOPE}·z, z)",
                   f"1 if z > 0 else {LEAKY_SLOPE}"),
        Activation("sigmoid", sigmoid, _sigmoid_derivative, "1 / (1 + e^-z)", "a·(1 − a)"),
        Activation("tanh", np.tanh, _tanh_derivative, "tanh(z)", "1 − a²"),
        Activation("linear", _linear, _linear_derivative, "z", "1"),
        Activation("softmax", softmax, None, "e^z_k / Σ_j e^z_j", None),
    )
}

HIDDEN_ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "linear")
OUTPUT_ACTIVATIONS = ("sigmoid", "softmax", "linear", "tanh")  # tanh: targets between -1 and 1, with mse
