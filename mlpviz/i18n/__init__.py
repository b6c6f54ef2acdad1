"""mlpviz's one message layer: a message is an English text with parameters, shown in the user's language.

Qt-free, so the engine, the files, the rules of training and the command line use it as the
windows do: ``msg("Momentum {value} is not below 1", value=m)`` is formatted only when it is
shown (``str(message)``), in the language chosen once (``set_language``), from the catalogue
``mlpviz/i18n/<language>.mo``. The app's Qt ``tr()`` calls reach the same catalogue through
``mlpviz.ui.translator``. ``python -m mlpviz.i18n.extract`` rebuilds the catalogue sources.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = {ENGLISH: "English", CHINESE: "简体中文"}
"""Every language mlpviz speaks, by code, each named in itself (a catalogue per language but English)."""

CATALOGUES = Path(__file__).resolve().parent
_language = ENGLISH


def language() -> str:
    """The language messages are shown in now (a key of LANGUAGES)."""
    return _language


def set_language(code: str) -> str:
    """Show messages in ``code`` (any locale name; one mlpviz has no catalogue for means English)."""
    global _language
    _language = supported(code)
    return _language


def supported(code: str | None) -> str:
    """The language of LANGUAGES that serves a locale name (``zh_CN.UTF-8``, ``zh-Hans-CN``, ``zh``), else English."""
    name = (code or "").split(".")[0].split("@")[0].replace("-", "_")
    if name in LANGUAGES:
        return name
    parts = name.split("_")
    if parts[0].lower() == "zh" and not {"TW", "HK", "MO", "Hant"} & set(parts[1:]):
        return CHINESE
    return ENGLISH


def language_from_environment(environ=None) -> str:
    """The command line's language, read as gettext does: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG.

    ``C`` and ``POSIX`` (and nothing set) mean English; LANGUAGE's list is read in order up to the
    first language mlpviz speaks.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            if value.split(".")[0] in ("C", "POSIX"):
                return ENGLISH
            break
    for wanted in env.get("LANGUAGE", "").split(":"):
        if wanted and supported(wanted) != ENGLISH or wanted.split("_")[0] == "en":
            return supported(wanted)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return supported(env[name])
    return ENGLISH


def catalogue_path(code: str) -> Path:
    """The compiled catalogue of a language (``<code>.mo`` beside this module; its source is ``<code>.po``)."""
    return CATALOGUES / f"{code}.mo"


@lru_cache(maxsize=None)
def catalogue(code: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``code``, read once (English, or one missing, translates nothing)."""
    path = catalogue_path(code)
    if code == ENGLISH or not path.is_file():
        return _gettext.NullTranslations()
    with path.open("rb") as handle:
        return _gettext.GNUTranslations(handle)


def english_texts(code: str = CHINESE) -> list[str]:
    """Every English text the catalogue of ``code`` translates (without contexts), in catalogue order."""
    found = catalogue(code)
    texts = {}
    for key in getattr(found, "_catalog", {}):
        text = key[0] if isinstance(key, tuple) else key
        if text and "\x04" not in text:
            texts[text] = None
    return list(texts)


def lookup(text: str, plural: str | None = None, n: int | None = None, context: str | None = None,
           code: str | None = None) -> str | None:
    """``text`` in the language (``plural``'s form for ``n`` when given), or None when the catalogue has no entry."""
    found = catalogue(code or _language)
    if isinstance(found, _gettext.GNUTranslations):
        key = text if not context else f"{context}\x04{text}"
        if plural is None:
            value = found._catalog.get(key)
        else:
            value = found._catalog.get((key, found.plural(n if n is not None else 1)))
        if value:
            return value
    return None


def translated(text: str, plural: str | None = None, n: int | None = None, context: str | None = None) -> str:
    """``text`` in the current language; English (``plural`` when ``n != 1``) where there is no entry."""
    found = lookup(text, plural, n, context)
    if found is not None:
        return found
    return plural if plural is not None and n != 1 else text


class Message:
    """A text for a person: an English template and its parameters, formatted in the language of the moment.

    ``str()`` gives the text (so an exception carrying one prints in the user's language); a
    template with ``{}`` fields not all given is formatted later with ``.format(...)``.
    """

    __slots__ = ("text", "plural", "n", "context", "params")

    def __init__(self, text: str, plural: str | None = None, n: int | None = None, context: str | None = None,
                 **params) -> None:
        self.text, self.plural, self.n, self.context, self.params = text, plural, n, context, params

    def template(self) -> str:
        """The template in the current language, parameters not yet filled in."""
        return translated(self.text, self.plural, self.n, self.context)

    def format(self, *args, **kwargs) -> str:
        """The template in the current language with these and the message's own parameters."""
        return self.template().format(*args, **{**self.params, "n": self.n, **kwargs})

    def english(self) -> str:
        """The message in English, whatever the language (for logs read by developers)."""
        text = self.plural if self.plural is not None and self.n != 1 else self.text
        return _fill(text, self.params, self.n, english=True)

    def __str__(self) -> str:
        return _fill(self.template(), self.params, self.n)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Message({self.text!r}, {self.params!r})"

    def __eq__(self, other) -> bool:
        if isinstance(other, Message):
            return (self.text, self.plural, self.n, self.context, self.params) == (
                other.text, other.plural, other.n, other.context, other.params)
        if isinstance(other, str):  # a text shown (a widget's, a file dialog's filter) against its message
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.text, self.plural, self.n, self.context))

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __contains__(self, part: str) -> bool:
        return part in str(self)


def _fill(template: str, params: dict, n: int | None, english: bool = False) -> str:
    if not params and n is None:
        return template
    values = {k: (v.english() if english and isinstance(v, Message) else v) for k, v in params.items()}
    try:
        return template.format(**{"n": n, **values})
    except (IndexError, KeyError):  # positional fields: filled later by .format()
        return template


def msg(text: str, **params) -> Message:
    """A message with its parameters, e.g. ``msg("Momentum {value} must be below 1", value=m)``.

    ``text`` must be a literal: ``python -m mlpviz.i18n.extract`` collects it for the catalogues.
    """
    return Message(text, **params)


def msg_n(singular: str, plural: str, n: int, **params) -> Message:
    """A message whose words depend on a number ``n`` (``{n}`` in the text), e.g. ``msg_n("{n} row", "{n} rows", k)``."""
    return Message(singular, plural, int(n), **params)


def msg_in(context: str, text: str, **params) -> Message:
    """A message whose English words mean different things in different places: ``context`` tells them apart."""
    return Message(text, context=context, **params)


def english(value) -> str:
    """A message (or an exception carrying one) in English, for code that checks what was said."""
    if isinstance(value, BaseException):
        value = value.args[0] if len(value.args) == 1 else value
    return value.english() if isinstance(value, Message) else str(value)


def text(value) -> str:
    """Any message or plain string as the text shown (a plain string, e.g. a user's file name, as is)."""
    return str(value)


def sentences(*parts) -> str:
    """Texts joined as sentences: each begins with a capital and ends with a full stop ("。" after a Chinese one,
    with no space), so notes written as clauses ("the file is not UTF-8 …") read as sentences in a message."""
    joined = ""
    for part in parts:
        part = str(part).strip().rstrip(".。").rstrip()
        if not part:
            continue
        chinese = _language == CHINESE and any("\u2e80" <= c <= "\uffef" for c in part)
        part = (part[:1].upper() + part[1:] if part[:1].islower() and part[:1].isascii() else part) + ("。" if chinese else ".")
        joined += part if not joined or joined.endswith("。") else " " + part
    return joined


def qt_lookup(source: str, disambiguation: str | None = None, n: int = -1, code: str | None = None) -> str | None:
    """The translation of a Qt ``tr()`` text (``%n`` plural when ``n >= 0``), or None when there is none."""
    context = disambiguation or None
    if n is not None and n >= 0:
        found = lookup(source, source, n, context, code)
        if found is not None:
            return found
    return lookup(source, None, None, context, code)
