"""The status bar's message in a label that wraps to a second line, so a long message is read whole.

QStatusBar paints its message on one line and cuts it where the numbers start: at 1024×768 a
fresh tester read "Loaded xor_pm1.csv: … with mse, one" and "…and now t". The label takes the
message's place (left of the numbers) and shows the bar's current message, wrapped; the tooltip
holds it too. ``QStatusBar.currentMessage`` and ``showMessage``'s timeout still work as before.
A status tip (a menu item's, the canvas's hint on a short screen) shows only while the bar holds no
message of its own: passing the pointer over the network must not wipe a refusal before it is read; the
tip held back comes when the message's time is over, if the pointer is still where it was given.
A click on the message asks for every message so far (``clicked``: View ▸ Messages…); its tooltip says so.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QStatusBar, QToolTip

from mlpviz.i18n import CHINESE, language

from .widgets.plain_text import plain_label, plain_tooltip

MAX_LINES = 2  # more would take the window's height from the canvas; the tooltip holds the rest
SHOWN_MS = 6000  # a message's time in the bar, at least...
READING_MS_PER_CHAR = 80  # ...and this per character past the first 60 (about 12 a second: a class reading it)
LONGEST_MS = 30000
TIP_CHARS = 60  # the tooltip's lines at most (the whole message, wrapped: on one line it ran off the screen)


def message_ms(text: str) -> int:
    """How long ``text`` stays in the status bar: long enough to read (a 266-character note on the file's
    encoding went after 6 s, before a fresh tester had read its first line)."""
    return min(LONGEST_MS, SHOWN_MS + READING_MS_PER_CHAR * max(0, len(text) - 60))


class StatusMessage(QObject):
    """A wrapping label, first of ``bar``'s permanent widgets, showing the bar's message; ``clicked`` when clicked."""

    clicked = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.label = plain_label(wrap=True)
        self.label.setCursor(Qt.PointingHandCursor)
        self.label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        # first of the permanent widgets, stretching: the bar's own one-line message gets no room to paint
        bar.insertPermanentWidget(0, self.label, 1)
        bar.messageChanged.connect(self.show)
        self.label.installEventFilter(self)
        self._bar, self._tip = bar, ""  # the status tip the bar shows now, if it shows one
        self.label.setToolTip(self._tooltip(""))
        self._held = ""  # the status tip held back by a message of the app's own: shown when that message ends
        if bar.parentWidget() is not None:  # status tips travel up to the window, which shows them in the bar
            bar.parentWidget().installEventFilter(self)

    def show(self, text: str) -> None:
        """Show ``text`` (empty when the message's time is over), wrapped, and as the label's tooltip (wrapped
        too: one line ran off the screen); then the status tip a message held back, if any."""
        self._text = text
        if QToolTip.isVisible() and QToolTip.text() == self.label.toolTip() != "":
            QToolTip.hideText()  # it told of the message before: gone with it (the next hover shows the new one)
        self.label.setToolTip(self._tooltip(text))
        self.fit_height()
        if not text and self._held:  # the message's time is over; the pointer is still where the tip was given
            self._tip, self._held = self._held, ""
            self._bar.showMessage(self._tip)  # as the window shows a status tip: until the pointer leaves

    def retranslate(self) -> None:
        """The tooltip in the language just chosen (its hint; the message stays as it was shown)."""
        self.label.setToolTip(self._tooltip(getattr(self, "_text", "")))

    def _tooltip(self, text: str) -> str:
        """The message, whole and wrapped, then what a click does."""
        hint = self.tr("Click: every message so far (View ▸ Messages…)")
        return plain_tooltip(f"{text}\n\n{hint}" if text else hint, width=max(map(self._tip_width, (text, hint))))

    @staticmethod
    def _tip_width(text: str) -> int:
        """The tooltip's width for ``text``: its own on one line, at most about 60 characters (read at a glance)."""
        metrics = QFontMetrics(QToolTip.font())
        return min(metrics.horizontalAdvance(text) + 2, TIP_CHARS * metrics.averageCharWidth())

    def fit_height(self) -> None:
        """``MAX_LINES`` lines tall (the wrapped message shown in them, a short one centred as the numbers are);
        a message longer than that ends in "…" at the end of the last line (it was cut at the top and bottom)."""
        line = self.label.fontMetrics().lineSpacing()
        text = self._within_lines(getattr(self, "_text", ""))
        if self.label.text() != text:
            self.label.setText(text)
        self.label.setMinimumHeight(0)  # QLabel's measure is at least its minimum: the last fixed height, not the text's
        wanted = self.label.heightForWidth(max(1, self.label.width())) if text else line
        wanted = min(wanted, round(MAX_LINES * line * 1.25) + 2)  # (Chinese lines: taller)
        self.label.setFixedHeight(max(self._reserved_height(), wanted))

    def _reserved_height(self) -> int:
        """``MAX_LINES`` lines of the label's font, Chinese ones too (taller than its line spacing), whatever the
        message: the bar keeps its height, so the window above it (the canvas, fitted to its height) never
        jumps by a line when a long message comes and goes (11 px of canvas at 1024×768, always; 18 in Chinese)."""
        line = "Ag中文" if language() == CHINESE else "Ag"  # (an English bar spends no room on a Chinese file name)
        sample = "\n".join([line] * MAX_LINES)  # measured as the label measures plain text
        return self.label.fontMetrics().boundingRect(QRect(0, 0, 10_000, 10_000), Qt.TextWordWrap, sample).height()

    def _lines(self, text: str) -> int:
        """How many lines ``text`` wraps to at the label's width (counted, not measured: a Chinese line is taller
        than the font's line spacing, and a two-line Chinese message was cut to one)."""
        layout = QTextLayout(text, self.label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WordWrap)  # as the label wraps
        layout.setTextOption(option)
        layout.beginLayout()
        count = 0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(max(1, self.label.width()))
            count += 1
        layout.endLayout()
        return count

    def _within_lines(self, text: str) -> str:
        """``text``, or its longest beginning with "…" that wraps to ``MAX_LINES`` lines at the label's width."""
        fits = lambda t: self._lines(t) <= MAX_LINES
        if not text or fits(text):
            return text
        low, high = 0, len(text)  # the longest beginning that fits, found by halving
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if fits(text[:mid].rstrip() + "…") else (low, mid - 1)
        return text[:low].rstrip() + "…"

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == QEvent.StatusTip and watched is not self.label:
            current = self._bar.currentMessage()
            if current and current != self._tip:
                self._held = event.tip()  # the pointer entered ("" once it left): shown when the message ends
                return True  # a message of the app's own (a refusal, a result): kept until its time is over
            self._tip, self._held = event.tip(), ""
        elif kind in (QEvent.Resize, QEvent.FontChange) and watched is self.label:  # new width or text size: wrap
            self.fit_height()
        elif kind == QEvent.MouseButtonRelease and watched is self.label and event.button() == Qt.LeftButton:
            self.clicked.emit()
        return False
