"""A CSV file read as spreadsheets and pandas write it: ``read_csv_table(path) -> CsvTable``.

The encoding, separator and decimal mark are detected (``text_decoding``, ``csv_format``)
unless given; the columns get their roles from the header (``csv_columns``); then every
row is read and checked (``csv_rows``), and a target column of classes is recognised
(``csv_classes``). Limits are checked before the expensive work. Every refusal raises
DataError naming the file, the line and the column; nothing is returned until the whole
file has been checked.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
from dataclasses import dataclass
from typing import Sequence

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

from .csv_columns import column_roles
from .csv_header import missing_header_hint, read_header
from .csv_format import SAMPLE_ROWS, CsvFormat, detect_decimal, detect_delimiter, parse_decimal, parse_delimiter, reader
from .csv_rows import COMMA_DECIMAL, RowReader, text_input_columns
from .csv_table import CsvTable
from .limits import MAX_CSV_BYTES, MAX_CSV_COLUMNS, read_bytes
from .text_decoding import DecodedText, decode_text


def read_csv_table(
    path,
    *,
    target: str | Sequence[str] | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    one_hot: bool = False,
) -> CsvTable:
    """Read and check the CSV file at ``path``; each of ``target``, ``delimiter``, ``decimal``, ``encoding``
    overrides what would be detected (``target`` names the target column, or several). ``one_hot``
    encodes input columns of text (found in the first rows) as one 0/1 column per category."""
    if delimiter is not None:
        delimiter = parse_delimiter(path, delimiter)
    if decimal is not None:
        decimal = parse_decimal(path, decimal, delimiter or ";")
    decoded = read_text(path, encoding)
    if delimiter is None:
        delimiter = detect_delimiter(decoded.text)
    rows = _rows(path, decoded.text, delimiter)
    header_line, first = next(rows, (0, None))
    if first is None:
        raise DataError(msg("{path}: the file has no header row and no data", path=path))
    if len(first) > MAX_CSV_COLUMNS:
        # refused at once, before anything is read
        column_roles(str(msg("{path}: line {line}", path=path, line=header_line)), first, target)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    header = read_header(first, [row for _, row in sample])
    if header.skip_first and not header.generated:  # scikit-learn's description line, then the header
        header_line, sample = sample[0][0], sample[1:]
    if header.first_is_data:
        sample.insert(0, (header_line, first))
        header_line = 0
    where = str(msg("{path}: line {line}", path=path, line=header_line)) if header_line else f"{path}"
    chosen = target if target is not None else header.target
    if chosen is None and header.generated:
        raise DataError(f"{path}: {missing_header_hint(header.names)}")
    roles = column_roles(where, list(header.names), chosen)
    if decimal is None:
        decimal = detect_decimal([row[1] for row in sample], delimiter)
    elif decimal == delimiter:
        raise DataError(msg("{path}: the file's separator is a comma, so its decimal mark cannot be one; choose the decimal point, or another separator", path=path))
    fmt = CsvFormat(delimiter, decimal, decoded.encoding)
    text_inputs = text_input_columns(roles, [row for _, row in sample], _translation(decimal)) if one_hot else ()
    reading = RowReader(path, roles, fmt, header_line, text_inputs)
    reading.read(itertools.chain(sample, rows))
    table = reading.table(decoded.notes + ((header.note,) if header.note else ()))
    return _named_by_description(table, header)


def _translation(decimal: str):
    return COMMA_DECIMAL if decimal == "," else None


def _named_by_description(table: CsvTable, header) -> CsvTable:
    """scikit-learn's first line names the classes 0..k-1 of the target column: keep those names."""
    names = header.class_names
    if not names or table.labels is None or table.target_names != (header.target,):
        return table
    if table.n_classes != len(names):
        return table
    return dataclasses.replace(table, class_names=names)


@dataclass(frozen=True)
class CsvPeek:
    """The start of a CSV file: its first lines as text, its separator and codec, and its header's names."""

    lines: tuple[str, ...]
    delimiter: str
    encoding: str
    columns: tuple[str, ...]
    notes: tuple[str, ...] = ()


def peek_csv(path, *, delimiter: str | None = None, encoding: str | None = None, n_lines: int = 20) -> CsvPeek:
    """A look at the file before reading it (for an import preview): raises DataError only when it is not text."""
    decoded = read_text(path, encoding)
    delimiter = detect_delimiter(decoded.text) if delimiter is None else parse_delimiter(path, delimiter)
    lines = tuple(decoded.text[: 200 * n_lines].splitlines()[:n_lines])
    try:
        rows = _rows(path, decoded.text, delimiter)
        _, first = next(rows, (0, []))
        header = read_header(first, [row for _, row in itertools.islice(rows, 5)]).names
    except DataError:
        header = ()
    columns = tuple(cell.strip() for cell in header[:MAX_CSV_COLUMNS])
    return CsvPeek(lines, delimiter, decoded.encoding, columns, decoded.notes)


def read_text(path, encoding: str | None = None) -> DecodedText:
    """The text of the file at ``path`` after its size check, decoded as ``encoding`` or as detected."""
    return decode_text(read_bytes(path, DataError, MAX_CSV_BYTES, "CSV file"), path, encoding)


def _rows(path, text: str, delimiter: str):
    """``(line, cells)`` of every non-blank row; a CSV syntax error names its line."""
    rows = reader(text, delimiter)
    try:
        for row in rows:
            if row and (row[0].strip() or any(cell.strip() for cell in row)):
                yield rows.line_num, row
    except csv.Error as exc:
        raise DataError(msg("{path}: line {line_num}: not valid CSV ({exc})", path=path, line_num=rows.line_num, exc=exc)) from None


