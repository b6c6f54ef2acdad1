"""Standardized inputs: z-scores ``(x − mean) / std`` per input column, from the training rows only.

The same means and standard deviations are applied to the test rows (they must not see
the test data), and they stay with the data set (``Dataset.input_scaling``) so that the
session, a snapshot's notes, the exports and the worked example can say the inputs were
scaled and by what. A column that never changes keeps std 1: it is only centred.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg


@dataclass(frozen=True)
class InputScaling:
    """Per input column ``mean (d,)`` and ``std (d,)`` of the ``rows`` training rows; ``names`` the columns (or ())."""

    mean: np.ndarray
    std: np.ndarray
    rows: int
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("mean", "std"):
            value = np.array(getattr(self, name), dtype=np.float64).reshape(-1)
            value.setflags(write=False)
            object.__setattr__(self, name, value)
        if self.mean.shape != self.std.shape or not (np.isfinite(self.mean).all() and (self.std > 0).all()):
            raise DataError(msg("input scaling: a mean and a positive standard deviation are needed for every input"))
        if self.names and len(self.names) != len(self.mean):
            raise DataError(msg("input scaling: {n_names} name(s) for {n_mean} input(s)", n_names=len(self.names), n_mean=len(self.mean)))
        object.__setattr__(self, "names", tuple(str(n) for n in self.names))

    def apply(self, x: np.ndarray) -> np.ndarray:
        """``(x − mean) / std``, a new read-only array shaped like ``x (N, d)``."""
        z = (np.asarray(x, dtype=np.float64) - self.mean) / self.std
        z.setflags(write=False)
        return z

    def describe(self, most: int = 20) -> str:
        """E.g. ``'inputs standardized, z = (x − mean) / std from the 178 training rows: alcohol mean 13.0006
        std 0.809543, …'`` (the first ``most`` columns; numbers to 6 significant digits)."""
        names = self.names or tuple(f"x{i + 1}" for i in range(len(self.mean)))
        parts = [f"{name} mean {m:.6g} std {s:.6g}" for name, m, s in zip(names[:most], self.mean, self.std)]
        more = f", and {len(names) - most} more" if len(names) > most else ""
        return (f"inputs standardized, z = (x − mean) / std from the {self.rows:,} training rows: "
                + ", ".join(parts) + more)


def standardize(dataset, names: tuple[str, ...] = ()):
    """``dataset`` with z-scored inputs (training and test rows alike, by the training rows' statistics).

    A data set already standardized is returned as it is.
    """
    if dataset.input_scaling is not None:
        return dataset
    x = dataset.x_train
    std = x.std(axis=0)
    scaling = InputScaling(x.mean(axis=0), np.where(std > 0, std, 1.0), x.shape[0], names)
    return dataclasses.replace(dataset, x_train=scaling.apply(x), x_test=scaling.apply(dataset.x_test),
                               input_scaling=scaling)
