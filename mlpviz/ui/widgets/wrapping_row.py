"""A panel's header row, a text then controls, that gives the controls a line of their own when narrow.

The loss panel presented beside a twelve-unit network at 1024×768 is about 300 px wide at 2× text:
its "step … · train loss" text and two check boxes in one row made the panel at least 375 px
wide, the network's bias labels the poorer by it. Two lines, only when one is too narrow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

TEXT_ROOM_PX = 120  # the least width the text keeps beside the controls on one line


class WrappingRow(QWidget):
    """``text`` (stretching, elided by itself) and ``controls`` on one line, or the controls under it when the
    row is narrower than the text's ``TEXT_ROOM_PX`` and the controls' widths."""

    def __init__(self, text: QWidget, controls: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text, self._controls = text, list(controls)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._one_line: bool | None = None
        self._place(True)

    @property
    def one_line(self) -> bool:
        return bool(self._one_line)

    def one_line_width(self) -> int:
        """The width the row needs on one line."""
        spacing = max(0, self._grid.horizontalSpacing())
        return TEXT_ROOM_PX + sum(c.sizeHint().width() + spacing for c in self._controls)

    def _place(self, one_line: bool) -> None:
        if one_line == self._one_line:
            return
        self._one_line = one_line
        for widget in (self._text, *self._controls):
            self._grid.removeWidget(widget)
        for column in range(len(self._controls) + 1):
            self._grid.setColumnStretch(column, 0)
        if one_line:
            self._grid.addWidget(self._text, 0, 0)
            for k, control in enumerate(self._controls, start=1):
                self._grid.addWidget(control, 0, k)
            self._grid.setColumnStretch(0, 1)
        else:
            self._grid.addWidget(self._text, 0, 0, 1, len(self._controls) + 1)
            for k, control in enumerate(self._controls):
                self._grid.addWidget(control, 1, k)
            self._grid.setColumnStretch(len(self._controls), 1)

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        """As narrow as the controls side by side on their own line."""
        hint = super().minimumSizeHint()
        spacing = max(0, self._grid.horizontalSpacing())
        hint.setWidth(sum(c.sizeHint().width() + spacing for c in self._controls))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place(event.size().width() >= self.one_line_width())
