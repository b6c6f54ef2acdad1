"""A one-line label that elides ("…") rather than clips when narrow, with its full text as tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption

from .plain_text import plain_tooltip


class ElidedLabel(QLabel):
    """Asks for no width of its own: a narrow panel shows "y: orange 0 · white 0.5 · …".

    A new text only repaints the label: it never asks the layout around it (a dock, a scroll
    area) to be worked out again, which matters for labels that change every frame of a Run.
    """

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__("", parent)
        self._text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)  # it paints its text itself, literally
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        if text != self._text:
            self._text = text
            self.setToolTip(plain_tooltip(text))  # the text may quote a file name: never rich text
            self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._text) + 8, fm.height() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("…") * 4, fm.height() + 4)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self._text, Qt.ElideRight, rect.width())
        self.style().drawItemText(painter, rect, int((Qt.AlignLeft | Qt.AlignVCenter).value), option.palette,
                                  self.isEnabled(), text, self.foregroundRole())
