"""How a CSV file is written: its separator, decimal mark and encoding, detected from its first lines or given.

The separator is the one of ``,`` ``;`` tab ``|`` that splits the first lines (up to
50 lines or 64 KB) into the same number of cells, more than one; when several do, the
one giving the most cells (then in that order). The decimal mark is a comma only with
another separator, when more sample cells are numbers with a decimal comma (``0,5``)
than with a decimal point (``0.5``), as German or French Excel writes them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

from .text_decoding import ENCODING_TITLES

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
DECIMALS = {".": "point", ",": "comma"}
_DELIMITER_TITLES = {",": msg("comma"), ";": msg("semicolon"), "\t": msg("tab"), "|": msg("vertical bar")}
_DECIMAL_TITLES = {".": msg("point"), ",": msg("comma")}  # in the user's language (describe)
SAMPLE_CHARS = 64 * 1024
SAMPLE_ROWS = 50

_COMMA_NUMBER = re.compile(r"^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$")
_POINT_NUMBER = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$")
_DELIMITER_WORDS = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|", "vertical bar": "|"}
_DECIMAL_WORDS = {"point": ".", "dot": ".", "comma": ","}


@dataclass(frozen=True)
class CsvFormat:
    """A CSV file's separator (one of DELIMITERS), decimal mark (``.`` or ``,``) and codec name."""

    delimiter: str
    decimal: str
    encoding: str

    def describe(self) -> str:
        """E.g. ``'semicolon separators, decimal comma, Windows-1252'``."""
        return str(msg("{delimiter} separators, decimal {decimal}, {encoding}",
                       delimiter=str(_DELIMITER_TITLES[self.delimiter]), decimal=str(_DECIMAL_TITLES[self.decimal]),
                       encoding=ENCODING_TITLES.get(self.encoding, self.encoding)))


def reader(text: str, delimiter: str):
    """A ``csv.reader`` over ``text`` with any line ending; spaces before a quoted cell are skipped."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)


def detect_delimiter(text: str) -> str:
    """The separator of ``text`` by the rule in this module's docstring; ``,`` when no rule applies."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    counts = {d: _cell_counts(sample, d) for d in DELIMITERS}
    consistent = [d for d, c in counts.items() if c and c[0] > 1 and len(set(c)) == 1]
    if consistent:
        return max(consistent, key=lambda d: counts[d][0])  # max keeps the first of equals
    header_cells = {d: c[0] for d, c in counts.items() if c and c[0] > 1}
    return max(header_cells, key=header_cells.get) if header_cells else ","


def detect_decimal(rows: list[list[str]], delimiter: str) -> str:
    """``,`` when the data cells of ``rows`` have more decimal commas than decimal points (never with ``,`` separators)."""
    if delimiter == ",":
        return "."
    commas = points = 0
    for row in rows:
        for cell in row:
            cell = cell.strip()
            commas += bool(_COMMA_NUMBER.match(cell))
            points += bool(_POINT_NUMBER.match(cell))
    return "," if commas > points else "."


def parse_delimiter(path, value: str) -> str:
    """A separator given by the user as a character (``;``) or a word (``tab``, ``semicolon``)."""
    delimiter = _DELIMITER_WORDS.get(value.strip().lower(), value) if value.strip() else value
    if delimiter not in DELIMITERS:
        raise DataError(
            f"{path}: unknown separator {value!r}; choose one of "
            + ", ".join(f"{name} ({d!r})" for d, name in DELIMITERS.items())
        )
    return delimiter


def parse_decimal(path, value: str, delimiter: str) -> str:
    """A decimal mark given by the user (``.``, ``,``, ``point`` or ``comma``) that fits ``delimiter``."""
    decimal = _DECIMAL_WORDS.get(value.strip().lower(), value.strip())
    if decimal not in DECIMALS:
        raise DataError(msg("{path}: unknown decimal mark {value}; choose '.' (point) or ',' (comma)", path=path, value=repr(value)))
    if decimal == delimiter:
        raise DataError(
            msg("{path}: a decimal comma needs another separator (semicolon or tab): with commas between cells, 0,5 would be two cells", path=path)
        )
    return decimal


def _cell_counts(sample: str, delimiter: str) -> list[int]:
    """Cells per non-blank row of the first SAMPLE_ROWS rows of ``sample``; [] when it is not CSV this way."""
    counts = []
    try:
        for row in reader(sample, delimiter):
            if any(cell.strip() for cell in row):
                counts.append(len(row))
                if len(counts) == SAMPLE_ROWS:
                    break
    except csv.Error:
        return []
    return counts
