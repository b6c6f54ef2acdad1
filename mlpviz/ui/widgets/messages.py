"""Messages that may quote a file name, file content or an exception: always shown as plain text.

Qt guesses whether a text is HTML (``Qt.mightBeRichText``): a file named ``data<b>.csv``
would turn the message into rich text and an ``<img src=…>`` in the quoted content
would be loaded, from a FIFO or ``/dev/zero`` too. Every such message goes through here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_plain_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A modal message box whose text is never interpreted as HTML."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    show_plain_message(parent, QMessageBox.Icon.Critical, title, text)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    show_plain_message(parent, QMessageBox.Icon.Warning, title, text)
