"""What each column of a CSV header is: a row index to skip, an input, a target, or an empty column to ignore.

Targets are the columns named ``y`` or ``y1, y2, ...`` unless the caller names them.
Leading columns without a name (or pandas' ``Unnamed: 0``) may be a row index; that is
decided once their values are read. Every check is linear in the number of columns,
and the column count is checked first, so a header of a million cells is refused at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

from .limits import MAX_CSV_COLUMNS

_NUMBERED_TARGET = re.compile(r"^y([1-9][0-9]*)$")
_PANDAS_UNNAMED = re.compile(r"^Unnamed: \d+$")


@dataclass(frozen=True)
class ColumnRoles:
    """Header names and the 0-based column numbers of each role (inputs and targets in their order)."""

    names: tuple[str, ...]
    index: tuple[int, ...]
    ignored: tuple[int, ...]
    inputs: tuple[int, ...]
    targets: tuple[int, ...]

    def label(self, col: int) -> str:
        """``'column 3 (y)'`` or ``'column 1 (no name)'``, 1-based as a spreadsheet counts."""
        name = self.names[col]
        if name == f"column {col + 1}":  # a header-less file's own name for it
            return name
        return str(msg("column {n} ({name})", n=col + 1, name=name) if name else msg("column {n} (no name)", n=col + 1))


def column_roles(where: str, header: list[str], target: str | Sequence[str] | None = None) -> ColumnRoles:
    """The roles of ``header``'s columns; ``where`` is ``'<path>: line <n>'`` for messages."""
    if len(header) > MAX_CSV_COLUMNS:
        raise DataError(
            msg("{where}: the header has {n_header:,} columns, over the limit of {max_csv_columns:,} (a network has at most 4,096 inputs and 4,096 outputs)", where=where, n_header=len(header), max_csv_columns=MAX_CSV_COLUMNS)
        )
    names = tuple(cell.strip() for cell in header)
    if len(names) == 1 and re.search(r"\s|\|", names[0].strip()):
        raise DataError(
            msg("{where}: the header {names} is a single column: separate the columns with commas, semicolons or tabs", where=where, names=repr(names[0]))
        )
    index = _leading_unnamed(names)
    ignored = _trailing_empty(names, len(index))
    _check_names(where, names, set(index) | set(ignored))
    targets = _chosen_targets(where, names, target) if target is not None else _named_targets(where, names)
    clash = sorted(set(targets) & set(index))
    if clash:
        raise DataError(msg("{where}, column {value}: a column of row numbers without a name cannot be the target", where=where, value=clash[0] + 1))
    taken = set(index) | set(ignored) | set(targets)
    inputs = tuple(i for i in range(len(names)) if i not in taken)
    if not inputs:
        raise DataError(msg("{where}: no input column; every column besides the targets is an input", where=where))
    return ColumnRoles(names, index, ignored, inputs, targets)


def _leading_unnamed(names: tuple[str, ...]) -> tuple[int, ...]:
    """Leading columns with no name or pandas' ``Unnamed: N``: perhaps a row index (checked on the values)."""
    count = 0
    while count < len(names) - 1 and (not names[count] or _PANDAS_UNNAMED.match(names[count])):
        count += 1
    return tuple(range(count))


def _trailing_empty(names: tuple[str, ...], start: int) -> tuple[int, ...]:
    """Trailing columns with no name (a separator at the end of every line); their cells must be empty."""
    end = len(names)
    while end > start + 1 and not names[end - 1]:
        end -= 1
    return tuple(range(end, len(names)))


def _check_names(where: str, names: tuple[str, ...], skipped: set[int]) -> None:
    """Refuse an empty name among the named columns and a name used twice (in one pass)."""
    first: dict[str, int] = {}
    for col, name in enumerate(names):
        if col in skipped:
            continue
        if not name:
            raise DataError(msg("{where}, column {value}: the header has an empty column name; give it a name", where=where, value=col + 1))
        if name in first:
            raise DataError(
                msg("{where}, column {value}: the column name {name} appears twice (also column {value2})", where=where, value=col + 1, name=repr(name), value2=first[name] + 1)
            )
        first[name] = col


def _named_targets(where: str, names: tuple[str, ...]) -> tuple[int, ...]:
    """The ``y`` column, or the ``y1, y2, ...`` columns in number order."""
    numbered = {int(m.group(1)): i for i, name in enumerate(names) if (m := _NUMBERED_TARGET.match(name))}
    plain = [i for i, name in enumerate(names) if name == "y"]
    if plain and numbered:
        raise DataError(msg("{where}: use either one 'y' column or 'y1', 'y2', ... columns, not both", where=where))
    if numbered:
        expected = list(range(1, len(numbered) + 1))
        if sorted(numbered) != expected:
            raise DataError(
                msg("{where}: target columns must be numbered y1 to y{n_numbered} without gaps, got {items}", where=where, n_numbered=len(numbered), items=', '.join(('y' + str(k) for k in sorted(numbered))))
            )
        return tuple(numbered[k] for k in expected)
    if plain:
        return tuple(plain)
    raise DataError(
        msg("{where}: no target column; name it 'y' (or 'y1', 'y2', ... for several outputs), or choose the target column by name; the columns are {value}", where=where, value=_listing(names))
    )


def _chosen_targets(where: str, names: tuple[str, ...], target: str | Sequence[str]) -> tuple[int, ...]:
    """The columns named in ``target`` (one name or several), in that order."""
    wanted = [target] if isinstance(target, str) else list(target)
    if not wanted:
        raise DataError(msg("{where}: no target column chosen", where=where))
    position = {name: col for col, name in enumerate(names) if name}
    cols = []
    for name in wanted:
        if name.strip() not in position:
            raise DataError(msg("{where}: there is no column named {name}; the columns are {value}", where=where, name=repr(name), value=_listing(names)))
        cols.append(position[name.strip()])
    if len(set(cols)) != len(cols):
        raise DataError(msg("{where}: a target column is named twice in {wanted}", where=where, wanted=repr(wanted)))
    return tuple(cols)


def _listing(names: tuple[str, ...], most: int = 12) -> str:
    shown = ", ".join(repr(n) for n in names[:most] if n)
    return shown + (str(msg(" and {n} more", n=f"{len(names) - most:,}")) if len(names) > most else "")
