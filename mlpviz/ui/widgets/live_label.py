"""Labels whose text changes while Run goes on, without moving anything around them."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption, QWidget

from .elided_label import ElidedLabel


def live_label(widest: str, parent: QWidget | None = None) -> QLabel:
    """A QLabel that asks for the width of ``widest`` (a typical longest text) whatever it shows.

    Text such as "step 3382 · train 0.0710042" changes many times a second; a label that
    asked for its text's width made the dock, then the main window, re-lay out, which
    resized the canvas and re-rendered it (up to 40 ms a frame during Run). Its size hint
    never follows the text; a narrow panel (a small screen, large text) elides it ("…"),
    and the full text is in the tooltip.
    """
    return _LiveLabel(widest, parent)


class _LiveLabel(ElidedLabel):
    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._widest = widest
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)  # the width of ``widest``, shrinking if it must

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.fontMetrics().horizontalAdvance(self._widest) + 8, self.fontMetrics().height() + 4)


SEPARATOR = " · "


def wrapping_live_label(widest: str, parent: QWidget | None = None) -> QLabel:
    """A live label that wraps at its " · " separators (at spaces when one part is too wide) rather than elide:
    at 1024×768, presenting, the loss panel's header read "step 1 · train loss 1.50…", a number cut.

    Its lines are counted with every digit an 8 (the widest digit), so a new number during Run of as many digits
    repaints it only; ``widest`` is the width it asks for.
    """
    return WrappingLiveLabel(widest, parent)


def wrapped_lines(text: str, fits, separator: str = SEPARATOR) -> list[str]:
    """``text`` in lines for which ``fits(line)`` holds, broken at ``separator`` (dropped at a break), a part that
    does not fit broken at its spaces; a word too wide alone is left whole on its own line, never cut."""
    lines: list[str] = []
    for part in text.split(separator):
        if lines and fits(lines[-1] + separator + part):
            lines[-1] += separator + part
            continue
        words = part.split(" ")
        lines.append(words[0])
        for word in words[1:]:
            if fits(lines[-1] + " " + word):
                lines[-1] += " " + word
            else:
                lines.append(word)
    return lines


class WrappingLiveLabel(ElidedLabel):
    """Its ``lines()`` painted one under the other, whole."""

    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        self._widest, self._rows = widest, 1
        super().__init__("", parent)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def set_widest(self, widest: str) -> None:
        """A new longest text (in another language)."""
        self._widest = widest
        self._fit_rows()

    def lines(self, text: str | None = None) -> list[str]:
        """``text`` (the label's own by default) broken into the lines that fit its width."""
        width, fm = self.contentsRect().width(), self.fontMetrics()
        text = self.text() if text is None else text
        if not re.search(r"\d", text):  # a hint without numbers ("No steps yet: press Step…") keeps one line, elided:
            return [text]  # two lines of it took a 960×540 screen's canvas below half its height
        return wrapped_lines(text, lambda line: fm.horizontalAdvance(line) <= width)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self._fit_rows()

    def _fit_rows(self) -> None:
        rows = max(len(self.lines(re.sub(r"\d", "8", self.text()))), len(self.lines()))  # (the next numbers: as many)
        if rows != self._rows:
            self._rows = rows
            self.updateGeometry()

    def _height(self) -> int:
        return self.fontMetrics().lineSpacing() * self._rows + 4

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.fontMetrics().horizontalAdvance(self._widest) + 8, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().minimumSizeHint().width(), self._height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_rows()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:  # presenting's larger text: other lines
            self._fit_rows()
            self.updateGeometry()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        rect = self.contentsRect()
        step = self.fontMetrics().lineSpacing()
        rect.setTop(rect.top() + max(0, (rect.height() - step * self._rows) // 2))
        for line in self.lines():
            if not re.search(r"\d", line):  # (a line with a number always fits: wrapped_lines)
                line = self.fontMetrics().elidedText(line, Qt.ElideRight, rect.width())
            self.style().drawItemText(painter, QRect(rect.left(), rect.top(), rect.width(), step),
                                      int((Qt.AlignLeft | Qt.AlignVCenter).value), option.palette, self.isEnabled(),
                                      line, self.foregroundRole())
            rect.setTop(rect.top() + step)
