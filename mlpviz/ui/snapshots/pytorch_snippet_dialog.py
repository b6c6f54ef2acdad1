"""After a safetensors export: the PyTorch code that loads the file into the matching nn.Sequential."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget
from ..widgets.plain_text import plain_label


class PytorchSnippetDialog(QDialog):
    """A read-only code view with Copy; not modal, so the user can keep working beside it."""

    def __init__(self, path: str, snippet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Use it in PyTorch"))
        label = plain_label(self.tr("%1 was written. Load it in PyTorch with:").replace("%1", path))
        label.setTextFormat(Qt.PlainText)
        label.setWordWrap(True)
        self.code = QPlainTextEdit(snippet, readOnly=True)
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.code.setLineWrapMode(QPlainTextEdit.NoWrap)
        metrics = self.code.fontMetrics()
        widest = max(len(line) for line in snippet.splitlines()) + 4
        self.code.setMinimumSize(metrics.horizontalAdvance("x" * widest), metrics.lineSpacing() * (snippet.count("\n") + 2))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.copy_button = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.code)
        layout.addWidget(buttons)

    def snippet(self) -> str:
        return self.code.toPlainText()

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.snippet())
