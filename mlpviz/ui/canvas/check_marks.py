"""Where a learner's backprop differs from mlpviz's, on the canvas: a dashed ring round each unit, a line along each edge."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from mlpviz.app.selection import UnitRef, WeightRef

MARK_COLOUR = QColor(215, 25, 28)
RING = 1.45  # × the unit's diameter: outside the bias ring and the selection marker


class CheckMarks:
    """The marks of ``set_items`` (units and weights; a bias marks its unit), drawn for the layout given to ``draw``."""

    def __init__(self, view: pg.ViewBox) -> None:
        self.rings = pg.ScatterPlotItem(pxMode=False, symbol="o", brush=pg.mkBrush(None),
                                        pen=pg.mkPen(MARK_COLOUR, width=3, style=Qt.DashLine))
        self.lines = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(MARK_COLOUR, width=3))
        self.rings.setZValue(12)
        self.lines.setZValue(8)
        view.addItem(self.lines)
        view.addItem(self.rings)
        self._items: list = []
        self.drawn_units: list[UnitRef] = []
        self.drawn_edges: list[WeightRef] = []

    def set_items(self, items, layout) -> None:
        self._items = list(items)
        self.draw(layout)

    def draw(self, layout) -> None:
        """Draw the marks for ``layout`` (a NetworkLayout; None clears them); marks outside it are left out."""
        units, edges = [], []
        sizes = () if layout is None else layout.sizes
        for item in self._items:
            if isinstance(item, WeightRef) and item.is_bias:
                item = UnitRef(item.layer + 1, item.col)
            if isinstance(item, UnitRef) and 0 <= item.layer < len(sizes) and 0 <= item.index < sizes[item.layer]:
                units.append(item)
            elif (isinstance(item, WeightRef) and 0 <= item.layer < len(sizes) - 1
                  and 0 <= item.row < sizes[item.layer] and 0 <= item.col < sizes[item.layer + 1]):
                edges.append(item)
        self.drawn_units, self.drawn_edges = units, edges
        if units:
            pos = np.array([layout.positions[u.layer][u.index] for u in units], dtype=float)
            size = np.array([layout.diameters[u.layer] * RING for u in units], dtype=float)
            self.rings.setData(pos=pos, size=size)
        else:
            self.rings.setData([], [])
        if edges:
            ends = np.array([(layout.positions[e.layer][e.row], layout.positions[e.layer + 1][e.col]) for e in edges],
                            dtype=float).reshape(-1, 2)
            self.lines.setData(ends[:, 0], ends[:, 1])
        else:
            self.lines.setData([], [])
