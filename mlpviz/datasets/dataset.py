"""A data set: inputs and targets for training and testing, with class labels when there are classes.

The checks of sizes, noise and split fractions shared by every source of data live
here too, so a generator and a CSV file are held to the same rules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mlpviz.engine.data_values import check_data_values
from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

if TYPE_CHECKING:
    from .scaling import InputScaling

MAX_SAMPLES = 1_000_000
MAX_CLASSES = 32


@dataclass(frozen=True)
class Dataset:
    """Inputs ``x_* (N, d)`` and float targets ``y_* (N, k)`` for training and testing.

    ``labels_*`` ``(N,)`` are integer classes for colouring points (None for
    real-valued targets); ``n_classes`` is 0 then. ``class_names`` name the classes
    0..n_classes-1 when they have names (``()`` when not). ``input_scaling`` (a
    ``scaling.InputScaling``) says how the inputs were standardized, None when they are as read.
    All arrays are read-only.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    labels_train: np.ndarray | None = None
    labels_test: np.ndarray | None = None
    n_classes: int = 0
    class_names: tuple[str, ...] = ()
    input_scaling: "InputScaling | None" = None

    def __post_init__(self) -> None:
        names = tuple(str(name) for name in self.class_names)
        object.__setattr__(self, "class_names", names)
        if names and len(names) != self.n_classes:
            raise DataError(
                msg("data set {name}: {n_names} class name(s) for {n_classes} class(es)", name=repr(self.name), n_names=len(names), n_classes=self.n_classes)
            )
        for name in ("x_train", "y_train", "x_test", "y_test", "labels_train", "labels_test"):
            value = getattr(self, name)
            if value is not None:
                value = np.array(value, dtype=np.int64 if name.startswith("labels") else np.float64)
                value.setflags(write=False)
                object.__setattr__(self, name, value)
        if self.x_train.ndim != 2 or self.y_train.ndim != 2 or self.x_train.shape[0] != self.y_train.shape[0]:
            raise DataError(msg("data set {name}: inputs {shape} and targets {shape2} do not pair up", name=repr(self.name), shape=self.x_train.shape, shape2=self.y_train.shape))
        for name, what in (("x_train", "inputs"), ("y_train", "targets"), ("x_test", "test inputs"), ("y_test", "test targets")):
            check_data_values(f"data set {self.name!r}, {what}", getattr(self, name))
        if self.input_scaling is not None and len(self.input_scaling.mean) != self.x_train.shape[1]:
            raise DataError(msg("data set {name}: the input scaling has {n_mean} column(s) for {shape} input(s)", name=repr(self.name), n_mean=len(self.input_scaling.mean), shape=self.x_train.shape[1]))

    @property
    def notes(self) -> tuple[str, ...]:
        """What was done to the data after reading (the inputs' standardization), for documents about it."""
        return () if self.input_scaling is None else (self.input_scaling.describe(),)

    @property
    def class_labels(self) -> tuple[str, ...]:
        """What each class is called wherever it is shown: its name, else its number as the targets hold it
        (``0``, ``1``, …); ``()`` for real-valued targets."""
        if self.labels_train is None:
            return ()
        return self.class_names or tuple(str(c) for c in range(max(self.n_classes, 2)))

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
        (e.g. a 2-unit softmax), and numbered classes 0..k-1 when it has more outputs than
        k (class indices the data do not all show); anything else that does not fit raises DataError.
        """
        y = self.y_test if test else self.y_train
        labels = self.labels_test if test else self.labels_train
        if y.shape[1] == n_outputs:
            return y
        if labels is not None and n_outputs == self.n_classes > 1:
            return one_hot(labels, n_outputs)
        numbered = not self.class_names or self.class_names == tuple(str(c) for c in range(self.n_classes))
        if labels is not None and n_outputs > self.n_classes > 1 and numbered:
            return one_hot(labels, n_outputs)  # class indices within the outputs: a batch need not show every class
        if self.n_classes > 2:
            raise DataError(
                msg("data set {name} has {n_classes} classes but the network has {n_outputs} output unit(s): a network for {n_classes} classes has {n_classes} softmax outputs with cross-entropy (ce)", name=repr(self.name), n_classes=self.n_classes, n_outputs=n_outputs)
            )
        raise DataError(
            msg("data set {name} has {shape} target column(s) but the network has {n_outputs} output unit(s)", name=repr(self.name), shape=y.shape[1], n_outputs=n_outputs)
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


def dataset_from_arrays(
    name: str, x, y, test_fraction: float = 0.0, seed: int = 0, class_names: tuple[str, ...] = ()
) -> Dataset:
    """A Dataset from inputs ``x (N, d)`` and targets ``y (N, k)`` (e.g. a CSV file), split by ``seed``.

    ``class_names`` name the classes the targets hold (0/1 in one column, or one-hot rows).
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0] or x.shape[0] == 0:
        raise DataError(msg("data set {name}: inputs {shape} and targets {shape2} do not pair up", name=repr(name), shape=x.shape, shape2=y.shape))
    labels, k = labels_of(y)
    if class_names and len(class_names) != k:
        raise DataError(msg("data set {name}: {n_class_names} class name(s) but the targets hold {k} class(es)", name=repr(name), n_class_names=len(class_names), k=k))
    return split_dataset(name, x, y, labels, k, check_fraction(test_fraction), np.random.default_rng(seed), class_names)


def class_targets(labels: np.ndarray, k: int) -> np.ndarray:
    """Class indices ``(N,)`` of ``k`` classes as targets: one 0/1 column for two classes, else one-hot ``(N, k)``."""
    if k == 2:
        y = np.asarray(labels, dtype=np.float64)[:, None]
        y.setflags(write=False)
        return y
    return one_hot(labels, k)


def split_dataset(name, x, y, labels, n_classes, test_fraction, rng, class_names: tuple[str, ...] = ()) -> Dataset:
    """``x``, ``y`` (and ``labels``) split into training and test rows, ``test_fraction`` of them drawn by ``rng``."""
    n = x.shape[0]
    n_test = min(int(round(n * test_fraction)), n - 1) if test_fraction > 0 else 0
    if n_test == 0:
        order = np.arange(n)
    else:
        order = rng.permutation(n)
    test, train = order[:n_test], order[n_test:]
    pick = (lambda a, i: None if a is None else a[i])
    return Dataset(name, x[train], y[train], x[test], y[test], pick(labels, train), pick(labels, test), n_classes,
                   tuple(class_names))


def check_count(n_samples, minimum: int = 1) -> int:
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise DataError(msg("the number of samples must be a whole number, got {n_samples}", n_samples=repr(n_samples)))
    if not minimum <= n_samples <= MAX_SAMPLES:
        raise DataError(msg("the number of samples must be between {minimum} and {max_samples:,}, got {n_samples}", minimum=minimum, max_samples=MAX_SAMPLES, n_samples=n_samples))
    return int(n_samples)


def check_noise(noise) -> float:
    try:
        noise = float(noise)
    except (TypeError, ValueError):
        raise DataError(msg("noise must be a number, got {noise}", noise=repr(noise))) from None
    if not (math.isfinite(noise) and 0.0 <= noise <= 10.0):
        raise DataError(msg("noise must be between 0 and 10, got {noise}", noise=noise))
    return noise


def check_fraction(test_fraction) -> float:
    try:
        f = float(test_fraction)
    except (TypeError, ValueError):
        raise DataError(msg("the test fraction must be a number, got {test_fraction}", test_fraction=repr(test_fraction))) from None
    if not 0.0 <= f < 1.0:
        raise DataError(msg("the test fraction must be at least 0 and below 1, got {test_fraction}", test_fraction=test_fraction))
    return f
