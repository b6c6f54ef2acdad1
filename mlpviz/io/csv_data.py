"""mlpviz's own use of CSV data: ``load_csv`` for a network of given sizes, and ``write_csv``.

``load_csv`` reads through ``read_csv_table`` (any separator, decimal mark and encoding
spreadsheets write) and then fits the table to the network's inputs and outputs.
"""

from __future__ import annotations

import numpy as np

from .atomic import atomic_write_text
from mlpviz.engine.errors import DataError
from mlpviz.engine.inputs import check_inputs
from mlpviz.i18n import msg
from .csv_read import read_csv_table
from .csv_write import csv_lines
from .csv_table import CsvTable


def load_csv(path, n_inputs: int | None = None, n_outputs: int | None = None, **overrides) -> tuple[np.ndarray, np.ndarray]:
    """Read ``path`` into inputs ``x (N, n_inputs)`` and float targets ``y (N, n_outputs)``.

    With one target column and ``n_outputs`` k > 1, the column holds classes 0..k-1 (numbers
    or names) and becomes one-hot. Sizes that the file does not fit are refused. ``overrides``
    (``target``, ``delimiter``, ``decimal``, ``encoding``) go to ``read_csv_table``.
    """
    table = read_csv_table(path, **overrides)
    if n_inputs is not None:
        check_inputs(n_inputs, len(table.input_names), path)
    y = table.y
    if len(table.target_names) == 1 and n_outputs is not None and n_outputs > 1:
        y = _one_hot(table, n_outputs)
    elif n_outputs is not None and y.shape[1] != n_outputs:
        raise DataError(
            msg("{path}: the file has {shape} target column(s) but the network has {n_outputs} output(s)", path=path, shape=y.shape[1], n_outputs=n_outputs)
        )
    elif table.has_text_classes and n_outputs == 1 and table.n_classes > 2:
        raise DataError(
            msg("{path}: the target {target_names} holds {n_classes} classes but the network has one output; give it {n_classes} softmax outputs with cross-entropy (ce)", path=path, target_names=repr(table.target_names[0]), n_classes=table.n_classes)
        )
    return np.array(table.x), np.array(y)


def write_csv(path, x, y) -> None:
    """Write inputs ``x (N, d)`` and targets ``y (N, k)`` as ``x1..xd`` and ``y`` / ``y1..yk`` columns, atomically.

    Numbers are written with ``repr`` so that they read back bit-identical.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0]:
        raise DataError(msg("{path}: inputs {shape} and targets {shape2} do not pair up", path=path, shape=x.shape, shape2=y.shape))
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise DataError(msg("{path}: refusing to write NaN or infinite values", path=path))
    header = [f"x{i + 1}" for i in range(x.shape[1])]
    header += ["y"] if y.shape[1] == 1 else [f"y{k + 1}" for k in range(y.shape[1])]
    atomic_write_text(path, csv_lines([header, *np.hstack([x, y]).tolist()]), DataError)


def _one_hot(table: CsvTable, k: int) -> np.ndarray:
    """The one target column's classes 0..k-1 -> one-hot ``(N, k)``; a class the network lacks is refused."""
    column = table.y[:, 0]
    bad = np.flatnonzero((column != np.round(column)) | (column < 0) | (column >= k))
    if bad.size:
        i = bad[0]
        name = table.target_names[0]
        shown = f"{column[i]:g}" + (f" ({table.class_names[int(column[i])]})" if table.has_text_classes else "")
        raise DataError(
            msg("{path}: line {lines}, column {value} ({name}): class index {shown} is not one of 0..{value2} (the network has {k} outputs)", path=table.path, lines=table.lines[i], value=table.columns.index(name) + 1, name=name, shown=shown, value2=k - 1, k=k)
        )
    y = np.zeros((column.shape[0], k))
    y[np.arange(column.shape[0]), column.astype(np.int64)] = 1.0
    return y

