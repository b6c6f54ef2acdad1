"""Cell colours on the canvas's diverging scale, as cached QColors for the table models.

The scale itself belongs to the canvas (``mlpviz.ui.canvas.colormap``); this module only
adapts it to table cells: a QColor per quantised level, and a text colour readable on it.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

from mlpviz.ui.canvas.colormap import text_is_dark, value_to_rgb

LEVELS = 64  # quantisation of value/limit per sign: plenty for a table, and cacheable

_BLACK, _WHITE = QColor(0, 0, 0), QColor(255, 255, 255)
_CACHE: dict[int, tuple[QColor, QColor]] = {}


def cell_colours(value: float, limit: float) -> tuple[QColor, QColor] | None:
    """``(background, text)`` colours of a cell holding ``value`` on a scale of ±``limit``."""
    if not math.isfinite(value) or not limit > 0:
        return None
    level = round(max(-1.0, min(1.0, value / limit)) * LEVELS)
    pair = _CACHE.get(level)
    if pair is None:
        rgb = value_to_rgb(level / LEVELS, 1.0)
        r, g, b = (int(c) for c in rgb)
        pair = (QColor(r, g, b), _BLACK if bool(text_is_dark(rgb)) else _WHITE)
        _CACHE[level] = pair
    return pair



ASKED = "?"  # what a cell shows in place of the number a quiz question asks for
_ASKED_COLOURS: tuple[QColor, QColor] | None = None


def asked_colours() -> tuple[QColor, QColor]:
    """Background and text of the cell a quiz question hides: it must stand out."""
    global _ASKED_COLOURS
    if _ASKED_COLOURS is None:
        _ASKED_COLOURS = (QColor(255, 214, 0), _BLACK)
    return _ASKED_COLOURS
