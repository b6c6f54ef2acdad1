"""A spin box for real numbers across many orders of magnitude (learning rates, decay)."""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget

SIGNIFICANT_DIGITS = 6


class NumberSpinBox(QDoubleSpinBox):
    """Shows ``0.1``, ``3e-05`` or ``250`` as typed, not ``0.1000``; arrows step by the shown decimal.

    Qt keeps ``decimals`` digits after the point, so it is set high enough that any value
    in range survives a round trip; the text shows six significant digits.
    """

    def __init__(self, minimum: float, maximum: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(12)
        self.setRange(minimum, maximum)
        self.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt name)
        return f"{value:.{SIGNIFICANT_DIGITS}g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        return float(text.replace(",", "."))

    def validate(self, text: str, pos: int):
        stripped = text.strip().replace(",", ".")
        if stripped in ("", "-", "+", ".", "e", "E") or stripped.lower().endswith(("e", "e-", "e+")):
            return QValidator.Intermediate, text, pos
        try:
            value = float(stripped)
        except ValueError:
            return QValidator.Invalid, text, pos
        if self.minimum() <= value <= self.maximum():
            return QValidator.Acceptable, text, pos
        return QValidator.Intermediate, text, pos
