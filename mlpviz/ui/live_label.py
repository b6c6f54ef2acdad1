"""Labels whose text changes while Run goes on, without moving anything around them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def live_label(parent: QWidget | None = None) -> QLabel:
    """A QLabel that never asks its layout for more width when its text grows.

    Text such as "step 3382 · train 0.0710042" changes many times a second; a label
    that asked for its text's width made the dock, then the main window, re-lay out,
    which resized the canvas and re-rendered it (up to 40 ms a frame during Run).
    """
    label = QLabel(parent)
    label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
    return label
