"""Light, dark and high-contrast looks (View ▸ Appearance; following the system by default).

A ``Look`` is the handful of colours the drawn views need (the canvas, the plots); widgets
and tables follow the application palette, which the look sets. High contrast is for a
washed-out projector: a white page, black text, heavy outlines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

SYSTEM, LIGHT, DARK, CONTRAST = "system", "light", "dark", "contrast"


@dataclass(frozen=True)
class Look:
    """Colours of the drawn views: page, text, quieter text, lines (outlines, axes), the grid."""

    name: str
    background: QColor
    text: QColor
    muted: QColor
    line: QColor
    outline_width: float  # node outlines, in pixels

    @property
    def is_dark(self) -> bool:
        return self.background.lightness() < 128


LOOKS = {
    LIGHT: Look(LIGHT, QColor("#ffffff"), QColor("#222222"), QColor("#555555"), QColor("#464646"), 1.5),
    DARK: Look(DARK, QColor("#1e1f22"), QColor("#ececec"), QColor("#b4b4b4"), QColor("#d0d0d0"), 1.5),
    CONTRAST: Look(CONTRAST, QColor("#ffffff"), QColor("#000000"), QColor("#000000"), QColor("#000000"), 3.0),
}


_SYSTEM_PALETTE: QPalette | None = None


def system_palette() -> QPalette:
    """The application palette as the desktop set it, before any look was applied."""
    global _SYSTEM_PALETTE
    if _SYSTEM_PALETTE is None:
        _SYSTEM_PALETTE = QPalette(QApplication.palette())
    return QPalette(_SYSTEM_PALETTE)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return True
    return system_palette().color(QPalette.Window).lightness() < 128


def palette_for(look: Look) -> QPalette:
    """The application palette of ``look`` (the Fusion style's, recoloured)."""
    p = QPalette()
    if look.name == DARK:
        window, base, text, button = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#ececec"), QColor("#3a3c40")
        highlight, link = QColor("#3d7bd6"), QColor("#8ab4f8")
    elif look.name == CONTRAST:
        window, base, text, button = QColor("#ffffff"), QColor("#ffffff"), QColor("#000000"), QColor("#f0f0f0")
        highlight, link = QColor("#0033cc"), QColor("#0033cc")
    else:
        return QApplication.style().standardPalette()
    for role, colour in ((QPalette.Window, window), (QPalette.Base, base), (QPalette.AlternateBase, button),
                         (QPalette.Button, button), (QPalette.ToolTipBase, base), (QPalette.WindowText, text),
                         (QPalette.Text, text), (QPalette.ButtonText, text), (QPalette.ToolTipText, text),
                         (QPalette.BrightText, QColor("#ff5555")), (QPalette.Highlight, highlight),
                         (QPalette.HighlightedText, QColor("#ffffff")), (QPalette.Link, link),
                         (QPalette.PlaceholderText, look.muted)):
        p.setColor(role, colour)
    # disabled: clearly greyed out (a muted text that equals the text, as in high contrast, made a disabled
    # button look like an enabled one), on a flat button of the window's colour
    disabled = QColor("#6f7278") if look.name == DARK else QColor("#6b6b6b")
    for role in (QPalette.Text, QPalette.ButtonText, QPalette.WindowText):
        p.setColor(QPalette.Disabled, role, disabled)
    p.setColor(QPalette.Disabled, QPalette.Button, window)
    return p


class Appearance(QObject):
    """The chosen look (``choice``: system, light, dark or contrast), remembered; ``changed`` carries the Look."""

    changed = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        system_palette()  # remember the desktop's before changing it
        self.menu = QMenu(self.tr("&Appearance"))
        group = QActionGroup(self)
        names = {SYSTEM: self.tr("Follow the &system"), LIGHT: self.tr("&Light"), DARK: self.tr("&Dark"),
                 CONTRAST: self.tr("&High contrast (projector)")}
        for key, text in names.items():
            action = QAction(text, self, checkable=True, checked=key == self.choice)
            action.setData(key)
            action.triggered.connect(lambda _on=False, k=key: self.set_choice(k))
            group.addAction(action)
            self.menu.addAction(action)

    @property
    def choice(self) -> str:
        value = str(self._settings.value("view/appearance", SYSTEM))
        return value if value in (SYSTEM, *LOOKS) else SYSTEM

    @property
    def look(self) -> Look:
        if self.choice == SYSTEM:
            return LOOKS[DARK] if system_is_dark() else LOOKS[LIGHT]
        return LOOKS[self.choice]

    def set_choice(self, key: str) -> None:
        self._settings.setValue("view/appearance", key)
        for action in self.menu.actions():
            action.setChecked(action.data() == key)
        self.apply()

    def apply(self) -> None:
        """Set the application palette of the look and tell the drawn views (``changed``)."""
        look = self.look
        if self.choice == SYSTEM:
            QApplication.setPalette(system_palette())
        else:
            QApplication.setPalette(palette_for(look))
        self.changed.emit(look)
