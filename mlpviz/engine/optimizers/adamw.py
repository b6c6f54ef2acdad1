"""AdamW (Loshchilov & Hutter 2019): Adam with the weight decay taken apart from the gradient (``torch.optim.AdamW``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import weight_slices
from .adam import BETA1, BETA2, EPS, Adam
from .base import Line
from .sgd import WEIGHT_DECAY


@dataclass(frozen=True)
class AdamW(Adam):
    """Adam whose weights first shrink by ``η·λ·w`` (the biases never do); the gradient carries no decay."""

    weight_decay: float = 0.01

    name = "adamw"
    title = "AdamW"
    settings = (BETA1, BETA2, EPS, WEIGHT_DECAY._replace(default=0.01))
    formula = ("w = w − η·λ·w", *Adam.formula)
    decoupled_decay = True

    def _start(self, w, lr, weight):
        if not (weight and self.weight_decay):
            return "w", ()
        return "w̃", (Line("w̃", ("w", "−", "η", "·", "λ", "·", "w"), (w, "−", lr, "·", self.weight_decay, "·", w),
                          w * (1.0 - lr * self.weight_decay)),)

    def step_taken(self, old, new, lr, sizes) -> np.ndarray:
        step = np.subtract(old, new)
        for w in weight_slices(tuple(sizes)):
            step[w] -= old[w] * (lr * self.weight_decay)
        return step

    def _decayed(self, flat, lr, weights) -> np.ndarray:
        new_flat = flat.copy()
        if self.weight_decay:
            shrink = 1.0 - lr * self.weight_decay
            for w in weights:
                new_flat[w] *= shrink
        return new_flat
