"""A pyqtgraph label whose changing text never re-lays out the canvas around it."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSizeF, Qt

from ..widgets.paint_guard import guarded


class SteadyLabelItem(pg.LabelItem):
    """A LabelItem that asks for its text's height and no width.

    pyqtgraph's LabelItem asks for its text's width on every ``setText``; the canvas
    title changes every frame during Run ("After step 1203: loss 0.0642"), so each new
    width re-laid out the scene, resized the view box and re-rendered every node
    (about 40 ms a frame). The text is centred in whatever width the row gives it.
    """

    @guarded()
    def updateMin(self) -> None:  # noqa: N802 (pyqtgraph's name)
        height = self.itemRect().height()
        hint = (0.0, height)
        if getattr(self, "_sizeHint", {}).get(Qt.SizeHint.PreferredSize) == hint:
            return  # same height as before: nothing for the layout to do
        self.setMinimumWidth(0)
        self.setMinimumHeight(height)
        self._sizeHint = {
            Qt.SizeHint.MinimumSize: hint,
            Qt.SizeHint.PreferredSize: hint,
            Qt.SizeHint.MaximumSize: (-1, -1),
            Qt.SizeHint.MinimumDescent: (0, 0),
        }
        self.updateGeometry()

    @guarded(QSizeF)
    def sizeHint(self, hint, constraint):  # noqa: N802 (Qt name)
        return QSizeF(*self._sizeHint.get(hint, (0, 0)))
