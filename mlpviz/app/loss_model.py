"""The run's loss log as a read-only model with a change signal, for the loss plot."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from mlpviz.training.loss_log import LossLog


class LossModel(QObject):
    """Training and test loss per step (views of the log); ``changed`` fires when a picture is published."""

    changed = Signal()

    def __init__(self, log: LossLog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log = log

    def __len__(self) -> int:
        return len(self._log)

    @property
    def steps(self) -> np.ndarray:
        return self._log.steps

    @property
    def train(self) -> np.ndarray:
        return self._log.train

    @property
    def test(self) -> np.ndarray:
        return self._log.test

    @property
    def diverged(self) -> np.ndarray:
        return self._log.diverged
