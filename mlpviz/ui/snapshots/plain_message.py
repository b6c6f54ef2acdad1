"""An error box whose text is shown as typed: file names and messages are never read as HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_refusal(parent: QWidget, title: str, text: str) -> None:
    """A modal critical message with ``Qt.PlainText`` (QMessageBox.critical guesses rich text)."""
    box = QMessageBox(QMessageBox.Critical, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    box.exec()
