"""The run's parameter history as a read-only model with a change signal, for the timeline."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from mlpviz.engine import Params
from mlpviz.training.history import History


class HistoryModel(QObject):
    """Which steps are kept and their parameters; ``changed`` fires when the kept steps may differ."""

    changed = Signal()

    def __init__(self, history: History, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history = history

    def __len__(self) -> int:
        return len(self._history)

    @property
    def steps(self) -> np.ndarray:
        return self._history.steps

    @property
    def first_step(self) -> int | None:
        return self._history.first_step

    @property
    def last_step(self) -> int | None:
        return self._history.last_step

    def nearest(self, step: int) -> int:
        """The kept step nearest ``step`` from below."""
        return self._history.nearest(step)

    def params_at(self, step: int) -> Params:
        return self._history.params_at(step)
