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

from .csv_classes import MISSING, TargetColumn, missing_value, read_index_column, read_target_column
from .csv_columns import ColumnRoles
from .csv_format import CsvFormat
from .csv_table import CsvTable
from mlpviz.engine.data_values import value_problem
from mlpviz.i18n import msg
from .limits import MAX_ABS_VALUE, MAX_CSV_CLASSES, MAX_CSV_ROWS, MAX_CSV_VALUES

COMMA_DECIMAL = str.maketrans({",": ".", ".": "!"})  # "1.5" is then not a number: one decimal mark per file
BLOCK_VALUES = 1 << 16  # numbers gathered as Python floats before they are packed into float64
BOOLEANS = {"True": 1.0, "False": 0.0, "TRUE": 1.0, "FALSE": 0.0, "true": 1.0, "false": 0.0}
LARGE_INPUT = 1e3  # inputs beyond this magnitude get a note: scale them for training to work


class RowReader:
    """The data rows of one file, read and checked as they come: numbers packed as float64, the target's cells kept."""

    def __init__(self, path, roles: ColumnRoles, fmt: CsvFormat, header_line: int,
                 text_inputs: tuple[int, ...] = ()) -> None:
        """``text_inputs``: input columns of text, kept as text and one-hot encoded (``csv_text_inputs``)."""
        self.path, self.roles, self.fmt, self.header_line = path, roles, fmt, header_line
        self.width = len(roles.names)
        self.max_rows = min(MAX_CSV_ROWS, MAX_CSV_VALUES // self.width)
        self.short_width = self.width - len(roles.ignored)  # rows may leave out the empty trailing columns
        text_target = len(roles.targets) == 1
        self.number_inputs = tuple(c for c in roles.inputs if c not in text_inputs)
        self.number_cols = roles.index + self.number_inputs + (() if text_target else roles.targets)
        self.text_col = roles.targets[0] if text_target else None
        self.text_inputs = tuple(c for c in roles.inputs if c in text_inputs)
        self.text_cells: dict[int, list[str]] = {c: [] for c in self.text_inputs}
        self.boolean_cols: set[int] = set()
        self.blocks: list[np.ndarray] = []  # (rows, len(number_cols)) float64 each
        self.block_rows = max(1, BLOCK_VALUES // max(1, len(self.number_cols)))
        self.target_cells: list[str] = []
        self.lines = array.array("q")
        self.translate = COMMA_DECIMAL if fmt.decimal == "," else None

    def read(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        """Check and store every ``(line, cells)`` row; the first bad one raises DataError (one tight loop)."""
        width, cols, text_col, translate = self.width, self.number_cols, self.text_col, self.translate
        ignored = bool(self.roles.ignored)
        cells, lines, block, block_rows = self.target_cells, self.lines, [], self.block_rows
        pick = operator.itemgetter(*cols) if len(cols) > 1 else (lambda row: tuple(row[c] for c in cols))
        texts = [(col, self.text_cells[col]) for col in self.text_inputs]
        for line, row in rows:
            if len(row) != width or ignored:
                self._check_row_shape(line, row)
            if len(lines) == self.max_rows:
                raise DataError(
                    msg("{path}: line {line}: more than {max_rows:,} data rows; the limit is {max_csv_rows:,} rows and {max_csv_values:,} values ({width} columns a row)", path=self.path, line=line, max_rows=self.max_rows, max_csv_rows=MAX_CSV_ROWS, max_csv_values=MAX_CSV_VALUES, width=width)
                )
            try:
                if translate is None:
                    block.append(list(map(float, pick(row))))
                else:
                    block.append([float(c.translate(translate)) for c in pick(row)])
            except ValueError:
                block.append(self._convert_slowly(line, row))
            for col, kept in texts:
                kept.append(row[col].strip())
            if len(block) == block_rows:
                self.blocks.append(np.array(block, dtype=np.float64))
                block.clear()
            if text_col is not None:
                cells.append(row[text_col].strip())
            lines.append(line)
        if block:
            self.blocks.append(np.array(block, dtype=np.float64).reshape(len(block), len(cols)))

    def _convert_slowly(self, line: int, row: list[str]) -> list[float]:
        """A row with a cell float() refuses: booleans in inputs become 1/0 (noted); anything else is refused."""
        values = []
        for col in self.number_cols:
            raw = row[col]
            try:
                values.append(float(raw if self.translate is None else raw.translate(self.translate)))
                continue
            except ValueError:
                pass
            cell = raw.strip()
            if cell in BOOLEANS and col not in self.roles.index:
                self.boolean_cols.add(col)
                values.append(BOOLEANS[cell])
                continue
            self._refuse_cell(line, row)
        return values

    def _check_row_shape(self, line: int, row: list[str]) -> None:
        """Rows may leave out the unnamed last columns, or leave them empty; any other shape is refused."""
        if len(row) != self.width and len(row) != self.short_width:
            raise DataError(
                msg("{path}: line {line}: {n_row} cell(s) but {value} has {short_width} column(s){value2}", path=self.path, line=line, n_row=len(row), value=self._first_line(), short_width=self.short_width, value2=self._separator_hint())
            )
        for col in self.roles.ignored[: len(row) - self.short_width]:
            if row[col].strip():
                raise DataError(
                    msg("{path}: line {line}, column {value}: a value under a column with no name; name the column in the header", path=self.path, line=line, value=col + 1)
                )

    def table(self, notes: tuple[str, ...]) -> CsvTable:
        """The checked table, once every row is read; ``notes`` come from decoding the file."""
        roles, n = self.roles, len(self.lines)
        if n == 0:
            raise DataError(msg("{path}: the file has a header but no data rows", path=self.path))
        lines = np.frombuffer(self.lines, dtype=np.int64).copy()
        values = np.concatenate(self.blocks)
        self._check_values(values, lines)
        notes = list(notes)
        for k, col in enumerate(roles.index):
            notes.append(read_index_column(self.path, roles.label(col), values[:, k], lines))
        x, input_names, encoded = self._inputs(values, lines)
        notes += encoded + _large_input_notes(input_names, x)
        if self.boolean_cols:
            notes.append(str(msg("{columns} hold True/False: read as 1/0", columns=_columns(roles, self.boolean_cols))))
        if roles.ignored:
            notes.append(str(msg("column(s) {columns} have no name and no values (a separator at the end of each "
                                 "line): ignored", columns=", ".join(str(c + 1) for c in roles.ignored))))
        if self.text_col is None:
            target = TargetColumn(values[:, len(roles.index) + len(self.number_inputs):].copy())
        else:
            target = read_target_column(self.path, roles.label(self.text_col), self.target_cells, lines, self.translate)
            self._check_values(target.y, lines, (self.text_col,))
        return CsvTable(
            str(self.path), self.fmt, roles.names, input_names,
            tuple(roles.names[c] for c in roles.targets), x, target.y, lines,
            target.labels, target.class_names, tuple(notes + list(target.notes)),
        )

    def _inputs(self, values: np.ndarray, lines: np.ndarray) -> tuple[np.ndarray, tuple[str, ...], list[str]]:
        """The input columns in file order, text columns one-hot encoded; their names; a note per encoded column."""
        roles = self.roles
        first = len(roles.index)
        position = {col: first + k for k, col in enumerate(self.number_inputs)}
        parts, names, notes = [], [], []
        for col in roles.inputs:
            if col in position:
                parts.append(values[:, position[col]: position[col] + 1])
                names.append(roles.names[col])
                continue
            columns, categories = one_hot_column(self.path, roles.label(col), self.text_cells[col], lines)
            parts.append(columns)
            names += [f"{roles.names[col]}={category}" for category in categories]
            notes.append(str(msg("{label} holds text: one-hot encoded as {n} column(s) of 0/1 ({categories})",
                                 label=roles.label(col), n=len(categories),
                                 categories=", ".join(categories[:6]) + (", …" if len(categories) > 6 else ""))))
        x = np.hstack(parts) if parts else np.zeros((values.shape[0], 0))
        return x, tuple(names), notes

    def _check_values(self, values: np.ndarray, lines: np.ndarray, cols: tuple[int, ...] | None = None) -> None:
        """Refuse the first NaN, infinity or value too large to compute with, naming its cell."""
        bad = ~(np.abs(values) <= MAX_ABS_VALUE)
        if not bad.any():
            return
        row, k = np.argwhere(bad)[0]
        col = (cols or self.number_cols)[k]
        where = str(msg("{path}: line {lines}, {label}", path=self.path, lines=lines[row], label=self.roles.label(col)))
        v = values[row, k]
        if np.isnan(v):
            raise DataError(msg("{where}: {value}", where=where, value=missing_value("NaN")))
        if not np.isfinite(v):
            raise DataError(msg("{where}: {value} is not a finite number", where=where, value=repr(float(v))))
        raise DataError(msg("{where}: {value}; scale the column", where=where, value=value_problem(float(v))))

    def _refuse_cell(self, line: int, row: list[str]) -> None:
        """Raise DataError for the first cell of ``row`` that is not a number, saying why."""
        for col in self.number_cols:
            raw = row[col]  # as converted: str.strip() removes more kinds of space than float() skips
            where = str(msg("{path}: line {lines}, {label}", path=self.path, lines=line, label=self.roles.label(col)))
            if not raw.strip() or raw.strip() in MISSING:
                raise DataError(msg("{where}: {value}", where=where, value=missing_value(raw.strip())))
            try:
                float(raw if self.translate is None else raw.translate(self.translate))
            except ValueError:
                if raw.strip() in BOOLEANS and col not in self.roles.index:
                    continue
                shown = raw.strip(" \t")
                raise DataError(f"{where}: {_not_a_number(shown, self.fmt, col in self.roles.index)}") from None
        raise AssertionError(msg("a row that failed to convert has a bad cell"))  # pragma: no cover

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
    return (f"{shown} is not a number; if this input column holds text (categories), one-hot encode the text input "
            "columns (One-hot encode text columns in the import preview, --one-hot in mlpviz train), or choose the "
            "column as the target")


def _large_input_notes(names: tuple[str, ...], x: np.ndarray) -> list[str]:
    """A note for the largest input column far outside -1..1: training works best on scaled inputs."""
    if x.size == 0:
        return []
    biggest = np.abs(x).max(axis=0)
    k = int(np.argmax(biggest))
    if biggest[k] <= LARGE_INPUT:
        return []
    return [str(msg("input {name} reaches {value:,.6g}: standardize the inputs (Standardize inputs in the import "
                    "preview, --standardize in mlpviz train), or training will be slow or diverge",
                    name=repr(names[k]), value=biggest[k]))]


def one_hot_column(path, label: str, cells: list[str], lines: np.ndarray) -> tuple[np.ndarray, tuple[str, ...]]:
    """A text column's cells as one 0/1 column per category (sorted), ``(N, k)``, and the categories."""
    for i, cell in enumerate(cells):
        if not cell or cell in MISSING:
            raise DataError(msg("{path}: line {lines}, {label}: {value}", path=path, lines=lines[i], label=label, value=missing_value(cell)))
    categories = sorted(set(cells))
    if len(categories) > MAX_CSV_CLASSES:
        raise DataError(msg("{path}: {label} holds {n_categories:,} different texts, more than the {max_csv_classes} a column may have to be one-hot encoded; is it an input?", path=path, label=label, n_categories=len(categories), max_csv_classes=MAX_CSV_CLASSES))
    number = {category: k for k, category in enumerate(categories)}
    codes = np.fromiter((number[c] for c in cells), dtype=np.int64, count=len(cells))
    encoded = np.zeros((len(cells), len(categories)))
    encoded[np.arange(len(cells)), codes] = 1.0
    return encoded, tuple(categories)


def _columns(roles: ColumnRoles, cols, most: int = 3) -> str:
    """``'column 2 (a), column 3 (b)'``, or the first ``most`` of them and how many more."""
    cols = sorted(cols)
    shown = ", ".join(roles.label(c) for c in cols[:most])
    return shown + (f" and {len(cols) - most} more columns" if len(cols) > most else "")


def text_input_columns(roles: ColumnRoles, rows: list[list[str]], translate) -> tuple[int, ...]:
    """The input columns of ``rows`` (a sample of the file) holding text: neither numbers, booleans nor missing."""
    found = []
    for col in roles.inputs:
        for row in rows:
            cell = row[col].strip() if col < len(row) else ""
            if cell and cell not in BOOLEANS and cell not in MISSING and not _is_number(cell, translate):
                found.append(col)
                break
    return tuple(found)


def _is_number(cell: str, translate) -> bool:
    try:
        float(cell if translate is None else cell.translate(translate))
    except ValueError:
        return False
    return True
