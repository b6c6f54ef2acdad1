"""Lesson ▸ properties: the title and the note (plain text, Markdown if the author likes) readers see."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from mlpviz.document.lesson import MAX_NOTE, MAX_TITLE


def ask_lesson_texts(title: str, note: str, parent: QWidget | None) -> tuple[str, str] | None:
    """``(title, note)`` as edited, or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Lesson properties"))
    title_edit = QLineEdit(title, dialog)
    title_edit.setMaxLength(MAX_TITLE)
    title_edit.setPlaceholderText(dialog.tr("e.g. Backprop by hand: the 2-2-2 example"))
    note_edit = QPlainTextEdit(note, dialog)
    note_edit.setPlaceholderText(dialog.tr("What should the reader look at? Shown beside the network."))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(dialog.tr("&Title"), title_edit)
    form.addRow(dialog.tr("&Note"), note_edit)
    form.addRow(buttons)
    dialog.resize(520, 360)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return title_edit.text(), note_edit.toPlainText()[:MAX_NOTE]
