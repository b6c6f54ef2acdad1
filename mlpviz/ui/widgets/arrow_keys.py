"""Arrow keys move within a table that has the keyboard focus, instead of stepping the network."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView

NAVIGATION_KEYS = {Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down, Qt.Key_Period}  # "." starts typing "0.5"


class _KeepArrowKeys(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        # Accepting the override tells Qt the widget wants the key itself: → then moves to
        # the next cell here rather than triggering the window-wide Step shortcut.
        if event.type() == QEvent.ShortcutOverride and event.key() in NAVIGATION_KEYS and not event.modifiers():
            event.accept()
            return True
        return False


def keep_arrow_keys(view: QAbstractItemView) -> None:
    """Let ``view`` handle plain arrow keys while it has the focus."""
    view.installEventFilter(_KeepArrowKeys(view))
