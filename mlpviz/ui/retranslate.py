"""Every text already on screen shown again in the language just chosen (View ▸ Language).

Views make their words with ``tr()`` when they are built; rather than each view keeping a
second copy of its texts, this walks the widgets and actions, finds the English text behind
each text shown (remembered from the last switch, else looked up backwards in the catalogue,
templates with numbers included) and puts up its translation. Texts that are not from the
catalogue (file names, numbers, class names) are left alone. Drawn views refresh themselves.
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox,
                               QGroupBox, QLabel, QLineEdit, QMenu, QTabBar, QWidget)

from mlpviz import i18n
from mlpviz.i18n.extract import FIELD

_shown: dict[tuple[int, str], tuple[str, str]] = {}  # (object, property) -> (English, text put up)


class TextMap:
    """From texts in language ``old`` to the same texts in ``new``, by the catalogue's English originals."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        sources = i18n.english_texts()
        self.back = {}
        self.plain = {}  # a text without its access key (a button made from a menu action's text)
        for source in sources:
            self.back.setdefault(_shown_in(source, old), source)
            if "&" in source:
                self.back.setdefault(without_key(_shown_in(source, old)), without_key(source))
                self.plain[without_key(source)] = without_key(_shown_in(source, new))
        self.old_templates = _templates(sources, old)
        self.english_templates = self.old_templates if old == i18n.ENGLISH else _templates(sources, i18n.ENGLISH)

    def english(self, text: str, depth: int = 2, numbers_only: bool = False) -> str | None:
        """The English text behind ``text`` shown in the old language, or None if it is not the catalogue's.

        A template's filled-in values may be catalogue texts themselves (", 2 classes"): they are looked up too.
        """
        if text in self.back:
            return self.back[text]
        if depth == 0:
            return None
        for pattern, source, tokens in self.old_templates:
            found = pattern.match(text)
            if found and not (numbers_only and not all(re.search(r"\d", v) for v in found.groups())):
                values = tuple(self.english(v, depth - 1) or v for v in found.groups())
                return _fill(source, tokens, values)
        return None

    def convert(self, english: str, depth: int = 2) -> str:
        """``english`` (a catalogue text, its fields filled in) in the new language."""
        if self.new == i18n.ENGLISH:
            return english
        direct = i18n.qt_lookup(english, None, -1, self.new) or self.plain.get(english)
        if direct is not None or depth == 0:
            return english if direct is None else direct
        for pattern, source, tokens in self.english_templates:
            found = pattern.match(english)
            if found:
                values = tuple(self.convert(v, depth - 1) for v in found.groups())
                return _fill(_shown_in(source, self.new), tokens, values)
        return english


def without_key(text: str) -> str:
    """``&File`` -> ``File``, ``文件(&F)`` -> ``文件``: the words of a menu text without its access key."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "")


def _shown_in(source: str, code: str) -> str:
    """A catalogue text as shown in ``code``."""
    return source if code == i18n.ENGLISH else (i18n.qt_lookup(source, None, -1, code) or source)


def _templates(sources: list[str], code: str) -> list[tuple[re.Pattern, str, list[str]]]:
    """A pattern for each text with fields as shown in ``code``, the most specific first."""
    found = []
    for source in sources:
        shown = _shown_in(source, code)
        tokens = FIELD.findall(shown)
        if not tokens or len(re.findall(r"\w", FIELD.sub("", shown))) < 2:
            continue  # "{0} ({1})" would match any text with brackets
        parts = FIELD.split(shown)
        pattern = "".join(re.escape(p) + ("(.+?)" if i < len(tokens) else "") for i, p in enumerate(parts))
        found.append((re.compile(pattern + r"\Z", re.S), source, tokens))
    found.sort(key=lambda t: -len(t[0].pattern))
    return found


def _fill(template: str, tokens: list[str], values: tuple[str, ...]) -> str:
    """``template`` with each field replaced by the value its token had (by name, the k-th ``{}`` by order)."""
    by_token: dict[tuple[str, int], str] = {}
    seen: dict[str, int] = {}
    for token, value in zip(tokens, values):
        by_token[(token, seen.get(token, 0))] = value
        seen[token] = seen.get(token, 0) + 1
    count: dict[str, int] = {}

    def put(match: re.Match) -> str:
        token = match.group(0)
        k = count.get(token, 0)
        count[token] = k + 1
        return by_token.get((token, k), by_token.get((token, 0), token))

    return FIELD.sub(put, template)


def _properties(obj: QObject):
    """(name, read, write) for each text of ``obj`` a user reads."""
    props = []
    if isinstance(obj, QWidget):
        props += [("windowTitle", obj.windowTitle, obj.setWindowTitle), ("toolTip", obj.toolTip, obj.setToolTip),
                  ("statusTip", obj.statusTip, obj.setStatusTip)]
    if isinstance(obj, (QLabel, QAbstractButton)):
        props.append(("text", obj.text, obj.setText))
    if isinstance(obj, QLineEdit):
        props.append(("placeholderText", obj.placeholderText, obj.setPlaceholderText))
    if isinstance(obj, QGroupBox):
        props.append(("title", obj.title, obj.setTitle))
    if isinstance(obj, QMenu):
        props.append(("title", obj.title, obj.setTitle))
    if isinstance(obj, QAbstractSpinBox):
        props.append(("specialValueText", obj.specialValueText, obj.setSpecialValueText))
        if hasattr(obj, "suffix"):
            props += [("suffix", obj.suffix, obj.setSuffix), ("prefix", obj.prefix, obj.setPrefix)]
    if isinstance(obj, QAction):
        props += [("text", obj.text, obj.setText), ("toolTip", obj.toolTip, obj.setToolTip),
                  ("statusTip", obj.statusTip, obj.setStatusTip)]
    if isinstance(obj, QTabBar):
        for i in range(obj.count()):
            props.append((f"tab{i}", lambda i=i: obj.tabText(i), lambda t, i=i: obj.setTabText(i, t)))
            props.append((f"tabtip{i}", lambda i=i: obj.tabToolTip(i), lambda t, i=i: obj.setTabToolTip(i, t)))
    if isinstance(obj, QComboBox):
        for i in range(obj.count()):
            props.append((f"item{i}", lambda i=i: obj.itemText(i), lambda t, i=i: obj.setItemText(i, t)))
    return props


def retranslate(old: str, new: str, roots: list[QObject] | None = None) -> int:
    """Put up every catalogue text of the app's widgets and actions in ``new``; returns how many changed."""
    if old == new:
        return 0
    texts = TextMap(old, new)
    objects: list[QObject] = []
    for root in QApplication.topLevelWidgets() if roots is None else roots:  # each window and what it holds
        for widget in [root, *root.findChildren(QWidget)]:
            objects.append(widget)
            objects += widget.actions()
    for root in roots or QApplication.topLevelWidgets():
        objects += root.findChildren(QAction)
    changed, done = 0, set()
    for obj in objects:
        address = shiboken6.getCppPointer(obj)[0]
        if address in done:
            continue
        done.add(address)
        for name, read, write in _properties(obj):
            current = read()
            if not current:
                continue
            remembered = _shown.get((address, name))
            item = name.startswith("item")  # a list's items: "sample 3" is "sample {0}", "step decay" is not "step {0}"
            english = (remembered[0] if remembered and remembered[1] == current
                       else texts.english(current, numbers_only=item))
            if english is None:
                continue
            shown = texts.convert(english)
            _shown[(address, name)] = (english, shown)
            if shown != current:
                write(shown)
                changed += 1
        if isinstance(obj, QAbstractItemView) and obj.model() is not None:
            _refresh_headers(obj)
    return changed


def _refresh_headers(view: QAbstractItemView) -> None:
    """Headers and cells ask their model again (their words come from tr() when drawn)."""
    for name, orientation in (("horizontalHeader", Qt.Horizontal), ("verticalHeader", Qt.Vertical)):
        header = getattr(view, name, None)
        if header is not None and header() is not None and header().count():
            header().headerDataChanged(orientation, 0, header().count() - 1)
    view.viewport().update()
