"""The run's loss log as a read-only model with a change signal, for the loss plot."""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal

from mlpviz.training.loss_log import LossLog


class LossModel(QObject):
    """Training and test loss (and accuracy) per step, views of the log; ``changed`` fires when a picture is published."""

    changed = Signal()

    def __init__(self, source: Callable[[], LossLog], parent: QObject | None = None) -> None:
        """``source`` gives the run's current LossLog (the run replaces it on a new start or an undo)."""
        super().__init__(parent)
        self._source = source

    def __len__(self) -> int:
        return len(self._source())

    @property
    def steps(self) -> np.ndarray:
        return self._source().steps

    @property
    def train(self) -> np.ndarray:
        return self._source().train

    @property
    def test(self) -> np.ndarray:
        return self._source().test

    @property
    def diverged(self) -> np.ndarray:
        return self._source().diverged

    def loss_at(self, step: int) -> float:
        """The training loss logged for step ``step`` (NaN if that step is not in the log)."""
        steps = self.steps
        i = int(np.searchsorted(steps, step))
        return float(self.train[i]) if i < len(steps) and steps[i] == step else float("nan")

    @property
    def accuracy(self) -> np.ndarray:
        """Share of training rows classified right after each step (NaN where not measured, or no classes)."""
        return self._source().accuracy

    @property
    def test_accuracy(self) -> np.ndarray:
        return self._source().test_accuracy

    def latest_accuracy(self, up_to_step: int | None = None) -> tuple[float, float]:
        """``(training, test)`` accuracy last measured (at or before step ``up_to_step`` when given: the
        step shown); NaN when never, or when the data has no classes."""
        n = len(self.steps) if up_to_step is None else int(np.searchsorted(self.steps, up_to_step, "right"))
        return _last_finite(self.accuracy[:n]), _last_finite(self.test_accuracy[:n])


def _last_finite(values: np.ndarray) -> float:
    finite = np.flatnonzero(np.isfinite(values[-4096:]))
    return float(values[-4096:][finite[-1]]) if finite.size else float("nan")
