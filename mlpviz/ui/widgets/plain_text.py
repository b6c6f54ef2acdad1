"""Text that may carry a user's name (a file, a column, a class) is shown as plain text, never as markup.

Qt guesses whether a label's text or a tooltip is HTML (``Qt.mightBeRichText``): a class named
``<img src="/dev/zero">`` would be loaded, and a FIFO would hang the window. Every label, tooltip
and item-model role of the window goes through here; tests/ui/test_hostile_names.py walks them all.
"""

from __future__ import annotations

import functools
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# the roles Qt shows as a tooltip (or what's-this) and so reads as HTML when they look like it
_GUESSED_ROLES = frozenset(int(r.value) for r in (Qt.ToolTipRole, Qt.WhatsThisRole))


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False,
                selectable: bool = False) -> QLabel:
    """A QLabel that shows its text literally, whatever it holds."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def plain_tooltip(text: str, *, width: int = 0) -> str:
    """A tooltip showing ``text`` literally (tooltips have no text format of their own); given a ``width`` in
    pixels, its lines wrap at spaces to it instead of running off the screen (Qt's own wrapping chose a third
    of that and a short message on three lines)."""
    shown = html.escape(text, quote=False)
    if not text or not width:
        return f"<p style='white-space:pre'>{shown}</p>" if text else ""
    return (f"<table width={int(width)} cellspacing=0 cellpadding=0><tr><td style='white-space:pre-wrap'>{shown}"
            "</td></tr></table>")


def plain_roles(method):
    """Wrap a model's ``data(index, role)`` or ``headerData(section, orientation, role)``.

    A string it returns for a tooltip role comes out as literal text: a model says what a cell
    is, this decides once how Qt may show it.
    """
    role_at = 2 if method.__name__ == "headerData" else 1

    @functools.wraps(method)
    def wrapped(self, *args):  # Qt calls it for every role of every visible cell: stays cheap
        value = method(self, *args)
        if len(args) > role_at and args[role_at] in _GUESSED_ROLES and isinstance(value, str):
            return plain_tooltip(value)
        return value

    wrapped.plain_roles = True
    return wrapped
