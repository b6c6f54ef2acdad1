"""Text beside or inside nodes, all in one graphics item painted in device pixels.

One pg.TextItem per label costs ~0.3 ms per changed text (layout of a QGraphicsTextItem);
painting a few dozen short strings straight with drawText costs well under a millisecond.
Text keeps its pixel size when the view zooms. A text may sit on a badge (a rounded box of a
given fill), so a number wider than its node or crossing edges stays readable.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from ..widgets.paint_guard import guarded, guarded_paint

from .export_scale import ExportScaled
from .node_numbers import badge_height, digit_height, label_height


class LabelsItem(ExportScaled, pg.GraphicsObject):
    """Strings at view positions ``(N, 2)``; ``anchor`` (ax, ay) in 0..1 of the text's box, like TextItem."""

    def __init__(self, anchor: tuple[float, float] = (0.5, 0.5), offset_px: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        self.setZValue(12)
        self._anchor = anchor
        self._offset = offset_px
        self._shifts = np.zeros(0)  # a further x offset per text, in pixels (bias labels beside their own layer's badges)
        self._pos = np.zeros((0, 2))
        self._texts: list[str] = []
        self._colours: list[QColor] = []
        self._font = QFont()
        self._text_px = (0.0, 0.0)  # widest text line and tallest text, in pixels
        self._rect = QRectF()
        self._badges: list[QColor] = []  # a fill per text ([]: no badges)
        self._badge_outline = QColor(70, 70, 70)
        self._badge_min_px = 0.0  # texts narrower than this (they fit in their node) get no badge
        self._badge_pad = (4.0, 2.0)
        self._thin = False  # badges as tall as node_numbers.label_height, not badge_height
        self.painted: list[tuple[str, QRectF]] = []  # each text and its box as last painted, in device pixels

    def set_anchor(self, anchor: tuple[float, float], offset_px: tuple[float, float], shifts_px=()) -> None:
        """Where each text sits against its position (see the class), each moved ``shifts_px`` more to the right
        (one per text; none: all alike)."""
        shifts = np.asarray(shifts_px, dtype=float).reshape(-1)
        if (tuple(anchor), tuple(offset_px)) != (self._anchor, self._offset) or not np.array_equal(shifts, self._shifts):
            self.prepareGeometryChange()
            self._anchor, self._offset, self._shifts = tuple(anchor), tuple(offset_px), shifts
            self.update()

    def set_badges(self, fills: list[QColor], outline: QColor | None = None, wider_than_px: float = 0.0,
                   pad_px: tuple[float, float] = (4.0, 2.0), thin: bool = False) -> None:
        """Draw each text wider than ``wider_than_px`` on a rounded box of its fill (``fills`` [] for none); a
        ``thin`` box (a bias label's) only a pixel taller than its digits (``node_numbers.label_height``)."""
        self._badges, self._badge_min_px, self._badge_pad = list(fills), float(wider_than_px), tuple(pad_px)
        self._thin = thin
        if outline is not None:
            self._badge_outline = QColor(outline)
        self.update()

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
            self._text_px = (max((fm.horizontalAdvance(line) for line in lines), default=0.0),
                             rows * fm.height())
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
        reach = abs(self._offset[0]) + (float(np.abs(self._shifts).max()) if self._shifts.size else 0.0)
        dx = (self._text_px[0] + reach + 2 * self._badge_pad[0] + 2) * pw
        dy = (self._text_px[1] + abs(self._offset[1]) + 2 * self._badge_pad[1] + 2) * ph
        return self._rect.adjusted(-dx, -dy, dx, dy)

    @guarded()
    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self.prepareGeometryChange()  # a zoom changes how many view units the texts cover

    @guarded_paint
    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.painted = []
        if not any(self._texts):
            return
        tr = painter.transform()
        scale = self.export_scale()
        font = QFont(self._font)
        if scale != 1.0:  # an exported picture at another scale: text grows with it
            font.setPointSizeF(self._font.pointSizeF() * scale)
        offset = (self._offset[0] * scale, self._offset[1] * scale)
        pad_x, pad_y = self._badge_pad[0] * scale, self._badge_pad[1] * scale
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.TextAntialiasing, True)
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        line_h = fm.height()
        digits_h = digit_height(font)
        ax, ay = self._anchor
        badges = len(self._badges) == len(self._texts)
        outline = QPen(self._badge_outline, max(1.0, scale))
        for k_text, ((x, y), text, colour) in enumerate(zip(self._pos, self._texts, self._colours)):
            if not text:
                continue
            p = tr.map(QPointF(x, y))
            lines = text.split("\n")
            width = max(fm.horizontalAdvance(s) for s in lines)
            badge = badges and width > self._badge_min_px * scale
            tight = badge and len(lines) == 1  # a number on a badge: as tall as its digits and a little air
            box_w = width + (2 * pad_x if badge else 0.0)
            box_h = (label_height if self._thin else badge_height)(font) if tight else line_h * len(lines) + (2 * pad_y if badge else 0.0)
            shift = self._shifts[k_text] * scale if k_text < len(self._shifts) else 0.0
            box = QRectF(p.x() + offset[0] + shift - ax * box_w, p.y() + offset[1] - ay * box_h, box_w, box_h)
            if badge:
                painter.setPen(outline)
                painter.setBrush(self._badges[k_text])
                painter.drawRoundedRect(box, box_h / 3, box_h / 3)
                painter.setBrush(Qt.NoBrush)
            left0 = box.left() + (pad_x if badge else 0.0)
            first_baseline = (box.top() + (box_h + digits_h) / 2 if tight else
                              box.top() + (pad_y if badge else 0.0) + fm.ascent())
            painter.setPen(colour)
            for k, s in enumerate(lines):
                left = left0 + (width - fm.horizontalAdvance(s)) * ax
                painter.drawText(QPointF(left, first_baseline + k * line_h), s)
            self.painted.append((text, box))
        painter.restore()
