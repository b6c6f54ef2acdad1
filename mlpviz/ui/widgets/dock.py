"""A dock whose title is drawn in the dock's own font, so it follows the text size (Ctrl+=, presentation mode).

Qt's QDockWidget paints its title in the font the application had when the dock was made (QDockWidgetPrivate
keeps a copy) whenever the dock's font is the application's: after Ctrl+= or F5 the title bar grew, its text did not.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QStyle, QStyleOptionDockWidget, QStylePainter


class Dock(QDockWidget):
    """A QDockWidget; docked, its title is painted in ``font()``, which follows the application font."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.isFloating() or self.titleBarWidget() is not None:  # the window manager's or the widget's title
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        title = QStyleOptionDockWidget()
        self.initStyleOption(title)  # the dock's font and its metrics: the text size now
        painter.drawControl(QStyle.CE_DockWidgetTitle, title)
