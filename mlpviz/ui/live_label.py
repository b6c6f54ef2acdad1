"""Labels whose text changes while Run goes on, without moving anything around them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def live_label(widest: str, parent: QWidget | None = None) -> QLabel:
    """A QLabel as wide as ``widest`` (a typical longest text), which never asks for more.

    Text such as "step 3382 · train 0.0710042" changes many times a second; a label that
    asked for its text's width made the dock, then the main window, re-lay out, which
    resized the canvas and re-rendered it (up to 40 ms a frame during Run). A longer
    text is cut at the label's edge; the full text is in the tooltip.
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # live texts may quote a file name (the compared snapshot)
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(widest) + 8)  # min = max: no text moves it
    return label
