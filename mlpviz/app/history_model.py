"""The run's parameter history as a read-only model with a change signal, for the timeline."""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal

from mlpviz.engine import Params
from mlpviz.training.history import History


class HistoryModel(QObject):
    """Which steps are kept and their parameters; ``changed`` fires when the kept steps may differ."""

    changed = Signal()

    def __init__(self, source: Callable[[], History], parent: QObject | None = None) -> None:
        """``source`` gives the run's current History (the run replaces it on a new start or an undo)."""
        super().__init__(parent)
        self._source = source

    def __len__(self) -> int:
        return len(self._source())

    @property
    def steps(self) -> np.ndarray:
        return self._source().steps

    @property
    def first_step(self) -> int | None:
        return self._source().first_step

    @property
    def last_step(self) -> int | None:
        return self._source().last_step

    def nearest(self, step: int) -> int:
        """The kept step nearest ``step`` from below."""
        return self._source().nearest(step)

    def params_at(self, step: int) -> Params:
        return self._source().params_at(step)
