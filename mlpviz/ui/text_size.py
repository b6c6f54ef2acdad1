"""One text size for the whole app (View ▸ Text size; Ctrl+= larger, Ctrl+- smaller, Ctrl+0 normal).

The size is a factor on the desktop's font, remembered in QSettings; presentation mode keeps
its own (starting at 2×, for the back row). Widgets follow the application font; the views
that draw their own text (canvas, plots, formulas) take the factor through ``set_text_scale``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip, QWidget

STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0)
PRESENTATION_START = 2.0


def next_step(scale: float, direction: int) -> float:
    """The next size in STEPS above (``direction`` 1) or below (-1) ``scale``."""
    if direction > 0:
        return next((s for s in STEPS if s > scale + 1e-9), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < scale - 1e-9), STEPS[0])


def _distinct(keys) -> list[QKeySequence]:
    """Each key once: the desktop's zoom keys are often Ctrl++ and Ctrl+- already, and a key listed twice
    on one action is ambiguous to Qt, which then does nothing."""
    out: list[QKeySequence] = []
    for key in keys:
        for sequence in (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [key]):
            if not sequence.isEmpty() and sequence not in out:
                out.append(sequence)
    return out


class TextSize(QObject):
    """The text size now (``scale``), for the desktop or for presentation mode; ``changed`` carries it."""

    changed = Signal(float)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.presenting = False
        self.larger_action = QAction(self.tr("&Larger text"), self, triggered=lambda: self.step(1))
        self.larger_action.setShortcuts(_distinct([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.ZoomIn]))
        self.smaller_action = QAction(self.tr("&Smaller text"), self, triggered=lambda: self.step(-1))
        self.smaller_action.setShortcuts(_distinct([QKeySequence("Ctrl+-"), QKeySequence.ZoomOut]))
        self.reset_action = QAction(self.tr("&Normal text size"), self, shortcut=QKeySequence("Ctrl+0"),
                                    triggered=self.reset)

    def actions(self) -> list[QAction]:
        return [self.larger_action, self.smaller_action, self.reset_action]

    def _key(self) -> str:
        return "view/presentation_text_scale" if self.presenting else "view/text_scale"

    def _default(self) -> float:
        return PRESENTATION_START if self.presenting else 1.0

    @property
    def scale(self) -> float:
        try:
            value = float(self._settings.value(self._key(), self._default()))
        except (TypeError, ValueError):
            value = self._default()
        return min(max(value, STEPS[0]), STEPS[-1])

    def set_scale(self, scale: float) -> None:
        self._settings.setValue(self._key(), float(scale))
        self.changed.emit(self.scale)

    def step(self, direction: int) -> None:
        self.set_scale(next_step(self.scale, direction))

    def reset(self) -> None:
        self.set_scale(self._default())

    def set_presenting(self, on: bool) -> None:
        """Switch to presentation mode's own size (or back); ``changed`` carries the size now."""
        self.presenting = bool(on)
        self.changed.emit(self.scale)


_DESKTOP_FONT: QFont | None = None


def desktop_font() -> QFont:
    """The application font as the desktop set it, before any text size was applied."""
    global _DESKTOP_FONT
    if _DESKTOP_FONT is None:
        _DESKTOP_FONT = QFont(QApplication.font())
    return QFont(_DESKTOP_FONT)


def apply_to_widgets(base: QFont, scale: float, root: QWidget) -> None:
    """The application font and tooltips at ``base`` × ``scale``; table rows under ``root`` as tall as the text."""
    font = QFont(base)
    font.setPointSizeF(max(5.0, base.pointSizeF() * scale))
    QApplication.setFont(font)
    QToolTip.setFont(font)
    for view in root.findChildren(QAbstractItemView):
        for name in ("verticalHeader", "horizontalHeader", "header"):
            header = getattr(view, name, None)
            if header is not None:
                _scale_sections(header(), scale)


def _scale_sections(header, scale: float) -> None:
    """The header's default section size as its view made it, times ``scale``."""
    base = header.property("mlpviz_base_section")
    if base is None:
        base = header.defaultSectionSize()
        header.setProperty("mlpviz_base_section", base)
    header.setDefaultSectionSize(max(12, round(int(base) * scale)))
