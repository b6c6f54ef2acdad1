"""Help ▸ Keyboard shortcuts (F1): every key and what it does, in two columns that scroll on a short screen.

A message box could not scroll: in Chinese at 1024×768 it took almost the whole height, and a larger
text size would have pushed its Close button off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from .widgets.plain_text import plain_label

EXTRA_KEYS = Qt.Key_Back.value  # from here on: browser, media and launch keys, on a few keyboards only
SCREEN_SHARE = 0.8  # of the screen's height at most: the window behind stays in sight


def typed_keys(action: QAction) -> list[str]:
    """``action``'s keys as the desktop writes them, each once, leaving out keys only some keyboards have: the
    desktop's zoom-in key (``QKeySequence.ZoomIn`` gives Ctrl++ and the Zoom In key) was written "Zoom In", and
    "Ctrl+=, Ctrl++, Zoom In — Larger text" read as if the key list named the action."""
    texts: list[str] = []
    for key in action.shortcuts():
        if key.isEmpty() or any(key[i].key().value >= EXTRA_KEYS for i in range(key.count())):
            continue
        text = key.toString(QKeySequence.NativeText)
        if text not in texts:
            texts.append(text)
    return texts


class ShortcutsDialog(QDialog):
    """The keys (``rows``: keys, what they do) in a read-only table, sized to them up to ``SCREEN_SHARE`` of the
    screen's height, and a Close button."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)  # F1 again makes a new one
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        space = 2 * self.table.fontMetrics().averageCharWidth()  # "Ctrl+Y" ran into "Redo" in Chinese
        self.table.setColumnWidth(0, self.table.columnWidth(0) + space)
        self.table.resizeRowsToContents()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(plain_label(self.tr("Hover over any control for what it does."), wrap=True))
        layout.addWidget(buttons)
        self._fit()

    def rows(self) -> list[tuple[str, str]]:
        """The table's rows as read: (keys, what they do)."""
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]

    def _fit(self) -> None:
        """As wide as the table's columns and as tall as its rows, up to ``SCREEN_SHARE`` of the screen (the table
        scrolls the rest)."""
        table = self.table
        frame = 2 * table.frameWidth()
        width = table.horizontalHeader().length() + frame + table.verticalScrollBar().sizeHint().width()
        height = table.horizontalHeader().sizeHint().height() + table.verticalHeader().length() + frame
        table.setMinimumWidth(width)
        layout = self.layout()
        layout.activate()
        rest = layout.sizeHint().height() - table.sizeHint().height()
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(layout.sizeHint().width(), min(height + rest, int(SCREEN_SHARE * screen.height())))
