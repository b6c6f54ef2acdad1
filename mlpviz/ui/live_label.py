"""Labels whose text changes while Run goes on, without moving anything around them."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


def live_label(widest: str, parent: QWidget | None = None) -> QLabel:
    """A QLabel as wide as ``widest`` (a typical longest text), which never asks for more.

    Text such as "step 3382 · train 0.0710042" changes many times a second; a label that
    asked for its text's width made the dock, then the main window, re-lay out, which
    resized the canvas and re-rendered it (up to 40 ms a frame during Run). A longer
    text is cut at the label's edge; the full text is in the tooltip.
    """
    label = _LiveLabel(widest, parent)
    label.fit_width()
    return label


class _LiveLabel(QLabel):
    """Keeps the width of its widest text in its own font (the text size can change)."""

    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widest = widest

    def fit_width(self) -> None:
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(self._widest) + 8)  # min = max: no text moves it

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self.fit_width()
