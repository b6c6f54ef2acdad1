"""RMSProp (Hinton's lecture 6e): each weight's step divided by a running root mean square of its gradients
(``torch.optim.RMSprop``, not centred)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .adam import EPS
from .base import Line, Optimizer, OptimizerState, Setting, frozen_state
from .sgd import MOMENTUM, WEIGHT_DECAY

ALPHA = Setting("alpha", "α", 0.99, 0.0, 1.0, high_open=True, help="how slowly the mean of g² forgets")


@dataclass(frozen=True)
class RMSProp(Optimizer):
    """``s = α·s + (1−α)·g²``, ``w' = w − η·g/(√s + ε)``; with momentum ``b = μ·b + g/(√s + ε)``, ``w' = w − η·b``."""

    alpha: float = 0.99
    eps: float = 1e-8
    momentum: float = 0.0
    weight_decay: float = 0.0

    name = "rmsprop"
    title = "RMSProp"
    settings = (ALPHA, EPS, MOMENTUM, WEIGHT_DECAY)
    formula = ("s = α·s + (1 − α)·g²", "w' = w − η·g / (√s + ε)")
    step_formula = "η·g / (√s + ε)"
    symbols = {"square_avg": "s", "momentum_buffer": "b"}
    squares = ("square_avg",)

    @property
    def state_names(self) -> tuple[str, ...]:
        return ("square_avg", "momentum_buffer") if self.momentum else ("square_avg",)

    @property
    def lines(self) -> tuple[str, ...]:
        if self.momentum:
            return (self.formula[0], "b = μ·b + g / (√s + ε)", "w' = w − η·b")
        return self.formula

    def explain(self, g, w, before, after, lr, t, new, weight):
        a, s = self.alpha, after["square_avg"]
        root = math.sqrt(s)
        lines = (Line("s", ("α", "·", "s_prev", "+", "(", 1.0, "−", "α", ")", "·", "g", "²"),
                      (a, "·", before["square_avg"], "+", 1.0 - a, "·", g, "²"), s),)
        if self.momentum:
            b = after["momentum_buffer"]
            return lines + (
                Line("b", ("μ", "·", "b_prev", "+", "g", "/", "(", "√s", "+", "ε", ")"),
                     (self.momentum, "·", before["momentum_buffer"], "+", g, "/", "(", root, "+", self.eps, ")"), b),
                Line("w'", ("w", "−", "η", "·", "b"), (w, "−", lr, "·", b), new))
        return lines + (Line("w'", ("w", "−", "η", "·", "g", "/", "(", "√s", "+", "ε", ")"),
                             (w, "−", lr, "·", g, "/", "(", root, "+", self.eps, ")"), new),)

    def update(self, flat, grad, state: OptimizerState, lr, weights):
        s = np.multiply(state.arrays[0], self.alpha)
        s += np.multiply(np.multiply(grad, grad), 1.0 - self.alpha)
        denom = np.sqrt(s)
        denom += self.eps
        step = np.divide(grad, denom)
        arrays = (s,)
        if self.momentum:
            buffer = np.multiply(state.arrays[1], self.momentum)
            buffer += step
            step, arrays = buffer.copy(), (s, buffer)
        step *= lr
        new_flat = np.subtract(flat, step)
        return new_flat, frozen_state(self.name, state.count + 1, self.state_names, arrays)
