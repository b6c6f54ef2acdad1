"""The data rows of a CSV file as numbers: every cell checked, the first bad one named by line and column.

Rows are read in one tight loop into packed float64, so a file at the size limit reads
in seconds; the row limit is checked as they come, before the rest of the file is parsed.
"""

from __future__ import annotations

import array
import operator
from typing import Iterable

import numpy as np

from mlpviz.engine.errors import DataError

from .csv_classes import TargetColumn, read_index_column, read_target_column
from .csv_columns import ColumnRoles
from .csv_format import CsvFormat
from .csv_table import CsvTable
from .limits import MAX_ABS_VALUE, MAX_CSV_ROWS, MAX_CSV_VALUES

_COMMA_DECIMAL = str.maketrans({",": ".", ".": "!"})  # "1.5" is then not a number: one decimal mark per file
BLOCK_VALUES = 1 << 16  # numbers gathered as Python floats before they are packed into float64
LARGE_INPUT = 1e3  # inputs beyond this magnitude get a note: scale them for training to work


class RowReader:
    """The data rows of one file, read and checked as they come: numbers packed as float64, the target's cells kept."""

    def __init__(self, path, roles: ColumnRoles, fmt: CsvFormat, header_line: int) -> None:
        self.path, self.roles, self.fmt, self.header_line = path, roles, fmt, header_line
        self.width = len(roles.names)
        self.max_rows = min(MAX_CSV_ROWS, MAX_CSV_VALUES // self.width)
        self.short_width = self.width - len(roles.ignored)  # rows may leave out the empty trailing columns
        text_target = len(roles.targets) == 1
        self.number_cols = roles.index + roles.inputs + (() if text_target else roles.targets)
        self.text_col = roles.targets[0] if text_target else None
        self.blocks: list[np.ndarray] = []  # (rows, len(number_cols)) float64 each
        self.block_rows = max(1, BLOCK_VALUES // len(self.number_cols))
        self.target_cells: list[str] = []
        self.lines = array.array("q")
        self.translate = _COMMA_DECIMAL if fmt.decimal == "," else None

    def read(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        """Check and store every ``(line, cells)`` row; the first bad one raises DataError (one tight loop)."""
        width, cols, text_col, translate = self.width, self.number_cols, self.text_col, self.translate
        ignored = bool(self.roles.ignored)
        cells, lines, block, block_rows = self.target_cells, self.lines, [], self.block_rows
        pick = operator.itemgetter(*cols) if len(cols) > 1 else (lambda row: (row[cols[0]],))
        for line, row in rows:
            if len(row) != width or ignored:
                self._check_row_shape(line, row)
            if len(lines) == self.max_rows:
                raise DataError(
                    f"{self.path}: line {line}: more than {self.max_rows:,} data rows; the limit is {MAX_CSV_ROWS:,} "
                    f"rows and {MAX_CSV_VALUES:,} values ({width} columns a row)"
                )
            try:
                if translate is None:
                    block.append(list(map(float, pick(row))))
                else:
                    block.append([float(c.translate(translate)) for c in pick(row)])
            except ValueError:
                self._refuse_cell(line, row)
            if len(block) == block_rows:
                self.blocks.append(np.array(block, dtype=np.float64))
                block.clear()
            if text_col is not None:
                cells.append(row[text_col].strip())
            lines.append(line)
        if block:
            self.blocks.append(np.array(block, dtype=np.float64))

    def _check_row_shape(self, line: int, row: list[str]) -> None:
        """Rows may leave out the unnamed last columns, or leave them empty; any other shape is refused."""
        if len(row) != self.width and len(row) != self.short_width:
            raise DataError(
                f"{self.path}: line {line}: {len(row)} cell(s) but {self._first_line()} has "
                f"{self.short_width} column(s){self._separator_hint()}"
            )
        for col in self.roles.ignored[: len(row) - self.short_width]:
            if row[col].strip():
                raise DataError(
                    f"{self.path}: line {line}, column {col + 1}: a value under a column with no name; "
                    "name the column in the header"
                )

    def table(self, notes: tuple[str, ...]) -> CsvTable:
        """The checked table, once every row is read; ``notes`` come from decoding the file."""
        roles, n = self.roles, len(self.lines)
        if n == 0:
            raise DataError(f"{self.path}: the file has a header but no data rows")
        lines = np.frombuffer(self.lines, dtype=np.int64).copy()
        values = np.concatenate(self.blocks)
        self._check_values(values, lines)
        notes = list(notes)
        for k, col in enumerate(roles.index):
            notes.append(read_index_column(self.path, roles.label(col), values[:, k], lines))
        x = values[:, len(roles.index): len(roles.index) + len(roles.inputs)].copy()
        notes += _large_input_notes(roles, x)
        if roles.ignored:
            notes.append(f"column(s) {', '.join(str(c + 1) for c in roles.ignored)} have no name and no values "
                         "(a separator at the end of each line): ignored")
        if self.text_col is None:
            target = TargetColumn(values[:, len(roles.index) + len(roles.inputs):].copy())
        else:
            target = read_target_column(self.path, roles.label(self.text_col), self.target_cells, lines, self.translate)
            self._check_values(target.y, lines, (self.text_col,))
        return CsvTable(
            str(self.path), self.fmt, roles.names, tuple(roles.names[c] for c in roles.inputs),
            tuple(roles.names[c] for c in roles.targets), x, target.y, lines,
            target.labels, target.class_names, tuple(notes + list(target.notes)),
        )

    def _check_values(self, values: np.ndarray, lines: np.ndarray, cols: tuple[int, ...] | None = None) -> None:
        """Refuse the first NaN, infinity or value too large to compute with, naming its cell."""
        bad = ~(np.abs(values) <= MAX_ABS_VALUE)
        if not bad.any():
            return
        row, k = np.argwhere(bad)[0]
        col = (cols or self.number_cols)[k]
        where = f"{self.path}: line {lines[row]}, {self.roles.label(col)}"
        v = values[row, k]
        if not np.isfinite(v):
            raise DataError(f"{where}: {float(v)!r} is not a finite number")
        raise DataError(
            f"{where}: {v:g} is too large: mlpviz takes values up to ±{MAX_ABS_VALUE:g}, so that products "
            "of values stay finite; scale the column"
        )

    def _refuse_cell(self, line: int, row: list[str]) -> None:
        """Raise DataError for the first cell of ``row`` that is not a number, saying why."""
        for col in self.number_cols:
            raw = row[col]  # as converted: str.strip() removes more kinds of space than float() skips
            where = f"{self.path}: line {line}, {self.roles.label(col)}"
            if not raw.strip():
                raise DataError(f"{where}: missing value")
            try:
                float(raw if self.translate is None else raw.translate(self.translate))
            except ValueError:
                shown = raw.strip(" \t")
                raise DataError(f"{where}: {_not_a_number(shown, self.fmt, col in self.roles.index)}") from None
        raise AssertionError("a row that failed to convert has a bad cell")  # pragma: no cover

    def _first_line(self) -> str:
        return f"the header (line {self.header_line})" if self.header_line else "the first line"

    def _separator_hint(self) -> str:
        if self.width == 1:
            return "; the header is one column: are the columns separated by something else?"
        return ""


def _not_a_number(cell: str, fmt: CsvFormat, index: bool) -> str:
    """Why ``cell`` is not a number, with the fix."""
    shown = repr(cell[:40] + ("…" if len(cell) > 40 else ""))
    if index:
        return (f"{shown} is not a number: this first column has no name and is not a row number; name it in the "
                "header, or write the file without its index (pandas: to_csv(index=False))")
    if fmt.decimal == "," and "." in cell:
        return (f"{shown} is not a number with a decimal comma, as the other cells of this file are; "
                "use one decimal mark throughout, or choose the decimal point")
    if fmt.decimal == "." and fmt.delimiter != "," and "," in cell:
        return f"{shown} has a decimal comma while this file's numbers have decimal points; choose the decimal comma"
    if fmt.delimiter == "," and "," in cell:
        return (f"{shown} has a decimal comma, which a comma-separated file cannot use; save the file with "
                "semicolons between cells, or with decimal points")
    return f"{shown} is not a number (inputs must be numbers; only a single target column may hold class names)"


def _large_input_notes(roles: ColumnRoles, x: np.ndarray) -> list[str]:
    """A note for the largest input column far outside -1..1: training works best on scaled inputs."""
    if x.size == 0:
        return []
    biggest = np.abs(x).max(axis=0)
    k = int(np.argmax(biggest))
    if biggest[k] <= LARGE_INPUT:
        return []
    return [f"input {roles.names[roles.inputs[k]]!r} reaches {biggest[k]:,.6g}: scale the inputs to about -1..1 "
            "(e.g. standardise each column), or training will be slow or diverge"]
