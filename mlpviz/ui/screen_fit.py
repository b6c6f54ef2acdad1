"""The window on the screen it opens on: first size, restored geometry, dock layout per screen class.

Classrooms have 1024×768 projectors, 1366×768 laptops, 1080p laptops at 150 % (1280×720
logical) and 4K screens at 200 %. Sizes here are logical pixels (what Qt lays out in).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MINIMUM = QSize(960, 600)  # the window never asks for more than this
ROOMY_WIDTH, ROOMY_HEIGHT = 1600, 940  # at least this available: plots side by side, numbers split
SHORT_HEIGHT = 800  # at most this available: the loss panel is as short as it can usefully be


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
    # a short screen (a 1024×768 projector, a 1366×768 laptop) gives the network the height its numbers need
    bottom = int(max(140, h * 0.19)) if h <= SHORT_HEIGHT else int(min(300, max(185, h * 0.26)))
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


PLACEMENT_MS = (0, 100, 250, 500, 1000, 2000, 3000)  # looks after the first show: the frame comes late


class FrameOnScreen(QObject):
    """A new window's frame kept inside the screen's available area while the window manager places it.

    The window manager adds its title bar after the window is shown, and X11 reports the frame's
    size later still, with no event: the first size, the whole available area on a small screen, then
    had its bottom, with the status bar, below the screen. So the frame is looked at a few times in the
    first seconds (``PLACEMENT_MS``) and after each move or resize then; a frame outside the available
    area calls ``fit`` (the window's ``fit_to_screen``). After that the user places the window as they like.
    """

    def __init__(self, top: QWidget, fit: Callable[[], None]) -> None:
        super().__init__(top)
        self._window, self._fit = top, fit
        self.placing = False
        top.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == QEvent.Show and not self.placing:
            self.placing = True
            for ms in PLACEMENT_MS:
                QTimer.singleShot(ms, self, self._check)
            QTimer.singleShot(PLACEMENT_MS[-1], self, self.stop)
        elif self.placing and kind in (QEvent.Move, QEvent.Resize):
            QTimer.singleShot(0, self, self._check)  # after the event
        return False

    def stop(self) -> None:
        self._window.removeEventFilter(self)
        self.placing = False

    def _check(self) -> None:
        w = self._window
        if not self.placing or not w.isVisible() or w.isMaximized() or w.isFullScreen():
            return
        if not w.screen().availableGeometry().contains(w.frameGeometry()):
            self._fit()
