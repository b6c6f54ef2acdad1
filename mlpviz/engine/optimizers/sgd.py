"""Stochastic gradient descent, with optional momentum and Nesterov's look-ahead (``torch.optim.SGD``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import Line, Optimizer, OptimizerState, Setting, frozen_state

MAX_MOMENTUM = 0.9999  # below 1: at 1 the steps add up for ever
MAX_WEIGHT_DECAY = 1e3

MOMENTUM = Setting("momentum", "μ", 0.0, 0.0, MAX_MOMENTUM, help="how much of the last step each step keeps")
WEIGHT_DECAY = Setting("weight_decay", "λ", 0.0, 0.0, MAX_WEIGHT_DECAY, help="pulls every weight (not the biases) towards 0")


@dataclass(frozen=True)
class SGD(Optimizer):
    """``v = μ·v + g``, ``w' = w − η·v`` (with Nesterov ``w' = w − η·(g + μ·v)``); plain SGD when μ is 0."""

    momentum: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0

    name = "sgd"
    title = "SGD"
    settings = (MOMENTUM, Setting("nesterov", "", False, help="Nesterov's look-ahead (needs momentum)"), WEIGHT_DECAY)
    formula = ("v = μ·v + g", "w' = w − η·v")
    step_formula = "η·v"
    symbols = {"velocity": "v"}

    @property
    def state_names(self) -> tuple[str, ...]:
        return ("velocity",) if self.momentum else ()

    @property
    def lines(self) -> tuple[str, ...]:
        """The update rule for these settings."""
        if not self.momentum:
            return ("w' = w − η·g",)
        if self.nesterov:
            return ("v = μ·v + g", "w' = w − η·(g + μ·v)")
        return self.formula

    def explain(self, g, w, before, after, lr, t, new, weight):
        if not self.momentum:
            return (Line("w'", ("w", "−", "η", "·", "g"), (w, "−", lr, "·", g), new),)
        mu, v0, v = self.momentum, before["velocity"], after["velocity"]
        lines = (Line("v", ("μ", "·", "v_prev", "+", "g"), (mu, "·", v0, "+", g), v),)
        if self.nesterov:
            return lines + (Line("w'", ("w", "−", "η", "·", "(", "g", "+", "μ", "·", "v", ")"),
                                 (w, "−", lr, "·", "(", g, "+", mu, "·", v, ")"), new),)
        return lines + (Line("w'", ("w", "−", "η", "·", "v"), (w, "−", lr, "·", v), new),)

    def update(self, flat, grad, state: OptimizerState, lr, weights):
        # Explicit ufunc calls, not `flat - lr * step`: numpy's temporary elision checks
        # large temporaries with a C backtrace, which costs milliseconds per step here.
        if self.momentum:
            velocity = np.multiply(state.arrays[0], self.momentum)
            velocity += grad
            if self.nesterov:
                step = np.multiply(velocity, self.momentum)
                step += grad
            else:
                step = velocity
            arrays = (velocity,)
        else:
            step, arrays = grad, ()
        new_flat = np.multiply(step, -lr)
        new_flat += flat
        return new_flat, frozen_state(self.name, state.count + 1, self.state_names, arrays)
