"""The canvas legend: the diverging colour bar with its scales, and what edges mean."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen

from mlpviz.i18n import msg

from .colormap import STOPS_RGB, STOPS_T, value_to_rgb
from ..widgets.paint_guard import guarded_paint

WIDTH = 150
TEXT = QColor(40, 40, 40)


def _fmt(value: float) -> str:
    return f"{value:.3g}"


class LegendItem(pg.GraphicsWidget):
    """Colour bar (+scale at the top, 0 in the middle, -scale at the bottom) and an edge key.

    ``set_scales`` takes ``(symbol, scale)`` pairs for the node colours (``a``, ``δ``) and the
    edge quantity's name and scale.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFixedWidth(WIDTH)
        self._node_scales: list[tuple[str, float]] = [("a", 1.0)]
        self._edge = ("w", 1.0)
        self._font = QFont()
        self._font.setPointSizeF(10)
        self._ring_label = str(msg("ring: bias b"))
        self._scale = 1.0
        self.strip = False  # a strip under the network (a small canvas: the network gets the width)
        self._text, self._line = TEXT, QColor(90, 90, 90)

    def set_text_colour(self, text: QColor, line: QColor) -> None:
        """Text and the colour bar's frame in an appearance's colours."""
        self._text, self._line = QColor(text), QColor(line)
        self.update()

    @property
    def text_scale(self) -> float:
        return self._scale

    def set_text_scale(self, scale: float) -> None:
        """The legend's text, and the legend with it, times ``scale``."""
        self._scale = float(scale)
        self._font.setPointSizeF(10 * scale)
        self._fit_size()
        self.update()

    def set_strip(self, on: bool) -> None:
        """A column right of the network, or (``on``) two lines under it: on a small canvas (a 1024×768
        projector) the column takes a quarter of the width the numbers on the network need."""
        self.strip = bool(on)
        self._fit_size()
        self.update()

    def _fit_size(self) -> None:
        if self.strip:
            self.setMinimumWidth(0)
            self.setMaximumWidth(100000)
            self.setFixedHeight(2.5 * QFontMetricsF(self._font).height() + 4)
        else:
            self.setMinimumHeight(0)
            self.setMaximumHeight(100000)
            self.setFixedWidth(WIDTH * self._scale)

    def set_scales(self, node_scales: list[tuple[str, float]], edge: tuple[str, float]) -> None:
        if node_scales != self._node_scales or edge != self._edge:
            self._node_scales, self._edge = node_scales, edge
            self.update()

    def set_ring_label(self, text: str) -> None:
        """What the rings show: the biases that gave z, or the step's new ones."""
        if text != self._ring_label:
            self._ring_label = text
            self.update()

    def _edge_samples(self, painter: QPainter, x: float, y: float, sign: int, line: float) -> None:
        """Two edges of sign ``sign`` (a weak one, a strong one) from ``x`` at text baseline ``y``."""
        sc = self._scale
        for j, m in enumerate((0.3, 1.0)):
            r, g, b = (int(c) for c in value_to_rgb(sign * (0.35 + 0.65 * m), 1.0))
            pen = QPen(QColor(r, g, b), 1 + 3 * m)
            pen.setCapStyle(Qt.FlatCap)
            painter.setPen(pen)
            x0 = x + j * 30 * sc
            painter.drawLine(QPointF(x0, y - line * 0.3), QPointF(x0 + 24 * sc, y - line * 0.3))
        painter.setPen(self._text)

    def _paint_strip(self, painter: QPainter, rect: QRectF, line: float) -> None:
        """Line 1: the node colours' bar from − to +, and their scales; line 2: the edge key and the rings."""
        sc, fm = self._scale, painter.fontMetrics()
        y1, y2 = rect.top() + line * 1.0, rect.top() + line * 2.2
        title = str(msg("nodes: {symbols}", symbols=", ".join(s for s, _ in self._node_scales)))
        x = rect.left() + 4
        painter.drawText(QPointF(x, y1), title + "  −")
        x += fm.horizontalAdvance(title + "  −") + 4
        bar = QRectF(x, y1 - line * 0.65, 90 * sc, line * 0.6)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for t, rgb in zip(STOPS_T, STOPS_RGB):
            gradient.setColorAt((1 + t) / 2, QColor(*(int(c) for c in rgb)))
        painter.setPen(QPen(self._line, 1))
        painter.setBrush(gradient)
        painter.drawRect(bar)
        painter.setPen(self._text)
        scales = "   ".join(f"{symbol}: ±{_fmt(scale)}" for symbol, scale in self._node_scales)
        painter.drawText(QPointF(bar.right() + 4, y1), "+   " + scales)
        name, scale = self._edge
        x = rect.left() + 4
        edges = str(msg("edges: {name}", name=name))
        painter.drawText(QPointF(x, y2), edges)
        x += fm.horizontalAdvance(edges) + 8
        for sign, label in ((1, f"+{_fmt(scale)}"), (-1, f"−{_fmt(scale)}")):
            self._edge_samples(painter, x, y2, sign, line)
            x += 58 * sc
            painter.drawText(QPointF(x, y2), label)
            x += fm.horizontalAdvance(label) + 10
        painter.drawText(QPointF(x + 4, y2), self._ring_label)

    @guarded_paint
    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.boundingRect()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setFont(self._font)
        line = painter.fontMetrics().height()
        if self.strip:
            self._paint_strip(painter, rect, line)
            return
        top = rect.top() + line * 1.8
        sc = self._scale
        bar_h = max(40.0, min(220.0 * sc, rect.height() - line * 11))
        bar = QRectF(rect.left() + 10 * sc, top, 18 * sc, bar_h)
        gradient = QLinearGradient(bar.topLeft(), bar.bottomLeft())
        for t, rgb in zip(STOPS_T, STOPS_RGB):
            gradient.setColorAt((1 - t) / 2, QColor(*(int(c) for c in rgb)))
        painter.setPen(QPen(self._line, 1))
        painter.setBrush(gradient)
        painter.drawRect(bar)
        painter.setPen(self._text)
        title = str(msg("nodes: {symbols}", symbols=", ".join(s for s, _ in self._node_scales)))
        painter.drawText(QPointF(rect.left() + 6, rect.top() + line * 1.1), title)
        x = bar.right() + 6
        for frac, text in ((0.0, "+"), (0.5, "0"), (1.0, "−")):
            painter.drawText(QPointF(x, bar.top() + frac * bar.height() + line * 0.3), text)
        y = bar.bottom() + line * 0.4
        for symbol, scale in self._node_scales:
            y += line * 1.1
            painter.drawText(QPointF(rect.left() + 10 * sc, y), f"{symbol}: ±{_fmt(scale)}")
        y += line * 1.6
        name, scale = self._edge
        painter.drawText(QPointF(rect.left() + 6, y), str(msg("edges: {name}", name=name)))
        for k, (sign, label) in enumerate(((1, f"+{_fmt(scale)}"), (-1, f"−{_fmt(scale)}"))):
            yy = y + line * (1.2 + k * 1.1)
            self._edge_samples(painter, rect.left() + 10 * sc, yy, sign, line)
            painter.drawText(QPointF(rect.left() + 74 * sc, yy), label)
        painter.drawText(QPointF(rect.left() + 6, yy + line * 1.3), self._ring_label)
