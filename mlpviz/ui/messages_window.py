"""View ▸ Messages… (Ctrl+Shift+M, or a click on the status bar's message): every message the status bar showed,
newest first, as plain text to read again, select and copy (a file's name is shown as written, never as markup)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from mlpviz.app.message_log import LoggedMessage, MessageLog

SIZE = (640, 420)  # at most, and at most 80 % of the screen


def entry_text(entry: LoggedMessage) -> str:
    """``09:41:05  Loaded iris.csv: …``, with ``(×3)`` after the time when it came three times in a row."""
    count = f" (×{entry.count})" if entry.count > 1 else ""
    return f"{entry.when:%H:%M:%S}{count}  {entry.text}"


class MessagesWindow(QDialog):
    """The messages of ``log`` in a read-only plain-text view, shown again at each change; Clear empties the log."""

    def __init__(self, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._log = log
        self.setWindowTitle(self.tr("Messages"))
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)  # plain text: selectable and copyable, never read as markup
        self.view.setPlaceholderText(self.tr("No messages yet: what the status bar says is kept here."))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.clear_button = buttons.addButton(self.tr("C&lear"), QDialogButtonBox.ResetRole)
        self.clear_button.setToolTip(self.tr("Forget the messages kept so far"))
        self.clear_button.clicked.connect(log.clear)
        self.clear_button.setAutoDefault(False)  # Enter closes; it never forgets the messages
        buttons.button(QDialogButtonBox.Close).setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        log.listeners.append(self.refresh)
        self.refresh()
        screen = (parent or self).screen().availableGeometry()
        self.resize(min(SIZE[0], int(0.8 * screen.width())), min(SIZE[1], int(0.8 * screen.height())))

    def refresh(self) -> None:
        """The log's messages, newest first, a blank line between them; the view back at the top (the newest)."""
        self.view.setPlainText("\n\n".join(map(entry_text, self._log.entries())))
        self.clear_button.setEnabled(len(self._log) > 0)

    def text(self) -> str:
        """What the window shows, as read."""
        return self.view.toPlainText()


class MessageReader(QObject):
    """The status bar's messages kept (``log``, given each by ``keep``) and the action that shows them."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.log = MessageLog()
        self.window: MessagesWindow | None = None  # made when first asked for, then shown again
        self.action = QAction(self.tr("&Messages…"), parent, shortcut=QKeySequence("Ctrl+Shift+M"),
                              triggered=self.open,
                              toolTip=self.tr("Every message the status bar showed, newest first, to read again"))

    def keep(self, text: str) -> None:
        self.log.add(text)

    def open(self) -> None:
        """The messages' window, in front."""
        if self.window is None:
            self.window = MessagesWindow(self.log, self.parent())
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.window.view.setFocus(Qt.OtherFocusReason)
