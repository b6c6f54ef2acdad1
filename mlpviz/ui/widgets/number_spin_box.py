"""The one way numbers are typed in mlpviz: spin boxes for settings, read by one rule.

Every field reads what was typed with ``parse_answer`` (either decimal mark, ``0.5`` or
``0,5``, in any locale; ``1e-3``; a Unicode minus), shows values in one style (six
significant digits with a point: ``0.1``, ``3e-05``, ``250``) and never turns typed text
into another value: text that is not a number, or a number outside the field's range, is
refused when Enter is pressed or the field is left, with a message at the field (its
tooltip, shown at once) and through ``refused``; the field keeps its value.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox, QToolTip, QWidget

from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg
from mlpviz.teaching.answer import parse_answer, shown_input

SIGNIFICANT_DIGITS = 6
_REFUSED_STYLE = "border: 2px solid #d0202a;"


def format_number(value: float) -> str:
    """The one style numbers are shown in: ``0.1``, ``3e-05``, ``250`` (a point, whatever the locale)."""
    return f"{value:.{SIGNIFICANT_DIGITS}g}"


def format_range(minimum: float, maximum: float, whole: bool = False) -> str:
    text = str if whole else format_number
    return f"{text(minimum)} to {text(maximum)}"


def read_number(text: str, minimum: float = -math.inf, maximum: float = math.inf, whole: bool = False) -> float:
    """``text`` as a number in ``[minimum, maximum]`` (a whole one if ``whole``); MlpvizError says why not."""
    value = parse_answer(text)
    if whole and value != int(value):
        raise MlpvizError(msg("{value} is not a whole number; type one from {value2}", value=shown_input(text),
                              value2=format_range(minimum, maximum, True)))
    if not minimum <= value <= maximum:
        shown = int(value) if whole else format_number(value)
        raise MlpvizError(msg("{shown} is out of range: type a number from {value}", shown=shown, value=format_range(minimum, maximum, whole)))
    return int(value) if whole else value


def show_refusal(widget: QWidget, message: str) -> None:
    """Say at ``widget`` why what was typed there was refused (tooltip, red frame) until the next edit."""
    widget.setProperty("refusal", message)
    widget.setToolTip(message)
    widget.setStyleSheet(_REFUSED_STYLE)
    if widget.isVisible() and QGuiApplication.platformName() != "offscreen":  # no popups offscreen
        QToolTip.showText(widget.mapToGlobal(QPoint(0, widget.height())), message, widget)


def clear_refusal(widget: QWidget, tooltip: str) -> None:
    if widget.property("refusal"):
        widget.setProperty("refusal", "")
        widget.setToolTip(tooltip)
        widget.setStyleSheet("")


class _TypedNumber:
    """What both spin boxes share (mixed into a QDoubleSpinBox or a QSpinBox)."""

    _whole = False
    _tip = ""

    def _bare(self, text: str) -> str:
        if self.prefix() and text.startswith(self.prefix()):
            text = text[len(self.prefix()):]
        if self.suffix() and text.endswith(self.suffix()):
            text = text[: -len(self.suffix())]
        return text.strip()

    def _is_special(self, text: str) -> bool:
        return bool(self.specialValueText()) and text.strip() == self.specialValueText()

    def problem_with(self, text: str) -> str:
        """Why ``text`` (as in the field, with prefix and suffix) would be refused, or "".

        Qt asks several times a keystroke (validate, Enter, leaving): each text is read once.
        """
        key = (text, self.minimum(), self.maximum())
        checked = getattr(self, "_checked", None)
        if checked is not None and checked[0] == key:
            return checked[1]
        problem = ""
        if not self._is_special(text):
            try:
                read_number(self._bare(text), self.minimum(), self.maximum(), self._whole)
            except MlpvizError as exc:
                problem = str(exc)
        self._checked = (key, problem)
        return problem

    def validate(self, text: str, pos: int):
        """Anything may be typed; only a number in range is Acceptable (the rest is refused on Enter)."""
        if not self.problem_with(text):
            return QValidator.Acceptable, text, pos
        return QValidator.Intermediate, text, pos

    def fixup(self, text: str) -> str:  # never "correct" typed text into another value
        return text

    def valueFromText(self, text: str):  # noqa: N802 (Qt name)
        if self._is_special(text):
            return self.minimum()
        return read_number(self._bare(text), self.minimum(), self.maximum(), self._whole)

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        if not self.property("refusal"):
            self._tip = tip
        super().setToolTip(tip)

    @property
    def refusal(self) -> str:
        """The message of the last refused entry, until the next accepted one ("" if none)."""
        return self.property("refusal") or ""

    def forget_refusal(self) -> None:
        """The value was set from elsewhere (a preset, a file): the refused text is gone, and its red frame."""
        clear_refusal(self, self._tip)

    def _check_typed(self) -> None:
        problem = self.problem_with(self.lineEdit().text())
        if problem:
            show_refusal(self, problem)
            self.refused.emit(problem)
        else:
            clear_refusal(self, self._tip)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self._check_typed()
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        if self.lineEdit().isModified():
            self._check_typed()
        super().focusOutEvent(event)


class NumberSpinBox(_TypedNumber, QDoubleSpinBox):
    """A real number from ``minimum`` to ``maximum`` across many orders of magnitude.

    Shows ``0.1``, ``3e-05`` or ``250``, not ``0.1000``; arrows step by the shown decimal.
    Qt keeps ``decimals`` digits after the point, so it is set high enough that any value
    in range survives a round trip.
    """

    refused = Signal(str)

    def __init__(self, minimum: float, maximum: float, parent: QWidget | None = None, *,
                 tip: str = "", single_step: float | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(12)
        self.setRange(minimum, maximum)
        if single_step is None:
            self.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        else:
            self.setSingleStep(single_step)
        self.setKeyboardTracking(False)
        if tip:
            self.setToolTip(tip)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt name)
        return format_number(value)


class WholeNumberSpinBox(_TypedNumber, QSpinBox):
    """A whole number from ``minimum`` to ``maximum`` (unit counts, batch size, seeds, samples)."""

    refused = Signal(str)
    _whole = True

    def __init__(self, minimum: int, maximum: int, parent: QWidget | None = None, *,
                 tip: str = "", single_step: int = 1, special: str = "") -> None:
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.setSingleStep(single_step)
        self.setKeyboardTracking(False)
        if special:
            self.setSpecialValueText(special)
        if tip:
            self.setToolTip(tip)

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt name)
        return str(value)
