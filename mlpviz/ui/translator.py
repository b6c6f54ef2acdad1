"""The app's languages: Qt's own words (qtbase_<lang>.qm) and mlpviz's catalogue, installed together.

``CatalogueTranslator`` answers Qt's ``tr()``/``translate()`` look-ups from the same gettext
catalogue the Qt-free layers use (``mlpviz.i18n``), so each text has one translation.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from mlpviz import i18n

from .qt_gaps import QT_GAPS

QT_CLASS = re.compile(r"Q[A-Z]")  # QShortcut, QFileDialog: a context of Qt itself (mlpviz's QuizPanel is not one)
QT_GAP_TEXTS = {gap.text for gap in QT_GAPS}


class CatalogueTranslator(QTranslator):
    """Qt's look-ups answered from mlpviz's catalogue of one language (an empty answer: the English source)."""

    def __init__(self, code: str, parent=None) -> None:
        super().__init__(parent)
        self.code = code

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 (Qt's)
        if context and QT_CLASS.match(context) and source not in QT_GAP_TEXTS:
            return None  # Qt's own words are qtbase's ("Right" is a key there, not a verdict)
        return i18n.qt_lookup(source, disambiguation, -1 if n is None else n, self.code)  # None: not ours

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False

    def language(self) -> str:
        return self.code


def system_language() -> str:
    """The language of the desktop (QLocale's UI languages, first mlpviz speaks), else English."""
    for name in QLocale.system().uiLanguages():
        code = i18n.supported(name)
        if code != i18n.ENGLISH or name.lower().startswith("en"):
            return code
    return i18n.ENGLISH


_installed: list[QTranslator] = []


def install_language(code: str) -> str:
    """Show the app in ``code`` from now on (Qt retranslates: every widget gets a LanguageChange event).

    Returns the language actually used: English where mlpviz has no catalogue.
    """
    app = QCoreApplication.instance()
    code = i18n.set_language(code)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if code != i18n.ENGLISH:
        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{code}", folder):
            _installed.append(qt)
        _installed.append(CatalogueTranslator(code, app))
        for translator in _installed:
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(code) if code != i18n.ENGLISH else QLocale(QLocale.English, QLocale.UnitedStates))
    return code
