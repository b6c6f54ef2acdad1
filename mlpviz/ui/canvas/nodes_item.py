"""The nodes: one ScatterPlotItem whose fills come from a fixed palette of reused QBrushes.

ScatterPlotItem caches each symbol per (pen, brush) pair; new QBrush objects every frame
defeat that cache (57 ms vs 4 ms at 1,000 nodes, issue 4), so a frame only picks indices
into ``PALETTE_SIZE`` brushes made once. Diameters are given in view units and turned into
pixels (``set_pixels_per_unit``) so nodes zoom with the view while keeping the symbol atlas.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from .colormap import PALETTE_SIZE, palette_index, palette_rgb
from ..widgets.paint_guard import guarded_paint

EMPTY_COLOUR = QColor(236, 236, 236)  # a node whose value this phase has not reached yet
OUTLINE = QColor(70, 70, 70)


def palette_brushes() -> list[QBrush]:
    """The ``PALETTE_SIZE`` brushes of the diverging map, plus the 'no value yet' brush last."""
    brushes = [QBrush(QColor(int(r), int(g), int(b))) for r, g, b in palette_rgb(PALETTE_SIZE)]
    return brushes + [QBrush(EMPTY_COLOUR)]


class NodesItem(pg.ScatterPlotItem):
    """Circles at fixed positions; ``set_values`` recolours them from the shared palette."""

    def __init__(self, outline_width: float = 1.5, z: float = 10) -> None:
        super().__init__(pxMode=True, symbol="o")
        self.setZValue(z)
        self._brushes = palette_brushes()
        self._pen = pg.mkPen(OUTLINE, width=outline_width)
        self._pen.setCosmetic(True)
        self._levels = np.zeros(0, dtype=np.intp)
        self._brush_array = np.empty(len(self._brushes), dtype=object)
        self._brush_array[:] = self._brushes
        self._diameters = np.zeros(0)
        self._pixels_per_unit = 1.0

    def set_nodes(self, positions: np.ndarray, sizes: np.ndarray) -> None:
        """Node centres ``(N, 2)`` and diameters ``(N,)`` in view units (a rebuild)."""
        self._levels = np.full(len(positions), PALETTE_SIZE, dtype=np.intp)
        self._diameters = np.asarray(sizes, dtype=float)
        self.setData(
            pos=positions, size=self._diameters * self._pixels_per_unit, pen=self._pen,
            brush=[self._brushes[PALETTE_SIZE]] * len(positions), symbol="o",
        )

    def set_values(self, values: np.ndarray, scale: float) -> None:
        """Fill colours from ``values`` ``(N,)`` on ±``scale``; NaN draws the empty fill."""
        values = np.asarray(values, dtype=float)
        levels = np.where(np.isnan(values), PALETTE_SIZE, palette_index(values, scale))
        if levels.shape != self._levels.shape or len(levels) != len(self.data):
            changed = np.ones(len(self.data), dtype=bool)
        else:
            changed = levels != self._levels
        if not changed.any():
            return
        self._levels = levels
        # the palette's own QBrush objects, straight into the data (setBrush re-makes each one); only
        # the nodes whose colour changed look up their symbol again
        self.data["brush"][changed] = self._brush_array[levels[changed]]
        self.data["sourceRect"][changed] = 0
        self.updateSpots(self.data)

    @guarded_paint
    def paint(self, painter: QPainter, option, widget=None) -> None:
        """On screen, pyqtgraph's symbol atlas; in an exported picture, one vector circle per node.

        An SVG gets ``<ellipse>`` elements instead of bitmaps, and a PNG at any scale gets
        circles and outlines drawn at that scale.
        """
        if self._exportOpts is False or not len(self.data):
            super().paint(painter, option, widget)
            return
        scale = float(self._exportOpts.get("resolutionScale", 1.0))
        centres = pg.functions.transformCoordinates(painter.transform(), np.vstack([self.data["x"], self.data["y"]]))
        pen = QPen(self._pen)
        pen.setWidthF(self._pen.widthF() * scale)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setPen(pen)
        for (x, y), size, brush in zip(centres.T, self.data["size"], self.data["brush"]):
            radius = float(size) * scale / 2
            painter.setBrush(brush if brush is not None else self._brushes[PALETTE_SIZE])
            painter.drawEllipse(QPointF(float(x), float(y)), radius, radius)
        painter.restore()

    def set_outline(self, colour: QColor, width: float) -> None:
        """Outline of every node (an appearance: heavier for a projector)."""
        self._pen = pg.mkPen(colour, width=width)
        self._pen.setCosmetic(True)
        self.setPen(self._pen)

    def set_pixels_per_unit(self, pixels: float) -> None:
        """The view's scale: node diameters in pixels follow it (zoom)."""
        if pixels > 0 and abs(pixels - self._pixels_per_unit) > 1e-3 * self._pixels_per_unit:
            self._pixels_per_unit = pixels
            if len(self._diameters):
                self.setSize(np.maximum(self._diameters * pixels, 1.0))

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
