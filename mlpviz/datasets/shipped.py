"""Real data sets shipped as CSV files in ``resources/datasets``: Fisher's Iris and the 8×8 handwritten digits.

Each file is mlpviz's own (a header, number columns, the class in the last column; see
``resources/datasets/SOURCES.md``), read once per process with the csv module. A data
set takes the same settings as the generated ones: ``n_samples`` rows drawn by ``seed``
(all of them by default), ``noise`` added to the inputs, and a seeded train/test split.
"""

from __future__ import annotations

import csv
import functools

import numpy as np

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg
from mlpviz.resources import resource_path

from .dataset import Dataset, check_count, check_fraction, check_noise, class_targets, split_dataset

IRIS_ROWS = 150
DIGITS_ROWS = 1797
DIGIT_PIXEL_MAX = 16.0  # each pixel counts the dark points of a 4x4 block: 0..16


@functools.lru_cache(maxsize=None)
def shipped_table(file: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, tuple[str, ...]]:
    """``(input names, x (N, d), labels (N,), class names)`` of the shipped CSV ``file`` (read-only arrays).

    Classes written as whole numbers keep their numbers; names are numbered in sorted order.
    """
    path = resource_path(f"datasets/{file}")
    try:
        with path.open(newline="", encoding="utf-8") as f:
            header, *rows = list(csv.reader(f))
        x = np.array([row[:-1] for row in rows], dtype=np.float64)
    except (OSError, ValueError) as exc:
        raise DataError(msg("the shipped data file {path} cannot be read ({exc}); reinstall mlpviz", path=path, exc=exc)) from None
    cells = [row[-1] for row in rows]
    if all(cell.isdigit() for cell in cells):
        labels = np.array([int(cell) for cell in cells])
        names = tuple(str(k) for k in range(labels.max() + 1))
    else:
        names = tuple(sorted(set(cells)))
        labels = np.array([names.index(cell) for cell in cells])
    x.setflags(write=False)
    labels.setflags(write=False)
    return tuple(header[:-1]), x, labels, names


def _shipped(name: str, file: str, scale: float, n_samples, noise, test_fraction, seed) -> Dataset:
    """``n_samples`` rows of ``file`` (inputs times ``scale``, plus noise), split into train and test by ``seed``."""
    _, x_all, labels_all, names = shipped_table(file)
    n = check_count(n_samples)
    if n > len(x_all):
        raise DataError(msg("the {name} data has {n_x_all:,} rows; ask for at most {n_x_all:,} samples", name=name, n_x_all=len(x_all)))
    noise, fraction = check_noise(noise), check_fraction(test_fraction)
    rng = np.random.default_rng(seed)
    rows = np.arange(n) if n == len(x_all) else np.sort(rng.choice(len(x_all), n, replace=False))
    x = x_all[rows] * scale
    if noise:
        x = x + noise * rng.standard_normal(x.shape)
    labels = labels_all[rows]
    return split_dataset(name, x, class_targets(labels, len(names)), labels, len(names), fraction, rng, names)


def make_iris(n_samples: int = IRIS_ROWS, noise: float = 0.0, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Fisher's Iris: sepal and petal length and width in cm, 3 species (setosa, versicolor, virginica)."""
    return _shipped("iris", "iris.csv", 1.0, n_samples, noise, test_fraction, seed)


def make_digits(n_samples: int = DIGITS_ROWS, noise: float = 0.0, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """8×8 images of handwritten digits 0..9, row by row, each pixel scaled from 0..16 to 0..1."""
    return _shipped("digits", "digits.csv", 1.0 / DIGIT_PIXEL_MAX, n_samples, noise, test_fraction, seed)
