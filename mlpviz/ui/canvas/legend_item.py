"""The canvas legend: the diverging colour bar with its scales, and what edges mean."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPen

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
        self.setFixedWidth(WIDTH * scale)
        self.update()

    def set_scales(self, node_scales: list[tuple[str, float]], edge: tuple[str, float]) -> None:
        if node_scales != self._node_scales or edge != self._edge:
            self._node_scales, self._edge = node_scales, edge
            self.update()

    def set_ring_label(self, text: str) -> None:
        """What the rings show: the biases that gave z, or the step's new ones."""
        if text != self._ring_label:
            self._ring_label = text
            self.update()

    @guarded_paint
    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.boundingRect()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setFont(self._font)
        line = painter.fontMetrics().height()
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
            for j, m in enumerate((0.3, 1.0)):
                r, g, b = (int(c) for c in value_to_rgb(sign * (0.35 + 0.65 * m), 1.0))
                pen = QPen(QColor(r, g, b), 1 + 3 * m)
                pen.setCapStyle(Qt.FlatCap)
                painter.setPen(pen)
                x0 = rect.left() + (10 + j * 30) * sc
                painter.drawLine(QPointF(x0, yy - line * 0.3), QPointF(x0 + 24 * sc, yy - line * 0.3))
            painter.setPen(self._text)
            painter.drawText(QPointF(rect.left() + 74 * sc, yy), label)
        painter.drawText(QPointF(rect.left() + 6, yy + line * 1.3), self._ring_label)
