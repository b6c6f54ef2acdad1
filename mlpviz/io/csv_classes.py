"""Columns whose values mean more than numbers: a class target (numbers 0..k-1 or names) and a row index.

Class names are numbered in **sorted order** (``setosa`` 0, ``versicolor`` 1, ``virginica``
2; ``False`` 0, ``True`` 1), so the same classes get the same numbers however the rows
are ordered, as pandas' categoricals and scikit-learn's LabelEncoder number them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

from .limits import MAX_CSV_CLASSES

MISSING = frozenset({"NA", "N/A", "n/a", "NaN", "nan", "NAN", "null", "NULL", "None", "?", "#N/A", "<NA>", "NaT"})


@dataclass(frozen=True)
class TargetColumn:
    """Targets ``y (N, t)``; for a class column also ``labels (N,)`` and the class names."""

    y: np.ndarray
    labels: np.ndarray | None = None
    class_names: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def read_target_column(path, label: str, cells: list[str], lines: np.ndarray, translate) -> TargetColumn:
    """The one target column from its stripped ``cells``: numbers, class numbers 0..k-1, or class names.

    ``label`` names the column (``'column 5 (species)'``); ``translate`` maps a decimal comma, or is None.
    """
    for i, cell in enumerate(cells):
        if not cell or cell in MISSING:
            raise DataError(msg("{path}: line {lines}, {label}: {value}", path=path, lines=lines[i], label=label, value=missing_value(cell)))
    try:
        values = np.array([float(c if translate is None else c.translate(translate)) for c in cells])
    except ValueError:
        return _named_classes(path, label, cells, lines, translate)
    return _numbered_classes(label, values)


def missing_value(cell: str) -> str:
    """The message for a missing value (an empty cell, or NA, NaN, ? … as R, pandas and UCI write one), with the fix."""
    what = msg("{cell} is a missing value", cell=repr(cell)) if cell else msg("missing value (an empty cell)")
    return str(msg("{what}; drop the rows with missing values (pandas: df.dropna(), R: na.omit(df)) or fill them in "
                   "(e.g. with the column's mean), then load the file again", what=str(what)))


def read_index_column(path, label: str, values: np.ndarray, lines: np.ndarray) -> str:
    """A note that the unnamed column of ``values`` is a row index and was skipped; DataError if it is not one."""
    n = len(values)
    if np.array_equal(values, np.arange(n)):
        return str(msg("{label} holds the row numbers 0..{last} (the index pandas writes): skipped", label=label,
                       last=n - 1))
    whole = (values == np.round(values)) & (values >= 0)
    if whole.all():
        order = np.argsort(values, kind="stable")
        repeated = np.flatnonzero(values[order][1:] == values[order][:-1])
        if repeated.size == 0:
            return str(msg("{label} holds distinct row numbers (a pandas index of filtered or shuffled rows): skipped",
                           label=label))
        bad = order[repeated[0] + 1]
    else:
        bad = int(np.argmin(whole))
    raise DataError(
        msg("{path}: line {lines}, {label}: this column has no name and {values:g} is not a row number of an index; name the column in the header, or write the file without its index (pandas: to_csv(index=False))", path=path, lines=lines[bad], label=label, values=values[bad])
    )


def _numbered_classes(label: str, values: np.ndarray) -> TargetColumn:
    """Whole numbers 0..k-1 (k >= 2) are classes; anything else stays a number."""
    y = values[:, None]
    whole = bool((values == np.round(values)).all()) and np.isfinite(values).all()
    if not whole:
        return TargetColumn(y)
    low, high = values.min(), values.max()
    distinct = np.unique(values)
    if low == 0 and len(distinct) >= 2 and high < MAX_CSV_CLASSES:
        k = int(high) + 1
        return TargetColumn(y, values.astype(np.int64), tuple(str(c) for c in range(k)))
    if low == 1 and len(distinct) >= 2 and high <= MAX_CSV_CLASSES:
        return TargetColumn(y, notes=(str(msg(
            "{label} holds whole numbers 1..{high:g}: read as numbers, not classes, unless the network has "
            "{outputs:g} or more softmax outputs (then they are class indices); or number the classes from 0 "
            "(0..{last:g})", label=label, high=high, outputs=high + 1, last=high - 1)),))
    return TargetColumn(y)


def _named_classes(path, label: str, cells: list[str], lines: np.ndarray, translate) -> TargetColumn:
    """Text cells as classes numbered in sorted order; a column mixing numbers and text is refused."""
    numeric = [i for i, c in enumerate(cells) if _is_number(c, translate)]
    if numeric:
        text = next(i for i, c in enumerate(cells) if not _is_number(c, translate))
        raise DataError(
            msg("{path}: line {lines}, {label}: {value} is not a number, but line {lines2} holds the number {value2}: a target column holds either numbers or class names, not both", path=path, lines=lines[text], label=label, value=repr(cells[text][:40]), lines2=lines[numeric[0]], value2=repr(cells[numeric[0]][:40]))
        )
    names = sorted(set(cells))
    if len(names) > MAX_CSV_CLASSES:
        raise DataError(
            msg("{path}: {label} holds {n_names:,} different texts, more than the {max_csv_classes} classes a class column may have; is it the right target column?", path=path, label=label, n_names=len(names), max_csv_classes=MAX_CSV_CLASSES)
        )
    pair = _yes_no_pair(names)
    absent = [] if pair is None else [name for name in pair if name not in names]
    if pair is not None:
        names = list(pair)
    if len(names) < 2:
        raise DataError(msg("{path}: {label} holds one class only ({names}); a class column needs two or more", path=path, label=label, names=repr(names[0])))
    number = {name: k for k, name in enumerate(names)}
    labels = np.fromiter((number[c] for c in cells), dtype=np.int64, count=len(cells))
    note = str(msg("{label} holds {n} class names, numbered in sorted order: {classes}", label=label, n=len(names),
                   classes=", ".join(f"{k} = {name}" for k, name in enumerate(names[:10]))
                   + (", …" if len(names) > 10 else "")))
    if absent:
        note += str(msg(" ({name} does not occur in the file, but a yes/no column has both classes)",
                        name=repr(absent[0])))
    return TargetColumn(labels[:, None].astype(np.float64), labels, tuple(names), (note,))


_PAIRS = (("no", "yes"), ("false", "true"), ("n", "y"))


def _yes_no_pair(names: list[str]) -> tuple[str, str] | None:
    """The two classes of a yes/no (or True/False) column, in sorted order, written as the file writes them."""
    lowered = {name.lower() for name in names}
    for pair in _PAIRS:
        if lowered <= set(pair):
            style = names[0]
            case = str.upper if style.isupper() and len(style) > 1 else str.title if style[:1].isupper() else str.lower
            return tuple(case(word) for word in pair) if len(names) == 1 else tuple(names)
    return None


def _is_number(cell: str, translate) -> bool:
    try:
        float(cell if translate is None else cell.translate(translate))
    except ValueError:
        return False
    return True
