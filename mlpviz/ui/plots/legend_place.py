"""Where the loss plot's legend goes: a corner of the view with no point, line or mark under it.

Presenting Iris at 1024×768 after one step, the train loss sat under "train  test" at the top right.
The legend now takes the first free corner (the one it is in first, so it does not hop about during
Run); when none is free it stays at the top right and the y range's top is raised to clear it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg

from .axis_range import top_clear_of

EDGE = 10  # pixels between the legend and the view's edges
CORNERS = {"top-right": (-EDGE, EDGE), "top-left": (EDGE, EDGE), "bottom-right": (-EDGE, -EDGE),
           "bottom-left": (EDGE, -EDGE)}  # pyqtgraph's legend offsets: the sign picks the corner


@dataclass(frozen=True)
class Drawn:
    """Something drawn in the view, in its coordinates: from ``left`` to ``right`` at ``y``, reaching ``up`` and
    ``down`` pixels from it and ``side`` pixels to either side; a ``line`` (a curve: ``left`` = ``right``, sorted)
    also between its points."""

    left: np.ndarray
    right: np.ndarray
    y: np.ndarray
    up: float
    down: float
    side: float = 0.0
    line: bool = False

    @staticmethod
    def curve(xs, ys, pen: float = 5.0) -> "Drawn":
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        return Drawn(xs, xs, ys, pen, pen, pen, line=True)

    @staticmethod
    def points(xs, ys, radius: float) -> "Drawn":
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        return Drawn(xs, xs, ys, radius, radius, radius)


def corner_box(corner: str, size: tuple[float, float], view: tuple[float, float]) -> tuple[float, float, float, float]:
    """The legend's box (left, top, right, bottom) in pixels from the view's top left, in ``corner``."""
    (w, h), (width, height) = size, view
    left = width - EDGE - w if corner.endswith("right") else EDGE
    top = EDGE if corner.startswith("top") else height - EDGE - h
    return left, top, left + w, top + h


def covers(box, drawn: Drawn, x_range, y_range, view: tuple[float, float]) -> bool:
    """Whether ``box`` (pixels) lies over any of ``drawn`` with the view showing ``x_range`` × ``y_range``."""
    (x0, x1), (y0, y1), (width, height) = x_range, y_range, view
    if x1 <= x0 or y1 <= y0:
        return False
    px = lambda v: (np.asarray(v, dtype=np.float64) - x0) * width / (x1 - x0)
    py = (y1 - np.asarray(drawn.y, dtype=np.float64)) * height / (y1 - y0)
    left, top, right, bottom = box
    left, right = left - drawn.side, right + drawn.side
    if drawn.line:
        xs, ok = px(drawn.left), np.isfinite(py)
        xs, py = xs[ok], py[ok]
        if not xs.size:
            return False
        inside = py[(xs >= left) & (xs <= right)]
        ends = [np.interp(e, xs, py) for e in (left, right) if xs[0] <= e <= xs[-1]]  # where the line enters, leaves
        ys = np.concatenate((inside, ends))
        return bool(ys.size) and ys.min() - drawn.up < bottom and ys.max() + drawn.down > top
    a, b = px(drawn.left), px(drawn.right)
    hit = (a < right) & (b > left) & (py - drawn.up < bottom) & (py + drawn.down > top)
    return bool(np.any(hit & np.isfinite(py)))


class LegendPlacer:
    """Lays out ``item``'s legend: its names side by side when they fit across the view, and in a free corner."""

    def __init__(self, item: pg.PlotItem) -> None:
        self.item = item
        self.corner = "top-right"
        if item.legend is not None:  # Qt's 9 px around its one row made it 40 px tall: a third of a 1024×768 panel
            item.legend.layout.setContentsMargins(4, 1, 4, 1)

    def _view(self) -> tuple[float, float]:
        return self.item.vb.width(), self.item.vb.height()

    def fit_columns(self) -> None:
        """One column when the names do not fit side by side: presenting in Chinese at 1024×768, the pair ran past
        the view's left edge, over the loss axis's numbers."""
        legend, (width, _height) = self.item.legend, self._view()
        if legend is None or width < 1:
            return
        across = sum(sample.width() + label.width() + 6 for sample, label in legend.items)  # its layout's 3 px gaps
        columns = 2 if across <= width - 2 * EDGE else 1
        if columns != legend.columnCount:
            legend.setColumnCount(columns)

    def place(self, x_range, y_range, drawn: list[Drawn]) -> tuple[float, float]:
        """Put the legend in a corner clear of ``drawn``, and return the y range: ``y_range``, or with its top raised
        to clear the top right when no corner is free. A view too short for that (over LEGEND_SHARE of its height;
        the desktop's loss panel in Chinese after a refused step) shows no legend rather than one over the points."""
        legend, view = self.item.legend, self._view()
        if legend is None or min(view) < 1:
            return y_range
        size = (legend.width(), legend.height())
        free = lambda c: not any(covers(corner_box(c, size, view), d, x_range, y_range, view) for d in drawn)
        order = [self.corner] + [c for c in CORNERS if c != self.corner]
        corner = next((c for c in order if free(c)), None)
        shown = True
        if corner is None:
            corner = "top-right"
            left, _top, _right, bottom = corner_box(corner, size, view)
            per_px = (x_range[1] - x_range[0]) / view[0]
            top = top_clear_of(y_range, bottom + 3, view[1], x_range[0] + left * per_px,
                               [(d.left - d.side * per_px, d.right + d.side * per_px, d.y, d.up) for d in drawn])
            shown = top > y_range[1]
            if shown:  # and a little more, so the next few steps keep the range
                y_range = (y_range[0], top + 0.05 * (top - y_range[0]))
        if corner != self.corner:
            self.corner = corner
            legend.setOffset(CORNERS[corner])
        legend.setVisible(shown)
        return y_range
