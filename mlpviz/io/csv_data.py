"""CSV data files: a header row, input columns, and target columns ``y`` or ``y1, y2, ...``.

Every refusal raises DataError naming the file, the line and the column, and
nothing is returned until the whole file has been checked.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np

from .atomic import atomic_write_text
from mlpviz.engine.errors import DataError
from .limits import MAX_CSV_BYTES, read_bytes

_NUMBERED_TARGET = re.compile(r"^y([1-9][0-9]*)$")


def load_csv(path, n_inputs: int | None = None, n_outputs: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Read ``path`` into inputs ``x (N, n_inputs)`` and float targets ``y (N, n_outputs)``.

    With one integer ``y`` column and ``n_outputs`` k > 1, ``y`` holds class indices
    0..k-1 and becomes one-hot. Given sizes that the file does not fit are refused.
    """
    header, rows, lines = _read_table(path)
    inputs, targets = _split_columns(path, header)
    if n_inputs is not None and len(inputs) != n_inputs:
        raise DataError(
            f"{path}: line 1: the file has {len(inputs)} input column(s) "
            f"({', '.join(header[i] for i in inputs)}) but the network has {n_inputs} input(s)"
        )
    values = _to_floats(path, header, rows, lines)
    x = values[:, inputs]
    y = values[:, targets]
    class_index = len(targets) == 1 and header[targets[0]] == "y" and n_outputs is not None and n_outputs > 1
    if class_index:
        y = _one_hot(path, y[:, 0], n_outputs, lines, targets[0] + 1)
    elif n_outputs is not None and y.shape[1] != n_outputs:
        raise DataError(
            f"{path}: line 1: the file has {y.shape[1]} target column(s) but the network has {n_outputs} output(s)"
        )
    return np.ascontiguousarray(x), np.ascontiguousarray(y)


def write_csv(path, x, y) -> None:
    """Write inputs ``x (N, d)`` and targets ``y (N, k)`` as ``x1..xd`` and ``y`` / ``y1..yk`` columns, atomically.

    Numbers are written with ``repr`` so that they read back bit-identical.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0]:
        raise DataError(f"{path}: inputs {x.shape} and targets {y.shape} do not pair up")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise DataError(f"{path}: refusing to write NaN or infinite values")
    header = [f"x{i + 1}" for i in range(x.shape[1])]
    header += ["y"] if y.shape[1] == 1 else [f"y{k + 1}" for k in range(y.shape[1])]
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for row in np.hstack([x, y]).tolist():
        out.write(",".join(repr(v) for v in row) + "\n")
    atomic_write_text(path, out.getvalue(), DataError)


def _read_table(path) -> tuple[list[str], list[list[str]], list[int]]:
    """Header names, data rows of strings and the line number of each row."""
    data = read_bytes(path, DataError, MAX_CSV_BYTES, "CSV file")
    if b"\x00" in data:
        raise DataError(f"{path}: this is a binary file, not CSV text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"{path}: line {line}: the file is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header, rows, lines = None, [], []
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue  # blank line
            if header is None:
                header = [cell.strip() for cell in row]
                header_line = reader.line_num
                continue
            if len(row) != len(header):
                raise DataError(
                    f"{path}: line {reader.line_num}: {len(row)} cell(s) but the header has {len(header)} column(s)"
                )
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise DataError(f"{path}: line {reader.line_num}: not valid CSV ({exc})") from None
    if header is None:
        raise DataError(f"{path}: the file has no header row and no data")
    for col, name in enumerate(header, start=1):
        if not name:
            raise DataError(f"{path}: line {header_line}, column {col}: the header has an empty column name")
        if header.index(name) != col - 1:
            raise DataError(f"{path}: line {header_line}, column {col}: the column name {name!r} appears twice")
    if not rows:
        raise DataError(f"{path}: the file has a header but no data rows")
    return header, rows, lines


def _split_columns(path, header: list[str]) -> tuple[list[int], list[int]]:
    """Indices of the input columns (file order) and the target columns (``y`` or ``y1, y2, ...``)."""
    numbered = {int(m.group(1)): i for i, name in enumerate(header) if (m := _NUMBERED_TARGET.match(name))}
    plain = [i for i, name in enumerate(header) if name == "y"]
    if plain and numbered:
        raise DataError(f"{path}: line 1: use either one 'y' column or 'y1', 'y2', ... columns, not both")
    if numbered:
        expected = list(range(1, len(numbered) + 1))
        if sorted(numbered) != expected:
            raise DataError(
                f"{path}: line 1: target columns must be numbered y1 to y{len(numbered)} without gaps, "
                f"got {', '.join('y' + str(k) for k in sorted(numbered))}"
            )
        targets = [numbered[k] for k in expected]
    else:
        targets = plain
    if not targets:
        raise DataError(f"{path}: line 1: no target column; name it 'y' (or 'y1', 'y2', ... for several outputs)")
    inputs = [i for i in range(len(header)) if i not in targets]
    if not inputs:
        raise DataError(f"{path}: line 1: no input column; every column besides the targets is an input")
    return inputs, targets


def _to_floats(path, header, rows, lines) -> np.ndarray:
    """All cells as float64 ``(N, columns)``; the first bad cell is reported with its line and column."""
    values = None
    if max(len(cell) for row in rows for cell in row) <= 40:  # long cells would make a huge str array
        try:
            values = np.array(rows, dtype=str).astype(np.float64)
        except ValueError:
            pass
    if values is not None and np.isfinite(values).all():
        return values
    for row, line in zip(rows, lines):
        for col, cell in enumerate(row):
            where = f"{path}: line {line}, column {col + 1} ({header[col]})"
            if not cell.strip():
                raise DataError(f"{where}: missing value")
            try:
                v = float(cell)
            except ValueError:
                raise DataError(f"{where}: not a number: {cell.strip()[:40]!r}") from None
            if not np.isfinite(v):
                raise DataError(f"{where}: {cell.strip()!r} is not a finite number")
    raise DataError(f"{path}: could not read the numbers")  # pragma: no cover - the loop finds the cell


def _one_hot(path, column: np.ndarray, k: int, lines: list[int], col: int) -> np.ndarray:
    """Class indices (whole numbers 0..k-1) -> one-hot ``(N, k)``."""
    bad = np.flatnonzero((column != np.round(column)) | (column < 0) | (column >= k))
    if bad.size:
        i = bad[0]
        raise DataError(
            f"{path}: line {lines[i]}, column {col} (y): class index {column[i]:g} is not one of 0..{k - 1} "
            f"(the network has {k} outputs)"
        )
    y = np.zeros((column.shape[0], k))
    y[np.arange(column.shape[0]), column.astype(np.int64)] = 1.0
    return y
