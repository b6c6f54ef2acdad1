"""The mouse wheel scrolls a panel instead of changing the combo box or spin box that passes under the pointer.

In a scrolled dock (small screens, the quiz) a wheel turn over a field nobody clicked changed
its value: a setting lost without a word. A field takes the wheel once it has the focus
(clicked or tabbed to); until then the wheel goes to the scroll area around it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    """An event filter on every combo box and spin box under ``root`` (``watch``; again after the
    window adds fields, such as a hidden layer's). Not an application filter: that would run
    Python for every event of the program."""

    def watch(self, root: QWidget) -> "WheelGuard":
        for kind in (QComboBox, QAbstractSpinBox):
            for field in root.findChildren(kind):
                field.installEventFilter(self)  # installing twice is a no-op
        return self

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Wheel or not isinstance(watched, (QComboBox, QAbstractSpinBox)):
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent
