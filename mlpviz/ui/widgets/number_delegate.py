"""The one cell editor for numbers in tables (weights, biases, data), read by the spin boxes' rule.

Anything may be typed. Enter on text that is not a finite number keeps the editor open,
frames it red and says why at the cell (and through ``problem``); leaving the cell
with such text hands it to the model, which refuses it with its own message. A number
goes to the model as a float, never as text for the model to read again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from mlpviz.engine import MlpvizError

from .number_spin_box import clear_refusal, read_number, show_refusal


class NumberDelegate(QStyledItemDelegate):
    """Edits a cell holding a finite float; ``problem`` carries why a typed text was refused."""

    problem = Signal(str)

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt name)
        editor = QLineEdit(parent)
        editor.setObjectName("number-cell-editor")
        editor.textEdited.connect(lambda _text: clear_refusal(editor, ""))
        return editor

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        try:
            value = read_number(editor.text())
        except MlpvizError:
            model.setData(index, editor.text(), Qt.EditRole)  # the model refuses it and says which cell
            return
        model.setData(index, value, Qt.EditRole)

    def eventFilter(self, editor, event) -> bool:  # noqa: N802
        if (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and isinstance(editor, QLineEdit)):
            try:
                read_number(editor.text())
            except MlpvizError as exc:
                show_refusal(editor, str(exc))
                self.problem.emit(str(exc))
                return True  # the editor stays open with what was typed
        return super().eventFilter(editor, event)
