"""How mlpviz writes a CSV line: numbers bit-exact, text quoted and never a spreadsheet formula.

A name (a data file's path, a class) that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be run by a spreadsheet as a formula, and one holding a comma or a
newline would make new cells and rows. As OWASP's "CSV injection" advises, such a text cell
gets a leading ``'`` and every cell that needs it is quoted. Every CSV mlpviz writes goes through here.
"""

from __future__ import annotations

import json
import math

# what makes a spreadsheet read a cell as a formula (the full-width forms too)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def text_cell(text: str) -> str:
    """``text`` as a cell a spreadsheet shows literally (quoting is left to ``csv_lines``)."""
    return "'" + text if text.lstrip(" \n")[:1] in FORMULA_STARTS or text[:1] in FORMULA_STARTS else text


def cell(value) -> str:
    """A number written bit-exact (``repr``), anything else as a neutralised text cell."""
    if isinstance(value, bool) or value is None:
        return text_cell("" if value is None else str(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    return text_cell(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def quoted(text: str) -> str:
    """A cell quoted when it holds a separator, a quote or a line break (quotes doubled)."""
    if any(c in text for c in ',"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_lines(rows) -> str:
    """The rows (each a sequence of numbers and texts) as CSV text, ``\\n`` line ends."""
    return "".join(",".join(map(_field, row)) + "\n" for row in rows)


def _field(value) -> str:
    if type(value) is float and math.isfinite(value):  # most cells: the fast way
        return repr(value)
    return quoted(cell(value))
