"""The loss of every step, in preallocated arrays that grow by doubling."""

from __future__ import annotations

import numpy as np


class LossLog:
    """Training (and test) loss per step; ``steps``, ``train``, ``test`` are views of the filled part.

    Appending is O(1) amortised, so the loss curve never slows Run down. Steps whose
    update diverged are kept with a flag so the plot can mark them.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._train = np.zeros(capacity)
        self._test = np.full(capacity, np.nan)
        self._diverged = np.zeros(capacity, dtype=bool)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, step: int, train_loss: float, test_loss: float = float("nan"), diverged: bool = False) -> None:
        if self._n == len(self._train):
            self._grow()
        i = self._n
        self._steps[i], self._train[i], self._test[i], self._diverged[i] = step, train_loss, test_loss, diverged
        self._n += 1

    def set_last_test(self, test_loss: float) -> None:
        """Fill in the test loss of the latest entry (measured once per Run slice)."""
        if self._n:
            self._test[self._n - 1] = test_loss

    def truncate(self, n: int) -> None:
        """Keep only the first ``n`` entries (for "continue from here")."""
        self._n = max(0, min(n, self._n))

    def clear(self) -> None:
        self._n = 0

    def _grow(self) -> None:
        cap = 2 * len(self._train)
        for name, fill in (("_steps", 0), ("_train", 0.0), ("_test", np.nan), ("_diverged", False)):
            old = getattr(self, name)
            new = np.full(cap, fill, dtype=old.dtype)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self._n]

    @property
    def train(self) -> np.ndarray:
        return self._train[: self._n]

    @property
    def test(self) -> np.ndarray:
        return self._test[: self._n]

    @property
    def diverged(self) -> np.ndarray:
        return self._diverged[: self._n]
