"""The mini-batches a run has already cut from its data set, kept so an epoch's batches are cut once."""

from __future__ import annotations

import numpy as np

BATCH_CACHE_BYTES = 16 * 1024 * 1024  # an epoch of 784-input batches of 64 is 6.4 MB


class BatchCache:
    """The batches already cut from one data set, by index array, up to BATCH_CACHE_BYTES."""

    def __init__(self) -> None:
        self._source: tuple[np.ndarray, np.ndarray] | None = None  # (inputs, targets) they were cut from
        self._batches: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # id(idx) -> (idx, x, y)
        self._bytes = 0

    def __reduce__(self):
        """A copy sent to another process starts empty (its batches are cut again there)."""
        return (BatchCache, ())

    def get(self, idx: np.ndarray, x_train: np.ndarray, targets: np.ndarray):
        """``(x, y)`` cut with ``idx`` from these arrays before, else None."""
        if self._source is None or self._source[0] is not x_train or self._source[1] is not targets:
            return None
        hit = self._batches.get(id(idx))
        return (hit[1], hit[2]) if hit is not None and hit[0] is idx else None

    def keep(self, idx: np.ndarray, x_train: np.ndarray, targets: np.ndarray, x: np.ndarray, y: np.ndarray) -> None:
        size = x.nbytes + y.nbytes
        stale = self._source is None or self._source[0] is not x_train or self._source[1] is not targets
        if stale or self._bytes + size > BATCH_CACHE_BYTES:  # new data, shuffled epochs or big batches
            self._source, self._batches, self._bytes = (x_train, targets), {}, 0
        self._batches[id(idx)] = (idx, x, y)
        self._bytes += size
