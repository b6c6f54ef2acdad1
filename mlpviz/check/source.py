"""The learner's code as cells to run: a ``.py`` file, a Jupyter ``.ipynb`` or a notebook saved as text.

A text notebook (like the seed) has ``In [n]:`` lines before each cell's code and printed
output after it; the code of a cell is its longest start that compiles. IPython lines
(``%magic``, ``!shell``) are skipped. Imports nothing but the standard library, so the
learner's process starts quickly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from mlpviz.i18n import msg

_IN_PROMPT = re.compile(r"^In \[[ 0-9]*\]:\s*$")
_OUT_PROMPT = re.compile(r"^Out\[[ 0-9]*\]:")


@dataclass(frozen=True)
class Cell:
    """One piece of the learner's code and the name tracebacks give it (``notebook.txt, In [8]``)."""

    name: str
    code: str


class SourceError(ValueError):
    """The learner's file cannot be read as code."""


def read_cells(path: str | Path) -> list[Cell]:
    """The code cells of the learner's file, in order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(msg("{name} is not UTF-8 text; save it as UTF-8", name=path.name)) from None
    if path.suffix.lower() == ".ipynb":
        return _ipynb_cells(path, text)
    lines = text.splitlines()
    if any(_IN_PROMPT.match(line) for line in lines):
        return _text_notebook_cells(path, lines)
    return [Cell(str(path), text)]


def _without_magics(lines: list[str]) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)


def _ipynb_cells(path: Path, text: str) -> list[Cell]:
    try:
        cells = json.loads(text)["cells"]
    except (ValueError, KeyError, TypeError):
        raise SourceError(msg("{name} is not a Jupyter notebook (no list of cells in its JSON)", name=path.name)) from None
    out = []
    for i, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        count = cell.get("execution_count")
        label = f"In [{count}]" if count is not None else f"cell {i + 1}"
        out.append(Cell(f"{path}, {label}", _without_magics(source.splitlines())))
    return out


def _text_notebook_cells(path: Path, lines: list[str]) -> list[Cell]:
    cells, label, block = [], None, []
    for line in lines + ["In [ ]:"]:
        if _IN_PROMPT.match(line):
            if label is not None:
                cells.append(Cell(f"{path}, {label}", _code_part(block)))
            label, block = line.rstrip().rstrip(":"), []
        elif label is not None:
            block.append(line)
    return cells


def _code_part(block: list[str]) -> str:
    """The longest start of ``block`` that compiles: the cell's code, without the output printed after it."""
    for i, line in enumerate(block):
        if _OUT_PROMPT.match(line):
            block = block[:i]
            break
    for end in range(len(block), 0, -1):
        if end < len(block) and block[end].strip() and block[end - 1].strip():
            continue  # cut only at a blank line or the end
        code = _without_magics(block[:end])
        try:
            compile(code, "<cell>", "exec")
        except SyntaxError:
            continue
        return code
    return _without_magics(block)
