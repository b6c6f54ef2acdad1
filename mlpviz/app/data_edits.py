"""Edits of a data set as pure functions: each returns a new, immutable Dataset.

The data panel calls these and hands the result to ``Session.set_data``. Rows are
numbered train rows first, then test rows; columns are inputs, then targets.
"""

from __future__ import annotations

import numpy as np

from mlpviz.datasets import Dataset, labels_of, make_dataset, one_hot
from mlpviz.engine import DataError
from mlpviz.engine.data_values import MAX_ABS_VALUE, value_problem
from mlpviz.i18n import msg


def row_count(dataset: Dataset) -> int:
    return dataset.n_train + dataset.n_test


def row_values(dataset: Dataset, row: int) -> np.ndarray:
    """Inputs then targets of ``row`` (train rows first): ``(n_inputs + n_outputs,)``."""
    split, i = _locate(dataset, row)
    x, y = _arrays(dataset, split)
    return np.concatenate([x[i], y[i]])


def with_value(dataset: Dataset, row: int, col: int, value: float) -> Dataset:
    """``dataset`` with one number changed (column ``col`` of inputs-then-targets)."""
    value = float(value)
    if value_problem(value):
        raise DataError(msg("a data value must be a finite number within ±{max_abs_value:g}: {value}", max_abs_value=MAX_ABS_VALUE, value=value_problem(value)))
    d = dataset.n_inputs
    if not 0 <= col < d + dataset.n_outputs:
        raise DataError(msg("column {col} is outside the table", col=col))
    split, i = _locate(dataset, row)
    x, y = (a.copy() for a in _arrays(dataset, split))
    if col < d:
        x[i, col] = value
    else:
        y[i, col - d] = value
    return _rebuild(dataset, **{f"x_{split}": x, f"y_{split}": y})


def with_row_added(dataset: Dataset) -> Dataset:
    """A copy of the last training row appended to the training rows (ready to be edited)."""
    last = dataset.n_train - 1
    x = np.vstack([dataset.x_train, dataset.x_train[last:]])
    y = np.vstack([dataset.y_train, dataset.y_train[last:]])
    return _rebuild(dataset, x_train=x, y_train=y)


def without_row(dataset: Dataset, row: int) -> Dataset:
    """``dataset`` without ``row``; the last training row cannot go (a step needs data)."""
    split, i = _locate(dataset, row)
    if split == "train" and dataset.n_train == 1:
        raise DataError(msg("the last training row cannot be removed: a step needs at least one sample"))
    x, y = _arrays(dataset, split)
    return _rebuild(dataset, **{f"x_{split}": np.delete(x, i, axis=0), f"y_{split}": np.delete(y, i, axis=0)})


def random_batch(dataset: Dataset, seed: int) -> Dataset:
    """A new random batch the size and shape of ``dataset``'s training rows, the notebook's way.

    Two inputs and one 0/1 target: exactly the notebook's draw (``make_dataset("notebook")``).
    Otherwise inputs uniform in [0, 1) and random classes (or uniform targets when the
    data has no classes), with no test rows.
    """
    n, d, k = dataset.n_train, dataset.n_inputs, dataset.n_outputs
    if d == 2 and k == 1 and dataset.n_classes == 2:
        return make_dataset("notebook", n_samples=n, seed=seed)
    rng = np.random.default_rng(seed)
    x = rng.random((n, d))
    if dataset.n_classes >= 2:
        labels = rng.integers(0, dataset.n_classes, n)
        y = labels[:, None].astype(np.float64) if k == 1 else one_hot(labels, k)
        return Dataset("random", x, y, np.zeros((0, d)), np.zeros((0, k)), labels, labels[:0], dataset.n_classes,
                       dataset.class_names)
    return Dataset("random", x, rng.random((n, k)), np.zeros((0, d)), np.zeros((0, k)))


def _locate(dataset: Dataset, row: int) -> tuple[str, int]:
    if 0 <= row < dataset.n_train:
        return "train", row
    if dataset.n_train <= row < row_count(dataset):
        return "test", row - dataset.n_train
    raise DataError(msg("row {value} is outside the table ({value2} rows)", value=row + 1, value2=row_count(dataset)))


def _arrays(dataset: Dataset, split: str) -> tuple[np.ndarray, np.ndarray]:
    return getattr(dataset, f"x_{split}"), getattr(dataset, f"y_{split}")


def _rebuild(dataset: Dataset, **arrays) -> Dataset:
    """A Dataset with some arrays replaced; class labels are read off the targets again (names kept while they fit)."""
    x_train = arrays.get("x_train", dataset.x_train)
    y_train = arrays.get("y_train", dataset.y_train)
    x_test = arrays.get("x_test", dataset.x_test)
    y_test = arrays.get("y_test", dataset.y_test)
    labels, k = labels_of(np.vstack([y_train, y_test]))
    split = len(y_train)
    labels_train = None if labels is None else labels[:split]
    labels_test = None if labels is None else labels[split:]
    names = dataset.class_names if k == dataset.n_classes else ()
    return Dataset(dataset.name, x_train, y_train, x_test, y_test, labels_train, labels_test, k, names,
                   dataset.input_scaling)
