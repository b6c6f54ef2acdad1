"""Text beside or inside nodes, all in one graphics item painted in device pixels.

One pg.TextItem per label costs ~0.3 ms per changed text (layout of a QGraphicsTextItem);
painting a few dozen short strings straight with drawText costs well under a millisecond.
Text keeps its pixel size when the view zooms.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from ..widgets.paint_guard import guarded, guarded_paint

from .export_scale import ExportScaled


class LabelsItem(ExportScaled, pg.GraphicsObject):
    """Strings at view positions ``(N, 2)``; ``anchor`` (ax, ay) in 0..1 of the text's box, like TextItem."""

    def __init__(self, anchor: tuple[float, float] = (0.5, 0.5), offset_px: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        self.setZValue(12)
        self._anchor = anchor
        self._offset = offset_px
        self._pos = np.zeros((0, 2))
        self._texts: list[str] = []
        self._colours: list[QColor] = []
        self._font = QFont()
        self._text_px = (0.0, 0.0)  # widest text line and tallest text, in pixels
        self._rect = QRectF()

    def set_positions(self, positions: np.ndarray) -> None:
        self.prepareGeometryChange()
        self._pos = np.asarray(positions, dtype=float).reshape(-1, 2)
        if len(self._pos):
            lo, hi = self._pos.min(0), self._pos.max(0)
            self._rect = QRectF(lo[0] - 1, lo[1] - 1, hi[0] - lo[0] + 2, hi[1] - lo[1] + 2)
        else:
            self._rect = QRectF()
        self.update()

    def set_texts(self, texts: list[str], colours: list[QColor], font: QFont) -> None:
        """One text (may hold newlines) and colour per position."""
        if texts != self._texts or colours != self._colours or font != self._font:
            self.prepareGeometryChange()  # the texts' extent is part of the bounding rect
            self._texts, self._colours, self._font = list(texts), list(colours), QFont(font)
            fm = QFontMetricsF(self._font)
            lines = [line for text in self._texts for line in text.split("\n")]
            rows = max((text.count("\n") + 1 for text in self._texts), default=0)
            self._text_px = (max((fm.horizontalAdvance(line) for line in lines), default=0.0) + abs(self._offset[0]),
                             rows * fm.height() + abs(self._offset[1]))
            self.update()

    @property
    def font(self) -> QFont:
        return QFont(self._font)

    @property
    def texts(self) -> list[str]:
        return self._texts

    @guarded(QRectF)
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        """The positions plus the texts' extent (painted in pixels), so no part of a long text goes unpainted."""
        pw, ph = self.pixelWidth(), self.pixelHeight()  # view units per pixel (0 before the item is shown)
        if self._rect.isNull() or not (pw > 0 and ph > 0):
            return self._rect
        dx, dy = self._text_px[0] * pw, self._text_px[1] * ph
        return self._rect.adjusted(-dx, -dy, dx, dy)

    @guarded()
    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self.prepareGeometryChange()  # a zoom changes how many view units the texts cover

    @guarded_paint
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not any(self._texts):
            return
        tr = painter.transform()
        scale = self.export_scale()
        font = QFont(self._font)
        if scale != 1.0:  # an exported picture at another scale: text grows with it
            font.setPointSizeF(self._font.pointSizeF() * scale)
        offset = (self._offset[0] * scale, self._offset[1] * scale)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.TextAntialiasing, True)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        line_h = fm.height()
        ax, ay = self._anchor
        for (x, y), text, colour in zip(self._pos, self._texts, self._colours):
            if not text:
                continue
            p = tr.map(QPointF(x, y))
            lines = text.split("\n")
            width = max(fm.horizontalAdvance(s) for s in lines)
            top = p.y() + offset[1] - ay * line_h * len(lines)
            painter.setPen(colour)
            for k, s in enumerate(lines):
                left = p.x() + offset[0] - ax * width + (width - fm.horizontalAdvance(s)) * ax
                painter.drawText(QPointF(left, top + fm.ascent() + k * line_h), s)
        painter.restore()
