"""The class colour key: a swatch and the name of each class, wrapped onto as many lines as the panel needs.

Shown under the decision map and above the data table, in the colours the points, the heat
map and the table's swatches use (``plots.class_colours``). Names are user text: they are
painted as plain text, never read as markup, and wrap whole rather than being cut.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .plain_text import plain_tooltip
from ..plots.class_colours import class_rgb

GAP = 14  # pixels between two entries on a line


class ClassKey(QWidget):
    """``set_classes(names)``: one swatch and name per class, left to right, wrapping at the widget's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._colours: list[QColor] = []
        sp = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setVisible(False)

    @property
    def names(self) -> list[str]:
        return list(self._names)

    @property
    def colours(self) -> list[QColor]:
        return list(self._colours)

    def set_classes(self, names) -> None:
        """The data's class names (none: the key hides); colours are ``class_rgb`` of their count."""
        self._names = [str(n) for n in names]
        rgb = class_rgb(len(self._names)) if self._names else np.zeros((0, 3))
        self._colours = [QColor(int(r), int(g), int(b)) for r, g, b in rgb[: len(self._names)]]
        self.setToolTip(plain_tooltip(self.tr("Class colours: {0}").format(", ".join(self._names))) if self._names else "")
        self.setVisible(bool(self._names))
        self.updateGeometry()
        self.update()

    def _swatch(self) -> float:
        return self.fontMetrics().height() * 0.8

    def _entry_width(self, name: str) -> float:
        return self._swatch() + 5 + self.fontMetrics().horizontalAdvance(name)

    def entry_rects(self, width: int | None = None) -> list[QRectF]:
        """Where each entry (swatch and name) goes at ``width`` (default: the widget's)."""
        width = self.width() if width is None else width
        line = self.fontMetrics().height() + 4
        rects, x, y = [], 0.0, 2.0
        for name in self._names:
            w = min(self._entry_width(name), float(width))
            if x > 0 and x + w > width:
                x, y = 0.0, y + line
            rects.append(QRectF(x, y, w, line - 4))
            x += w + GAP
        return rects

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        rects = self.entry_rects(width)
        return int(rects[-1].bottom() + 4) if rects else 0

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        width = int(sum(self._entry_width(n) + GAP for n in self._names))
        return QSize(min(width, 400), self.heightForWidth(min(width, 400)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        widest = max((self._entry_width(n) for n in self._names), default=0.0)
        width = int(min(widest, 240))  # a name wider than that is elided (the tooltip names them all)
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, True)
        fm = self.fontMetrics()
        s = self._swatch()
        text_colour = self.palette().windowText().color()
        for rect, name, colour in zip(self.entry_rects(), self._names, self._colours):
            box = QRectF(rect.left(), rect.center().y() - s / 2, s, s)
            painter.setPen(QPen(text_colour, 1))
            painter.setBrush(colour)
            painter.drawRoundedRect(box, 2, 2)
            painter.setPen(text_colour)
            room = int(rect.width() - s - 5)
            text = fm.elidedText(name, Qt.ElideRight, room)  # plain text: drawText reads no markup
            painter.drawText(QRectF(box.right() + 5, rect.top(), room + 1, rect.height()),
                             Qt.AlignLeft | Qt.AlignVCenter, text)
        painter.end()
