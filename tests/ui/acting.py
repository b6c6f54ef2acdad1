"""What a user does, for the GUI tests: type into a field, open a file with File ▸ Open…, pick a preset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog


def type_into(spin, text: str) -> None:
    """Select what ``spin`` shows, type ``text`` over it and press Return."""
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin, text)
    QTest.keyClick(spin, Qt.Key_Return)


def open_through_menu(window, monkeypatch, path) -> None:
    """File ▸ Open… answered with ``path`` (an import preview's OK is pressed by the window fixture)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.document_actions.open_action.trigger()


def pick_preset(window, key: str) -> None:
    """Presets ▸ the preset ``key`` ("iris", "spiral", ...)."""
    next(a for a in window.presets_menu.actions() if a.objectName() == f"preset-{key}").trigger()
