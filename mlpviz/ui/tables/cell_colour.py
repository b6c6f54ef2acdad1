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

