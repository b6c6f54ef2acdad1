"""AdaGrad (Duchi et al. 2011): each weight's step divided by the root of the sum of all its squared
gradients so far (``torch.optim.Adagrad`` with no learning-rate decay)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .base import Line, Optimizer, OptimizerState, Setting, frozen_state
from .sgd import WEIGHT_DECAY

EPS = Setting("eps", "ε", 1e-10, 0.0, 1.0, low_open=True, help="keeps the division away from 0")


@dataclass(frozen=True)
class AdaGrad(Optimizer):
    """``G = G + g²``, ``w' = w − η·g/(√G + ε)``."""

    eps: float = 1e-10
    weight_decay: float = 0.0

    name = "adagrad"
    title = "AdaGrad"
    settings = (EPS, WEIGHT_DECAY)
    formula = ("G = G + g²", "w' = w − η·g / (√G + ε)")
    step_formula = "η·g / (√G + ε)"
    symbols = {"sum": "G"}
    squares = ("sum",)

    @property
    def state_names(self) -> tuple[str, ...]:
        return ("sum",)

    @property
    def lines(self) -> tuple[str, ...]:
        return self.formula

    def explain(self, g, w, before, after, lr, t, new, weight):
        total = after["sum"]
        return (Line("G", ("G_prev", "+", "g", "²"), (before["sum"], "+", g, "²"), total),
                Line("w'", ("w", "−", "η", "·", "g", "/", "(", "√G", "+", "ε", ")"),
                     (w, "−", lr, "·", g, "/", "(", math.sqrt(total), "+", self.eps, ")"), new))

    def update(self, flat, grad, state: OptimizerState, lr, weights):
        total = np.multiply(grad, grad)
        total += state.arrays[0]
        denom = np.sqrt(total)
        denom += self.eps
        step = np.divide(grad, denom)
        step *= lr
        new_flat = np.subtract(flat, step)
        return new_flat, frozen_state(self.name, state.count + 1, self.state_names, (total,))
