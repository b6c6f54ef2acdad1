"""Whether a CSV file's first line names its columns, and what to call them when it does not.

Files as UCI, scikit-learn and digit sets ship them often have no header row: the first
line is a sample (``5.1,3.5,1.4,0.2,Iris-setosa``; a label and 64 pixels), or scikit-learn's
description ``150,4,setosa,versicolor,virginica`` (samples, features, class names). Taking
such a line for column names would lose a sample or misname every column, so it is
recognised here: the columns are then named ``column 1`` .. ``column n`` and every line
is a sample. A first line of numbered column names (``0,1,2,…`` as pandas writes a frame
without names) is a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlpviz.i18n import msg

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_WHOLE = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Header:
    """The column names to use, whether the first line is a sample (``first_is_data``), the target column
    when the file implies one (``target``), class names the first line gave (scikit-learn's), and a note."""

    names: tuple[str, ...]
    first_is_data: bool = False
    skip_first: bool = False
    target: str | None = None
    class_names: tuple[str, ...] = ()
    note: str = ""

    @property
    def generated(self) -> bool:
        """True when the names were made up (``column 1`` ..): the file has no header row."""
        return self.first_is_data or (self.skip_first and self.names[:1] == ("column 1",))


def column_name(col: int) -> str:
    """The name of 0-based column ``col`` in a file without a header row."""
    return f"column {col + 1}"


def read_header(first: list[str], following: list[list[str]]) -> Header:
    """What the first row ``first`` is, judged with the rows ``following`` it (a sample of the file)."""
    cells = [cell.strip() for cell in first]
    numeric = [_is_number(cell) for cell in cells]
    nxt = [cell.strip() for cell in following[0]] if following else None
    described = _sklearn_description(cells, numeric, nxt, following)
    if described is not None:
        return described
    if not any(numeric) or _numbered_names(cells) or nxt is None:
        return Header(tuple(cells))
    pattern = [_is_number(cell) for cell in nxt]
    if len(nxt) != len(cells) or pattern != numeric or sum(numeric) * 2 < len(cells):
        return Header(tuple(cells))
    names = tuple(column_name(c) for c in range(len(cells)))
    text = [c for c, is_number in enumerate(numeric) if not is_number]
    shown = ", ".join(cells[:4]) + (", …" if len(cells) > 4 else "")
    target = names[text[0]] if len(text) == 1 else None
    note = str(msg("line 1 holds a sample ({shown}), not column names: the file has no header row, so every line is "
                   "read as a sample and the columns are named column 1 to column {n}", shown=shown, n=len(cells)))
    if target is not None:
        note += str(msg("; {target}, the one column of text, is the target unless another is chosen (its class names "
                        "are kept)", target=target))
    return Header(names, first_is_data=True, target=target, note=note)


def missing_header_hint(names: tuple[str, ...]) -> str:
    """The fix for a file without a header whose target is not known: how to name it."""
    return str(msg("the file has no header row (line 1 is a sample): choose the target column, e.g. {first} or "
                   "{last} (mlpviz train --target {last}), or add a header row naming the columns, the target 'y'",
                   first=repr(names[0]), last=repr(names[-1])))


def _sklearn_description(cells, numeric, nxt, following) -> Header | None:
    """scikit-learn's ``n_samples,n_features[,class names]`` first line, followed by data (or by a header row)."""
    if len(cells) < 2 or not (_WHOLE.match(cells[0]) and _WHOLE.match(cells[1])) or any(numeric[2:]) or nxt is None:
        return None
    n_samples, n_features = int(cells[0]), int(cells[1])
    class_names = tuple(cells[2:])
    if n_features < 1 or len(nxt) != n_features + 1:
        return None
    if class_names:
        what = str(msg("line 1 is scikit-learn's description of the file ({samples:,} samples, {features} features, "
                       "classes {classes})", samples=n_samples, features=n_features, classes=", ".join(class_names)))
    else:
        what = str(msg("line 1 is scikit-learn's description of the file ({samples:,} samples, {features} features)",
                       samples=n_samples, features=n_features))
    if not any(_is_number(cell) for cell in nxt):  # a header row follows (boston_house_prices.csv)
        return Header(tuple(nxt), skip_first=True,
                      note=str(msg("{what}, not column names: skipped; line 2 names the columns", what=what)))
    if not all(_is_number(cell) for row in following[:5] for cell in row):
        return None
    names = tuple(column_name(c) for c in range(n_features + 1))
    note = str(msg("{what}, not column names: the columns are named column 1 to column {n}, the last one the target",
                   what=what, n=n_features + 1))
    return Header(names, skip_first=True, target=names[-1], class_names=class_names, note=note)


def _numbered_names(cells: list[str]) -> bool:
    """Column names 0, 1, 2, … (or 1, 2, …) in order, perhaps after unnamed index columns or before text names."""
    numbers = [cell for cell in cells if _WHOLE.match(cell)]
    if len(numbers) < 2:
        return False
    start = int(numbers[0])
    return start in (0, 1) and [int(n) for n in numbers] == list(range(start, start + len(numbers)))


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell))
