"""The nodes: one ScatterPlotItem whose fills come from a fixed palette of reused QBrushes.

ScatterPlotItem caches each symbol per (pen, brush) pair; new QBrush objects every frame
defeat that cache (57 ms vs 4 ms at 1,000 nodes, issue 4), so a frame only picks indices
into ``PALETTE_SIZE`` brushes made once. Sizes are in view units so nodes zoom with the view.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QBrush, QColor, QPen

from .colormap import PALETTE_SIZE, palette_index, palette_rgb

EMPTY_COLOUR = QColor(236, 236, 236)  # a node whose value this phase has not reached yet
OUTLINE = QColor(70, 70, 70)


def palette_brushes() -> list[QBrush]:
    """The ``PALETTE_SIZE`` brushes of the diverging map, plus the 'no value yet' brush last."""
    brushes = [QBrush(QColor(int(r), int(g), int(b))) for r, g, b in palette_rgb(PALETTE_SIZE)]
    return brushes + [QBrush(EMPTY_COLOUR)]


class NodesItem(pg.ScatterPlotItem):
    """Circles at fixed positions; ``set_values`` recolours them from the shared palette."""

    def __init__(self, outline_width: float = 1.5, z: float = 10) -> None:
        super().__init__(pxMode=False, symbol="o")
        self.setZValue(z)
        self._brushes = palette_brushes()
        self._pen = pg.mkPen(OUTLINE, width=outline_width)
        self._pen.setCosmetic(True)
        self._levels = np.zeros(0, dtype=np.intp)

    def set_nodes(self, positions: np.ndarray, sizes: np.ndarray) -> None:
        """Node centres ``(N, 2)`` and diameters ``(N,)`` in view units (a rebuild)."""
        self._levels = np.full(len(positions), PALETTE_SIZE, dtype=np.intp)
        self.setData(
            pos=positions, size=sizes, pen=self._pen,
            brush=[self._brushes[PALETTE_SIZE]] * len(positions), symbol="o",
        )

    def set_values(self, values: np.ndarray, scale: float) -> None:
        """Fill colours from ``values`` ``(N,)`` on ±``scale``; NaN draws the empty fill."""
        values = np.asarray(values, dtype=float)
        levels = np.where(np.isnan(values), PALETTE_SIZE, palette_index(values, scale))
        if np.array_equal(levels, self._levels):
            return
        self._levels = levels
        brushes = self._brushes
        self.setBrush([brushes[i] for i in levels.tolist()])

    def set_levels_direct(self, levels: np.ndarray) -> None:
        """Palette levels ``(N,)`` as computed elsewhere (PALETTE_SIZE = empty)."""
        if not np.array_equal(levels, self._levels):
            self._levels = np.asarray(levels)
            self.setBrush([self._brushes[i] for i in self._levels.tolist()])

    @property
    def levels(self) -> np.ndarray:
        """Palette level of each node as drawn (PALETTE_SIZE = no value yet)."""
        return self._levels

    def brush_colour(self, level: int) -> QColor:
        return self._brushes[level].color()

    @staticmethod
    def make_pen(colour: QColor, width: float) -> QPen:
        pen = pg.mkPen(colour, width=width)
        pen.setCosmetic(True)
        return pen
