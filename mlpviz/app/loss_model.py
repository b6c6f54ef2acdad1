"""The run's loss log as a read-only model with a change signal, for the loss plot."""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QObject

from mlpviz.training.loss_log import LossLog

from .run_log_model import RunLogModel


class LossModel(RunLogModel[LossLog]):
    """Training and test loss (and accuracy) per step, views of the log; ``changed`` fires when a picture is published."""

    def __init__(self, source: Callable[[], LossLog], parent: QObject | None = None,
                 refusal: Callable[[], object] = lambda: None) -> None:
        """``refusal`` gives the run's refused step while it is the latest news (the trainer's ``divergence``)."""
        super().__init__(source, parent)
        self._refusal = refusal

    @property
    def just_refused(self) -> bool:
        """A step was refused and no step trained since: its ✕ past the curve is news (once the user steps on
        from where the run went back, it is the history of an attempt, at its own step)."""
        return self._refusal() is not None

    @property
    def train(self) -> np.ndarray:
        return self.log.train

    @property
    def test(self) -> np.ndarray:
        return self.log.test

    @property
    def diverged(self) -> np.ndarray:
        return self.log.diverged

    def loss_at(self, step: int) -> float:
        """The training loss logged for step ``step`` (NaN if that step is not in the log, or was refused)."""
        i = self.log.applied_at(step)
        return float(self.train[i]) if i >= 0 and self.steps[i] == step else float("nan")

    @property
    def accuracy(self) -> np.ndarray:
        """Share of training rows classified right after each step (NaN where not measured, or no classes)."""
        return self.log.accuracy

    @property
    def test_accuracy(self) -> np.ndarray:
        return self.log.test_accuracy

    def latest_accuracy(self, up_to_step: int | None = None) -> tuple[float, float]:
        """``(training, test)`` accuracy last measured (at or before step ``up_to_step`` when given: the
        step shown); NaN when never, or when the data has no classes."""
        n = len(self.steps) if up_to_step is None else int(np.searchsorted(self.steps, up_to_step, "right"))
        return _last_finite(self.accuracy[:n]), _last_finite(self.test_accuracy[:n])


def _last_finite(values: np.ndarray) -> float:
    finite = np.flatnonzero(np.isfinite(values[-4096:]))
    return float(values[-4096:][finite[-1]]) if finite.size else float("nan")
