"""Built-in data sets: seeded 2-D toy problems with noise and a train/test split, and the shipped real ones.

Every generator takes ``n_samples``, ``noise``, ``test_fraction`` and ``seed`` and
draws everything from one ``numpy.random.Generator`` seeded with ``seed``, so the
same arguments give the same points. Binary problems have targets of shape
``(N, 1)``; ``blobs`` has one-hot targets ``(N, k)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

from .dataset import MAX_CLASSES, Dataset, check_count, check_fraction, check_noise, split_dataset, one_hot
from .shipped import make_digits, make_iris


def _binary(name, make_points, n_samples, noise, test_fraction, seed) -> Dataset:
    """Half the samples of class 0, half of class 1; ``make_points(labels, rng) -> (N, 2)``."""
    n = check_count(n_samples)
    noise, fraction = check_noise(noise), check_fraction(test_fraction)
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 2
    x = make_points(labels, rng) + noise * rng.standard_normal((n, 2))
    return split_dataset(name, x, labels[:, None].astype(np.float64), labels, 2, fraction, rng)


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
    n = check_count(n_samples)
    noise, fraction = check_noise(noise), check_fraction(test_fraction)
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or not 2 <= n_classes <= MAX_CLASSES:
        raise DataError(msg("blobs needs between 2 and {max_classes} classes, got {n_classes}", max_classes=MAX_CLASSES, n_classes=repr(n_classes)))
    k = int(n_classes)
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % k
    angle = 2 * np.pi * labels / k
    x = np.stack([np.cos(angle), np.sin(angle)], axis=1) + noise * rng.standard_normal((n, 2))
    return split_dataset("blobs", x, one_hot(labels, k), labels, k, fraction, rng)


def make_notebook(n_samples: int = 5, noise: float = 0.0, test_fraction: float = 0.0, seed: int = 0) -> Dataset:
    """The notebook's batch: ``rng.random((5, 2))`` points, ``rng.integers(0, 2, 5)`` labels. ``noise`` is unused."""
    n = check_count(n_samples)
    check_noise(noise)
    fraction = check_fraction(test_fraction)
    rng = np.random.default_rng(seed)
    x = rng.random((n, 2))
    labels = rng.integers(0, 2, n)
    return split_dataset("notebook", x, labels[:, None].astype(np.float64), labels, 2, fraction, rng)


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
            raise DataError(msg("data set {name} takes no {items} setting", name=repr(self.name), items=', '.join(sorted(unknown))))
        return self.make(**{**self.defaults, **overrides})


def _generator(name: str, title: str, make: Callable[..., Dataset]) -> DatasetGenerator:
    import inspect

    defaults = {p.name: p.default for p in inspect.signature(make).parameters.values()}
    return DatasetGenerator(name, title, make, defaults)


DATASETS: dict[str, DatasetGenerator] = {
    g.name: g
    for g in (
        _generator("notebook", msg("Notebook batch (5 random points)"), make_notebook),
        _generator("xor", msg("XOR quadrants"), make_xor),
        _generator("circles", msg("Circle inside a ring"), make_circles),
        _generator("moons", msg("Two moons"), make_moons),
        _generator("spiral", msg("Two spirals"), make_spiral),
        _generator("gaussians", msg("Two Gaussian clouds"), make_gaussians),
        _generator("blobs", msg("Gaussian blobs (k classes)"), make_blobs),
        _generator("iris", msg("Iris flowers (4 measurements, 3 species)"), make_iris),
        _generator("digits", msg("Handwritten digits (8×8 pixels, 10 classes)"), make_digits),
    )
}


def make_dataset(name: str, **overrides) -> Dataset:
    """The built-in data set ``name`` with its defaults, some overridden; unknown names raise DataError."""
    try:
        generator = DATASETS[name]
    except KeyError:
        raise DataError(msg("unknown data set {name}; choose one of {items}", name=repr(name), items=', '.join(DATASETS))) from None
    return generator(**overrides)
