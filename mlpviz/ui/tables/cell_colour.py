"""Cell colours on the canvas's diverging scale, as cached QColors for the table models.

The scale itself belongs to the canvas (``mlpviz.ui.canvas.colormap.value_to_rgb``);
this module only adapts it to table cells: a QColor per quantised level, and a text
colour that stays readable on it.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

LEVELS = 64  # quantisation of |value|/limit per sign: enough for a table, and cacheable

try:  # the canvas's scale, when it is there
    from mlpviz.ui.canvas.colormap import value_to_rgb as _canvas_value_to_rgb
except ImportError:  # pragma: no cover - only while the canvas is being written
    _canvas_value_to_rgb = None


def _fallback_rgb(t: float) -> tuple[int, int, int]:
    """Temporary diverging scale for ``t`` in [-1, 1]: orange below 0, white at 0, blue above."""
    t = max(-1.0, min(1.0, t))
    end = (245, 130, 32) if t < 0 else (33, 102, 172)
    k = abs(t)
    return tuple(round(255 + (e - 255) * k) for e in end)


def _rgb(t: float) -> tuple[int, int, int]:
    if _canvas_value_to_rgb is not None:
        rgb = _canvas_value_to_rgb(t, 1.0)
        return tuple(int(c) for c in rgb[:3])
    return _fallback_rgb(t)


_CACHE: dict[int, tuple[QColor, QColor]] = {}


def cell_colours(value: float, limit: float) -> tuple[QColor, QColor] | None:
    """``(background, text)`` colours of a cell holding ``value`` on a scale of ±``limit``."""
    if not math.isfinite(value) or not limit > 0:
        return None
    level = round(max(-1.0, min(1.0, value / limit)) * LEVELS)
    pair = _CACHE.get(level)
    if pair is None:
        r, g, b = _rgb(level / LEVELS)
        luminance = 0.299 * r + 0.587 * g + 0.114 * b
        pair = (QColor(r, g, b), QColor(255, 255, 255) if luminance < 128 else QColor(0, 0, 0))
        _CACHE[level] = pair
    return pair
