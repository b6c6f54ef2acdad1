"""A run's arrays as ``.npz`` bytes and back: its data set and loss log (its timeline: ``timeline_arrays.py``).

The session kept across launches and the ``.mlpviz`` lesson both store them so; reading
checks them as user input is checked (shapes, finite values, labels in range, steps in order).
"""

from __future__ import annotations

import io

import numpy as np

from mlpviz.datasets import Dataset, InputScaling
from mlpviz.datasets.dataset import MAX_SAMPLES
from mlpviz.engine import Architecture, MlpvizError, SnapshotError, inputs_mismatch
from mlpviz.i18n import msg
from mlpviz.io.limits import MAX_ABS_VALUE, MAX_SNAPSHOT_BYTES
from mlpviz.io.zip_members import read_npz_arrays
from mlpviz.training.loss_log import DEFAULT_MAX_ENTRIES, LossEntries, LossLog

MAX_DATA_BYTES = MAX_SNAPSHOT_BYTES  # one limit: what is written must read back
MAX_LOG_BYTES = 48 * DEFAULT_MAX_ENTRIES + 65536  # a full log's six columns (41 bytes an entry) and the zip
DATA_KEYS = ("x_train", "y_train", "x_test", "y_test")
LABEL_KEYS = ("labels_train", "labels_test")
SCALING_KEYS = ("input_mean", "input_std", "input_rows", "input_names")  # Dataset.input_scaling, all or none
LOG_KEYS = LossEntries._fields  # steps, train, test, diverged, accuracy, test_accuracy


def _npz(arrays: dict) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


# --- the data set ------------------------------------------------------------------------


def data_npz(dataset: Dataset) -> bytes | None:
    """The data as an ``.npz``, or None if over what the reader accepts."""
    arrays = {k: np.asarray(getattr(dataset, k)) for k in DATA_KEYS}
    for k in LABEL_KEYS:
        if getattr(dataset, k) is not None:
            arrays[k] = np.asarray(getattr(dataset, k))
    if sum(a.nbytes for a in arrays.values()) > MAX_DATA_BYTES:  # no need to build it to know
        return None
    arrays["n_classes"] = np.array(int(dataset.n_classes))
    if dataset.class_names:
        arrays["class_names"] = np.array(dataset.class_names, dtype=str)
    scaling = dataset.input_scaling
    if scaling is not None:
        arrays.update(input_mean=scaling.mean, input_std=scaling.std, input_rows=np.array(scaling.rows),
                      input_names=np.array(scaling.names, dtype=str))
    data = _npz(arrays)
    return data if len(data) <= MAX_DATA_BYTES else None


def read_data_npz(path, raw: bytes, name: str) -> Dataset:
    """The data set in ``raw`` (from ``path``), checked like data a user opens: shapes, finite values, labels."""
    arrays = read_npz_arrays(path, raw, DATA_KEYS + LABEL_KEYS + ("n_classes", "class_names") + SCALING_KEYS,
                             MAX_DATA_BYTES, "data")
    missing = [k for k in DATA_KEYS + ("n_classes",) if k not in arrays]
    if missing:
        raise SnapshotError(msg("{path}: the data miss {items}", path=path, items=', '.join(missing)))
    for k in DATA_KEYS:
        a = arrays[k]
        if a.dtype.kind != "f" or a.ndim != 2 or not np.isfinite(a).all() or (a.size and np.abs(a).max() > MAX_ABS_VALUE):
            raise SnapshotError(msg("{path}: {k} must be a 2-D array of finite numbers within ±{max_abs_value:g}", path=path, k=k, max_abs_value=MAX_ABS_VALUE))
    x_train, y_train, x_test, y_test = (arrays[k] for k in DATA_KEYS)
    if not 1 <= len(x_train) <= MAX_SAMPLES or len(x_train) + len(x_test) > MAX_SAMPLES:
        raise SnapshotError(msg("{path}: the data must have 1 to {max_samples:,} samples", path=path, max_samples=MAX_SAMPLES))
    if x_test.shape[1] != x_train.shape[1] or y_test.shape[1] != y_train.shape[1] or len(y_test) != len(x_test):
        raise SnapshotError(msg("{path}: the test data do not match the training data's columns", path=path))
    n_classes = arrays["n_classes"]
    most = max(2, y_train.shape[1])  # a 0/1 column holds 2 classes; one-hot targets one per column
    if n_classes.shape != () or n_classes.dtype.kind not in "iu" or not (
            int(n_classes) == 0 or 2 <= int(n_classes) <= most):
        raise SnapshotError(msg("{path}: the number of classes must be 0 or 2 to {most} for these targets", path=path, most=most))
    n_classes = int(n_classes)
    labels = {}
    for k, rows in zip(LABEL_KEYS, (len(x_train), len(x_test))):
        a = arrays.get(k)
        if a is None:
            continue
        if a.dtype.kind not in "iu" or a.shape != (rows,) or (rows and not (0 <= a.min() and a.max() < n_classes)):
            raise SnapshotError(msg("{path}: {k} must hold {rows} whole numbers from 0 to {value}", path=path, k=k, rows=rows, value=n_classes - 1))
        labels[k] = a
    if n_classes and len(labels) != 2:
        raise SnapshotError(msg("{path}: data with {n_classes} classes must have labels for training and test", path=path, n_classes=n_classes))
    names = arrays.get("class_names")
    if names is not None and (names.dtype.kind != "U" or names.shape != (n_classes,)):
        raise SnapshotError(msg("{path}: class_names must be one text per class ({n_classes})", path=path, n_classes=n_classes))
    return Dataset(name, x_train, y_train, x_test, y_test, labels.get("labels_train"), labels.get("labels_test"),
                   n_classes=n_classes, class_names=() if names is None else tuple(names.tolist()),
                   input_scaling=_read_scaling(path, arrays, x_train.shape[1]))


def _read_scaling(path, arrays: dict, n_inputs: int) -> InputScaling | None:
    """How the saved inputs were standardized (all of its arrays or none), checked; None when they were not."""
    present = [k for k in SCALING_KEYS if k in arrays]
    if not present:
        return None
    if len(present) != len(SCALING_KEYS):
        raise SnapshotError(msg("{path}: the input scaling needs {items} together", path=path, items=', '.join(SCALING_KEYS)))
    mean, std, rows, names = (arrays[k] for k in SCALING_KEYS)
    if (mean.dtype.kind != "f" or std.dtype.kind != "f" or mean.shape != (n_inputs,) or std.shape != (n_inputs,)
            or rows.shape != () or rows.dtype.kind not in "iu" or names.dtype.kind != "U" or names.ndim != 1):
        raise SnapshotError(msg("{path}: the input scaling must hold a mean and a std per input, a row count and names", path=path))
    try:
        return InputScaling(mean, std, int(rows), tuple(names.tolist()))
    except MlpvizError as exc:
        raise SnapshotError(f"{path}: {exc}") from None


def check_fits(dataset: Dataset, arch: Architecture) -> None:
    """The data feed the network (the checks ``Session.set_data`` makes), before anything is applied."""
    problem = inputs_mismatch(arch.sizes[0], dataset.n_inputs)
    if problem is not None:
        raise SnapshotError(problem)
    dataset.targets_for(arch.sizes[-1])
    if dataset.n_test:
        dataset.targets_for(arch.sizes[-1], test=True)


# --- the loss log ------------------------------------------------------------------------


def log_npz(log: LossLog) -> bytes | None:
    """The loss log's filled columns as an ``.npz``, or None if empty or over what the reader accepts."""
    if not len(log):
        return None
    data = _npz(dict(zip(LOG_KEYS, log.entries())))
    return data if len(data) <= MAX_LOG_BYTES else None


def read_log_npz(path, raw: bytes, step: int) -> LossLog:
    """The loss log in ``raw``, checked as a LossLog of a run at ``step`` (MlpvizError if it is not one)."""
    arrays = read_npz_arrays(path, raw, LOG_KEYS, MAX_LOG_BYTES, "loss log")
    missing = [k for k in LOG_KEYS if k not in arrays]
    if missing:
        raise SnapshotError(msg("{path}: the loss log misses {items}", path=path, items=', '.join(missing)))
    return LossLog.from_columns(LossEntries(*(arrays[k] for k in LOG_KEYS)), step)
