"""Built-in data sets: seeded 2-D toy problems with noise and a train/test split.

Every generator takes ``n_samples``, ``noise``, ``test_fraction`` and ``seed`` and
draws everything from one ``numpy.random.Generator`` seeded with ``seed``, so the
same arguments give the same points. Binary problems have targets of shape
``(N, 1)``; ``blobs`` has one-hot targets ``(N, k)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .errors import DataError

MAX_SAMPLES = 1_000_000
MAX_CLASSES = 32


@dataclass(frozen=True)
class Dataset:
    """Inputs ``x_* (N, d)`` and float targets ``y_* (N, k)`` for training and testing.

    ``labels_*`` ``(N,)`` are integer classes for colouring points (None for
    real-valued targets); ``n_classes`` is 0 then. All arrays are read-only.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    labels_train: np.ndarray | None = None
    labels_test: np.ndarray | None = None
    n_classes: int = 0

    def __post_init__(self) -> None:
        for name in ("x_train", "y_train", "x_test", "y_test", "labels_train", "labels_test"):
            value = getattr(self, name)
            if value is not None:
                value = np.array(value, dtype=np.int64 if name.startswith("labels") else np.float64)
                value.setflags(write=False)
                object.__setattr__(self, name, value)
        if self.x_train.ndim != 2 or self.y_train.ndim != 2 or self.x_train.shape[0] != self.y_train.shape[0]:
            raise DataError(f"data set {self.name!r}: inputs {self.x_train.shape} and targets {self.y_train.shape} do not pair up")

    @property
    def n_inputs(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.y_train.shape[1]

    @property
    def n_train(self) -> int:
        return self.x_train.shape[0]

    @property
    def n_test(self) -> int:
        return self.x_test.shape[0]

    def targets_for(self, n_outputs: int, test: bool = False) -> np.ndarray:
        """Targets shaped for a network with ``n_outputs`` output units, ``(N, n_outputs)``.

        Binary labels become one-hot when the network has one output per class
        (e.g. a 2-unit softmax); anything else that does not fit raises DataError.
        """
        y = self.y_test if test else self.y_train
        labels = self.labels_test if test else self.labels_train
        if y.shape[1] == n_outputs:
            return y
        if labels is not None and n_outputs == self.n_classes > 1:
            return one_hot(labels, n_outputs)
        raise DataError(
            f"data set {self.name!r} has {y.shape[1]} target column(s) "
            f"but the network has {n_outputs} output unit(s)"
        )


def one_hot(labels: np.ndarray, k: int) -> np.ndarray:
    """Class indices ``(N,)`` -> one-hot float targets ``(N, k)``."""
    y = np.zeros((len(labels), k))
    y[np.arange(len(labels)), labels] = 1.0
    y.setflags(write=False)
    return y


def labels_of(y: np.ndarray) -> tuple[np.ndarray | None, int]:
    """Class labels ``(N,)`` and class count read off targets ``y (N, k)``, or ``(None, 0)``.

    A single 0/1 column is binary; rows that are one-hot give their argmax.
    """
    if y.shape[0] == 0:
        return None, 0
    if y.shape[1] == 1 and np.isin(y, (0.0, 1.0)).all():
        return y[:, 0].astype(np.int64), 2
    if y.shape[1] > 1 and np.isin(y, (0.0, 1.0)).all() and (y.sum(axis=1) == 1).all():
        return y.argmax(axis=1), y.shape[1]
    return None, 0


def dataset_from_arrays(name: str, x, y, test_fraction: float = 0.0, seed: int = 0) -> Dataset:
    """A Dataset from inputs ``x (N, d)`` and targets ``y (N, k)`` (e.g. a CSV file), split by ``seed``."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0] or x.shape[0] == 0:
        raise DataError(f"data set {name!r}: inputs {x.shape} and targets {y.shape} do not pair up")
    labels, k = labels_of(y)
    return _split(name, x, y, labels, k, _check_fraction(test_fraction), np.random.default_rng(seed))


def _split(name, x, y, labels, n_classes, test_fraction, rng) -> Dataset:
    n = x.shape[0]
    n_test = min(int(round(n * test_fraction)), n - 1) if test_fraction > 0 else 0
    if n_test == 0:
        order = np.arange(n)
    else:
        order = rng.permutation(n)
    test, train = order[:n_test], order[n_test:]
    pick = (lambda a, i: None if a is None else a[i])
    return Dataset(name, x[train], y[train], x[test], y[test], pick(labels, train), pick(labels, test), n_classes)


def _check_count(n_samples, minimum: int = 1) -> int:
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise DataError(f"the number of samples must be a whole number, got {n_samples!r}")
    if not minimum <= n_samples <= MAX_SAMPLES:
        raise DataError(f"the number of samples must be between {minimum} and {MAX_SAMPLES:,}, got {n_samples}")
    return int(n_samples)


def _check_noise(noise) -> float:
    try:
        noise = float(noise)
    except (TypeError, ValueError):
        raise DataError(f"noise must be a number, got {noise!r}") from None
    if not (math.isfinite(noise) and 0.0 <= noise <= 10.0):
        raise DataError(f"noise must be between 0 and 10, got {noise}")
    return noise


def _check_fraction(test_fraction) -> float:
    try:
        f = float(test_fraction)
    except (TypeError, ValueError):
        raise DataError(f"the test fraction must be a number, got {test_fraction!r}") from None
    if not 0.0 <= f < 1.0:
        raise DataError(f"the test fraction must be at least 0 and below 1, got {test_fraction}")
    return f


def _binary(name, make_points, n_samples, noise, test_fraction, seed) -> Dataset:
    """Half the samples of class 0, half of class 1; ``make_points(labels, rng) -> (N, 2)``."""
    n = _check_count(n_samples)
    noise, fraction = _check_noise(noise), _check_fraction(test_fraction)
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 2
    x = make_points(labels, rng) + noise * rng.standard_normal((n, 2))
    return _split(name, x, labels[:, None].astype(np.float64), labels, 2, fraction, rng)


def make_xor(n_samples: int = 200, noise: float = 0.1, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Points in [-1, 1]²; class 1 where exactly one coordinate is positive."""

    def points(labels, rng):
        x = rng.uniform(0.05, 1.0, (len(labels), 2))
        sx = rng.choice((-1.0, 1.0), len(labels))
        sy = np.where(labels == 1, -sx, sx)
        return x * np.stack([sx, sy], axis=1)

    return _binary("xor", points, n_samples, noise, test_fraction, seed)


def make_circles(n_samples: int = 200, noise: float = 0.05, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Class 1 inside radius 0.5, class 0 on a ring of radius 0.7 to 1."""

    def points(labels, rng):
        r = np.where(labels == 1, rng.uniform(0.0, 0.5, len(labels)), rng.uniform(0.7, 1.0, len(labels)))
        t = rng.uniform(0.0, 2 * np.pi, len(labels))
        return np.stack([r * np.cos(t), r * np.sin(t)], axis=1)

    return _binary("circles", points, n_samples, noise, test_fraction, seed)


def make_moons(n_samples: int = 200, noise: float = 0.1, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Two interleaving half circles (class 0 upper, class 1 lower, shifted)."""

    def points(labels, rng):
        t = rng.uniform(0.0, np.pi, len(labels))
        upper = np.stack([np.cos(t), np.sin(t)], axis=1)
        lower = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
        return np.where(labels[:, None] == 1, lower, upper) - (0.5, 0.25)

    return _binary("moons", points, n_samples, noise, test_fraction, seed)


def make_spiral(n_samples: int = 200, noise: float = 0.05, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Two interleaved spirals of one and a half turns each."""

    def points(labels, rng):
        s = rng.uniform(0.0, 1.0, len(labels))
        r = 0.05 + 0.95 * s
        t = 3 * np.pi * s + np.pi * labels
        return np.stack([r * np.sin(t), r * np.cos(t)], axis=1)

    return _binary("spiral", points, n_samples, noise, test_fraction, seed)


def make_gaussians(n_samples: int = 200, noise: float = 0.5, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Two Gaussian clouds centred at (-1, -1) (class 0) and (1, 1) (class 1); ``noise`` is their spread."""

    def points(labels, rng):
        return np.where(labels[:, None] == 1, 1.0, -1.0) * np.ones((len(labels), 2))

    return _binary("gaussians", points, n_samples, noise, test_fraction, seed)


def make_blobs(
    n_samples: int = 300, noise: float = 0.25, test_fraction: float = 0.2, seed: int = 0, n_classes: int = 3
) -> Dataset:
    """``n_classes`` Gaussian blobs centred on the unit circle; one-hot targets ``(N, n_classes)``."""
    n = _check_count(n_samples)
    noise, fraction = _check_noise(noise), _check_fraction(test_fraction)
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or not 2 <= n_classes <= MAX_CLASSES:
        raise DataError(f"blobs needs between 2 and {MAX_CLASSES} classes, got {n_classes!r}")
    k = int(n_classes)
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % k
    angle = 2 * np.pi * labels / k
    x = np.stack([np.cos(angle), np.sin(angle)], axis=1) + noise * rng.standard_normal((n, 2))
    return _split("blobs", x, one_hot(labels, k), labels, k, fraction, rng)


def make_notebook(n_samples: int = 5, noise: float = 0.0, test_fraction: float = 0.0, seed: int = 0) -> Dataset:
    """The notebook's batch: ``rng.random((5, 2))`` points, ``rng.integers(0, 2, 5)`` labels. ``noise`` is unused."""
    n = _check_count(n_samples)
    _check_noise(noise)
    fraction = _check_fraction(test_fraction)
    rng = np.random.default_rng(seed)
    x = rng.random((n, 2))
    labels = rng.integers(0, 2, n)
    return _split("notebook", x, labels[:, None].astype(np.float64), labels, 2, fraction, rng)


@dataclass(frozen=True)
class DatasetGenerator:
    """A named generator and its default arguments, for the GUI's chooser and the CLI."""

    name: str
    title: str
    make: Callable[..., Dataset]
    defaults: dict = field(default_factory=dict)

    def __call__(self, **overrides) -> Dataset:
        unknown = set(overrides) - set(self.defaults)
        if unknown:
            raise DataError(f"data set {self.name!r} takes no {', '.join(sorted(unknown))} setting")
        return self.make(**{**self.defaults, **overrides})


def _generator(name: str, title: str, make: Callable[..., Dataset]) -> DatasetGenerator:
    import inspect

    defaults = {p.name: p.default for p in inspect.signature(make).parameters.values()}
    return DatasetGenerator(name, title, make, defaults)


DATASETS: dict[str, DatasetGenerator] = {
    g.name: g
    for g in (
        _generator("notebook", "Notebook batch (5 random points)", make_notebook),
        _generator("xor", "XOR quadrants", make_xor),
        _generator("circles", "Circle inside a ring", make_circles),
        _generator("moons", "Two moons", make_moons),
        _generator("spiral", "Two spirals", make_spiral),
        _generator("gaussians", "Two Gaussian clouds", make_gaussians),
        _generator("blobs", "Gaussian blobs (k classes)", make_blobs),
    )
}


def make_dataset(name: str, **overrides) -> Dataset:
    """The built-in data set ``name`` with its defaults, some overridden; unknown names raise DataError."""
    try:
        generator = DATASETS[name]
    except KeyError:
        raise DataError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}") from None
    return generator(**overrides)
