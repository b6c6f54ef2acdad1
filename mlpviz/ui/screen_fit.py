"""The window on the screen it opens on: first size, restored geometry, dock layout per screen class.

Classrooms have 1024×768 projectors, 1366×768 laptops, 1080p laptops at 150 % (1280×720
logical) and 4K screens at 200 %. Sizes here are logical pixels (what Qt lays out in).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MINIMUM = QSize(960, 600)  # the window never asks for more than this
ROOMY_WIDTH, ROOMY_HEIGHT = 1600, 940  # at least this available: plots side by side, numbers split


@dataclass(frozen=True)
class DockSizes:
    """First-launch dock sizes in logical pixels for one screen class."""

    roomy: bool  # False: the right column's docks and the two plots each tab together
    left: int
    right: int
    bottom: int


def dock_sizes(available: QRect) -> DockSizes:
    """Side columns that leave the canvas at least about half the width, at any screen size."""
    w, h = available.width(), available.height()
    roomy = w >= ROOMY_WIDTH and h >= ROOMY_HEIGHT
    left = int(min(340, max(280, w * 0.2)))
    right = int(min(520, max(230, w * 0.24)))
    bottom = int(min(300, max(185 if h >= 700 else 140, h * 0.26)))
    return DockSizes(roomy, left, right, bottom)


def first_size(available: QRect) -> QSize:
    """First launch: most of the available area (all of it on small screens), never more."""
    w, h = available.width(), available.height()
    if w < ROOMY_WIDTH or h < ROOMY_HEIGHT:
        return QSize(w, h)
    return QSize(min(w, max(1480, int(w * 0.9))), min(h, max(940, int(h * 0.9))))


def scrollable(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: a dock can then be smaller than its contents' minimum."""
    area = QScrollArea()
    area.setObjectName(f"scroll-{widget.objectName() or type(widget).__name__}")
    area.setFrameShape(QFrame.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
    area.setWidget(widget)
    area.setMinimumSize(120, 80)
    return area
