"""Adam (Kingma & Ba 2015): running means of g and g², corrected for their start at 0 (``torch.optim.Adam``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .base import Line, Optimizer, OptimizerState, Setting, bias_correction, frozen_state
from .sgd import WEIGHT_DECAY

BETA1 = Setting("beta1", "β₁", 0.9, 0.0, 1.0, high_open=True, help="how slowly the mean of the gradient m forgets")
BETA2 = Setting("beta2", "β₂", 0.999, 0.0, 1.0, high_open=True, help="how slowly the mean of g² (v) forgets")
EPS = Setting("eps", "ε", 1e-8, 0.0, 1.0, low_open=True, help="keeps the division away from 0")


@dataclass(frozen=True)
class Adam(Optimizer):
    """``m = β₁·m + (1−β₁)·g``, ``v = β₂·v + (1−β₂)·g²``, ``w' = w − η·m̂/(√v̂ + ε)``."""

    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0

    name = "adam"
    title = "Adam"
    settings = (BETA1, BETA2, EPS, WEIGHT_DECAY)
    formula = ("m = β₁·m + (1 − β₁)·g", "v = β₂·v + (1 − β₂)·g²",
               "m̂ = m / (1 − β₁ᵗ)", "v̂ = v / (1 − β₂ᵗ)", "w' = w − η·m̂ / (√v̂ + ε)")
    step_formula = "η·m̂ / (√v̂ + ε)"
    symbols = {"m": "m", "v": "v"}
    squares = ("v",)

    @property
    def state_names(self) -> tuple[str, ...]:
        return ("m", "v")

    @property
    def lines(self) -> tuple[str, ...]:
        return self.formula

    def explain(self, g, w, before, after, lr, t, new, weight):
        b1, b2, m, v = self.beta1, self.beta2, after["m"], after["v"]
        c1, c2 = bias_correction(b1, t), bias_correction(b2, t)
        m_hat, v_hat = m / c1, v / c2
        root = math.sqrt(v_hat)
        start, numbers = self._start(w, lr, weight)
        return (*numbers,
                Line("m", ("β₁", "·", "m_prev", "+", "(", 1.0, "−", "β₁", ")", "·", "g"),
                     (b1, "·", before["m"], "+", 1.0 - b1, "·", g), m),
                Line("v", ("β₂", "·", "v_prev", "+", "(", 1.0, "−", "β₂", ")", "·", "g", "²"),
                     (b2, "·", before["v"], "+", 1.0 - b2, "·", g, "²"), v),
                Line("m̂", ("m", "/", "(", 1.0, "−", "β₁ᵗ", ")"), (m, "/", c1), m_hat),
                Line("v̂", ("v", "/", "(", 1.0, "−", "β₂ᵗ", ")"), (v, "/", c2), v_hat),
                Line("w'", (start, "−", "η", "·", "m̂", "/", "(", "√v̂", "+", "ε", ")"),
                     (numbers[0].value if numbers else w, "−", lr, "·", m_hat, "/", "(", root, "+", self.eps, ")"), new))

    def _start(self, w, lr, weight):
        """The weight the step starts from (AdamW shrinks it first) and the line that says so."""
        return "w", ()

    def update(self, flat, grad, state: OptimizerState, lr, weights):
        t = state.count + 1
        m = np.multiply(state.arrays[0], self.beta1)
        m += np.multiply(grad, 1.0 - self.beta1)
        v = np.multiply(state.arrays[1], self.beta2)
        v += np.multiply(np.multiply(grad, grad), 1.0 - self.beta2)
        denom = np.sqrt(v)
        denom *= 1.0 / math.sqrt(bias_correction(self.beta2, t))
        denom += self.eps
        step = np.divide(m, denom)
        step *= lr / bias_correction(self.beta1, t)
        new_flat = self._decayed(flat, lr, weights)
        new_flat -= step
        return new_flat, frozen_state(self.name, t, self.state_names, (m, v))

    def _decayed(self, flat, lr, weights) -> np.ndarray:
        return flat.copy()
