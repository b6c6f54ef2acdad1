"""Whether the installed fonts can draw a text, and which package to install when they cannot.

Qt draws a letter no font has as a box; mlpviz says so instead: the Chinese UI needs a CJK
font (the app stays in English without one), and so do Chinese class names in a CSV file.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from mlpviz import i18n

FONT_PACKAGES = "fonts-noto-cjk or fonts-wqy-microhei"
WRITING_SYSTEMS = {i18n.CHINESE: QFontDatabase.WritingSystem.SimplifiedChinese}
SAMPLE = {i18n.CHINESE: "中文简体学习率"}  # letters the Chinese UI cannot do without


def has_font_for(code: str) -> bool:
    """Whether an installed font draws the language's letters (English always; Chinese needs a CJK font)."""
    system = WRITING_SYSTEMS.get(code)
    if system is None:
        return True
    return bool(QFontDatabase.families(system)) and drawable(SAMPLE[code])


@lru_cache(maxsize=4096)
def _drawable_letter(letter: str) -> bool:
    code = ord(letter)
    if QFontMetrics(QFont()).inFontUcs4(code):
        return True
    return any(QFontMetrics(QFont(family)).inFontUcs4(code) for family in _families())


@lru_cache(maxsize=1)
def _families() -> tuple[str, ...]:
    return tuple(QFontDatabase.families())


def drawable(text: str) -> bool:
    """Whether every letter of ``text`` is in some installed font (spaces and controls always are)."""
    return all(_drawable_letter(c) for c in set(text) if c.isprintable() and not c.isspace())


def undrawable(texts) -> list[str]:
    """Those of ``texts`` (class or column names) some letter of which no installed font has."""
    return [t for t in texts if not drawable(str(t))]


def missing_font_message(code: str) -> str:
    """What to install to read ``code``; said in English, as the app stays in English until the font is there."""
    return (f"{i18n.LANGUAGES[code]} needs a font with Chinese characters, and none is installed: "
            f"install {FONT_PACKAGES} (e.g. sudo apt install fonts-noto-cjk), then choose it again.")


def names_font_message(names: list[str]) -> str:
    """The status-bar line when class or column names cannot be drawn (shown as boxes otherwise)."""
    return QCoreApplication.translate(
        "Fonts", "No installed font has every letter of {0}: they would be drawn as boxes. Install {1} "
        "(e.g. sudo apt install fonts-noto-cjk) and restart mlpviz.").format(", ".join(names[:3]), FONT_PACKAGES)


def forget_fonts() -> None:
    """Look at the installed fonts again (after a font was installed, or in tests)."""
    _families.cache_clear()
    _drawable_letter.cache_clear()
