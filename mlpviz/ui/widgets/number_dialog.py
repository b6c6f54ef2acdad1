"""Asking for one number in a small dialog, with the app's one number entry (either decimal mark)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from .number_spin_box import NumberSpinBox


class NumberDialog(QDialog):
    """OK gives ``value()``; typed text that is not a number in range is refused at the field."""

    def __init__(self, title: str, label: str, value: float, minimum: float, maximum: float,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.spin = NumberSpinBox(minimum, maximum, self)
        self.spin.setValue(value)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(label, self.spin)
        form.addRow(buttons)

    def value(self) -> float:
        return self.spin.value()


def ask_number(parent: QWidget | None, title: str, label: str, value: float, minimum: float,
               maximum: float) -> float | None:
    """The number the user typed (``0.5`` or ``0,5`` in any locale), or None if cancelled."""
    dialog = NumberDialog(title, label, value, minimum, maximum, parent)
    return dialog.value() if dialog.exec() == QDialog.Accepted else None
