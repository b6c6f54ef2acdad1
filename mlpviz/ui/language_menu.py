"""View ▸ Language: English or 简体中文, remembered; the desktop's language until the user picks one.

Choosing one installs its translations at once (``translator.install_language``) and asks the
window to put every text up again (``changed``); a language no installed font can draw is
refused with the package to install, and the app stays in the language it has.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from mlpviz import i18n

from .fonts import has_font_for, missing_font_message
from .translator import install_language, system_language

SETTING = "view/language"


def chosen_language(settings: QSettings) -> str:
    """The language the user chose last, else the desktop's."""
    saved = settings.value(SETTING)
    return i18n.supported(str(saved)) if saved else system_language()


def start_language(settings: QSettings) -> str:
    """Install the app's language before the window is built; returns what to tell the user ("" if all is well)."""
    code = chosen_language(settings)
    if not has_font_for(code):
        install_language(i18n.ENGLISH)
        return missing_font_message(code)
    install_language(code)
    return ""


class LanguageChoice(QObject):
    """The Language menu; ``changed(old, new)`` once a language is installed, ``message`` when one cannot be."""

    changed = Signal(str, str)
    message = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.menu = QMenu(self.tr("&Language"))
        self.menu.setToolTipsVisible(True)
        group = QActionGroup(self)
        self.actions = {}
        for code, name in i18n.LANGUAGES.items():  # each named in itself: a reader finds their own
            action = self.menu.addAction(name)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            group.addAction(action)
            self.actions[code] = action
        self._check(i18n.language())

    def _check(self, code: str) -> None:
        self.actions[code].setChecked(True)

    def choose(self, code: str) -> None:
        """Show the app in ``code`` from now on (and at the next launch)."""
        old = i18n.language()
        if not has_font_for(code):
            self._check(old)
            self.message.emit(missing_font_message(code))
            return
        self.settings.setValue(SETTING, code)
        new = install_language(code)
        self._check(new)
        if new != old:
            self.changed.emit(old, new)
