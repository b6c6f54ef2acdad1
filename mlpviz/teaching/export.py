"""Write a worked step to a file in the format its suffix (or ``fmt``) names, atomically."""

from __future__ import annotations

from pathlib import Path

from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg
from mlpviz.io import atomic_write_text

from .write_html import html
from .write_latex import latex
from .write_markdown import markdown
from .worked_step import WorkedStep

WRITERS = {"md": markdown, "tex": latex, "html": html}
SUFFIXES = {".md": "md", ".markdown": "md", ".tex": "tex", ".html": "html", ".htm": "html"}


def format_for(path, fmt: str | None = None) -> str:
    """``fmt`` if given, else the format named by ``path``'s suffix; MlpvizError if neither names one."""
    if fmt is not None:
        if fmt not in WRITERS:
            raise MlpvizError(msg("unknown format {fmt}; choose one of {items}", fmt=repr(fmt), items=', '.join(WRITERS)))
        return fmt
    try:
        return SUFFIXES[Path(path).suffix.lower()]
    except KeyError:
        raise MlpvizError(msg("{path}: cannot tell the format from the suffix; use .md, .tex or .html", path=path)) from None


def write_worked_step(path, doc: WorkedStep, fmt: str | None = None) -> str:
    """Write ``doc`` to ``path``; returns the format used."""
    fmt = format_for(path, fmt)
    atomic_write_text(path, WRITERS[fmt](doc), MlpvizError)
    return fmt
