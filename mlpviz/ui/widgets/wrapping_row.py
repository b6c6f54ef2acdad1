"""A panel's header row, a text then controls, that gives the controls a line of their own when narrow.

The loss panel presented beside a twelve-unit network at 1024×768 is about 300 px wide at 2× text:
its "step … · train loss" text and two check boxes in one row made the panel at least 375 px
wide, the network's bias labels the poorer by it. Two lines, only when one is too narrow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

TEXT_ROOM_PX = 120  # the least width the text keeps beside the controls on one line


ONE_LINE, BELOW, STACKED = 0, 1, 2  # the text and the controls in a row; the controls in a row under it; one a line


class WrappingRow(QWidget):
    """``text`` (stretching, elided by itself) and ``controls`` on one line, or the controls under it when the
    row is narrower than the text's ``TEXT_ROOM_PX`` and the controls' widths, each on a line of its own when
    narrower than the controls side by side (presenting at 1024×768 after Ctrl+= twice: the two check boxes
    side by side made the panel 333 px wide, the network's numbers the smaller by it)."""

    def __init__(self, text: QWidget, controls: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text, self._controls = text, list(controls)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._mode: int | None = None
        self._place(ONE_LINE)

    @property
    def one_line(self) -> bool:
        return self._mode == ONE_LINE

    @property
    def stacked(self) -> bool:
        """Whether each control has a line of its own."""
        return self._mode == STACKED

    def _side_by_side(self) -> int:
        """The width of the controls in a row."""
        spacing = max(0, self._grid.horizontalSpacing())
        return sum(c.sizeHint().width() + spacing for c in self._controls)

    def one_line_width(self) -> int:
        """The width the row needs on one line."""
        return TEXT_ROOM_PX + self._side_by_side()

    def _place(self, mode: int) -> None:
        if mode == self._mode:
            return
        self._mode = mode
        for widget in (self._text, *self._controls):
            self._grid.removeWidget(widget)
        for column in range(len(self._controls) + 1):
            self._grid.setColumnStretch(column, 0)
        if mode == ONE_LINE:
            self._grid.addWidget(self._text, 0, 0)
            for k, control in enumerate(self._controls, start=1):
                self._grid.addWidget(control, 0, k)
            self._grid.setColumnStretch(0, 1)
        elif mode == BELOW:
            self._grid.addWidget(self._text, 0, 0, 1, len(self._controls) + 1)
            for k, control in enumerate(self._controls):
                self._grid.addWidget(control, 1, k)
            self._grid.setColumnStretch(len(self._controls), 1)
        else:
            self._grid.addWidget(self._text, 0, 0)
            for k, control in enumerate(self._controls, start=1):
                self._grid.addWidget(control, k, 0)

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        """As narrow as the widest control on a line of its own."""
        hint = super().minimumSizeHint()
        hint.setWidth(max((c.sizeHint().width() for c in self._controls), default=0))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        width = event.size().width()
        self._place(ONE_LINE if width >= self.one_line_width() else BELOW if width >= self._side_by_side() else STACKED)
