"""Labels whose text changes while Run goes on, without moving anything around them."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .elided_label import ElidedLabel


def live_label(widest: str, parent: QWidget | None = None) -> QLabel:
    """A QLabel that asks for the width of ``widest`` (a typical longest text) whatever it shows.

    Text such as "step 3382 · train 0.0710042" changes many times a second; a label that
    asked for its text's width made the dock, then the main window, re-lay out, which
    resized the canvas and re-rendered it (up to 40 ms a frame during Run). Its size hint
    never follows the text; a narrow panel (a small screen, large text) elides it ("…"),
    and the full text is in the tooltip.
    """
    return _LiveLabel(widest, parent)


class _LiveLabel(ElidedLabel):
    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._widest = widest
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)  # the width of ``widest``, shrinking if it must

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.fontMetrics().horizontalAdvance(self._widest) + 8, self.fontMetrics().height() + 4)
