"""The base of the run's logs as read-only models: a source that the run replaces, and a change signal."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

import numpy as np
from PySide6.QtCore import QObject, Signal

Log = TypeVar("Log")


class RunLogModel(QObject, Generic[Log]):
    """A log of the run (history, loss log) read through ``source``; ``changed`` fires when it may differ."""

    changed = Signal()

    def __init__(self, source: Callable[[], Log], parent: QObject | None = None) -> None:
        """``source`` gives the run's current log (the run replaces it on a new start or an undo)."""
        super().__init__(parent)
        self._source = source

    @property
    def log(self) -> Log:
        return self._source()

    def __len__(self) -> int:
        return len(self._source())

    @property
    def steps(self) -> np.ndarray:
        """The steps the log keeps, ascending."""
        return self._source().steps
