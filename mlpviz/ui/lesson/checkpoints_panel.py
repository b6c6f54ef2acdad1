"""The Lesson panel: the lesson's title and note, its checkpoints in order, and the chosen checkpoint's note;
Previous and Next walk them (the canvas and panels go to each). All texts are shown as plain text."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from mlpviz.document import Checkpoint
from ..widgets.plain_text import plain_label, plain_tooltip


class CheckpointsPanel(QWidget):
    """Given the document's texts and checkpoints (``set_lesson``) and two commands: ``go_to(checkpoint)`` and
    ``checkpoint_here(name, note) -> Checkpoint``; emits ``checkpoints_edited(tuple)`` when one is added or removed."""

    checkpoints_edited = Signal(object)

    def __init__(self, go_to: Callable[[Checkpoint], None], checkpoint_here: Callable[[str, str], Checkpoint],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._go_to, self._checkpoint_here = go_to, checkpoint_here
        self._points: tuple[Checkpoint, ...] = ()
        self.title = plain_label(parent=self, wrap=True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.note = QPlainTextEdit(self, readOnly=True)
        self.note.setToolTip(self.tr("The lesson's note (File ▸ Lesson properties… to change it)"))
        self.list = QListWidget(self)
        self.list.setToolTip(self.tr("The lesson's checkpoints: click one to go there"))
        self.list.itemActivated.connect(self._on_item_chosen)
        self.list.itemClicked.connect(self._on_item_chosen)
        self.point_note = QPlainTextEdit(self, readOnly=True)
        self.point_note.setToolTip(self.tr("The note of the checkpoint shown"))
        self.previous_action = QAction(self.tr("&Previous checkpoint"), self, shortcut=QKeySequence("Alt+PgUp"),
                                       triggered=lambda _checked=False: self.walk(-1))
        self.next_action = QAction(self.tr("&Next checkpoint"), self, shortcut=QKeySequence("Alt+PgDown"),
                                   triggered=lambda _checked=False: self.walk(1))
        self.add_action = QAction(self.tr("&Add checkpoint here…"), self,
                                  triggered=lambda _checked=False: self.add_here())
        self.remove_action = QAction(self.tr("&Remove checkpoint"), self,
                                     triggered=lambda _checked=False: self.remove_current())
        self.previous_action.setToolTip(self.tr("Go to the lesson's previous checkpoint (Alt+Page Up)"))
        self.next_action.setToolTip(self.tr("Go to the lesson's next checkpoint (Alt+Page Down)"))
        self.add_action.setToolTip(self.tr("Keep this moment (step, what is picked, the panel shown) with a note"))
        self.remove_action.setToolTip(self.tr("Take the chosen checkpoint out of the lesson"))
        walk, edit = QHBoxLayout(), QHBoxLayout()  # two rows: the panel stays narrow on a 1024 px projector
        short = {self.previous_action: self.tr("◀ Previous"), self.next_action: self.tr("Next ▶"),
                 self.add_action: self.tr("Add here…"), self.remove_action: self.tr("Remove")}
        for row, action in ((walk, self.previous_action), (walk, self.next_action), (edit, self.add_action),
                            (edit, self.remove_action)):
            button = QPushButton(short[action], self)
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note, 2)
        layout.addWidget(plain_label(self.tr("Checkpoints"), self))
        layout.addWidget(self.list, 2)
        layout.addWidget(self.point_note, 1)
        layout.addLayout(walk)
        layout.addLayout(edit)
        self.set_lesson("", "", ())

    @property
    def current(self) -> int:
        return self.list.currentRow()

    def set_lesson(self, title: str, note: str, checkpoints) -> None:
        """Show the document's texts and checkpoints (keeping the chosen row where it still exists)."""
        row = self.current
        self._points = tuple(checkpoints)
        self.title.setText(title or self.tr("(no title)"))
        if self.note.toPlainText() != note:
            self.note.setPlainText(note)
        self.list.clear()
        for i, point in enumerate(self._points, 1):
            item = QListWidgetItem(self.tr("{0}. {1} (step {2})").format(i, point.name, point.step))
            item.setToolTip(plain_tooltip(point.name))  # a checkpoint named by the user: never markup
            self.list.addItem(item)
        self.list.setCurrentRow(min(row, len(self._points) - 1) if self._points else -1)
        self._update()

    def walk(self, by: int) -> None:
        """Go to the checkpoint ``by`` places on (the first when none is chosen yet)."""
        if not self._points:
            return
        row = 0 if self.current < 0 else min(max(self.current + by, 0), len(self._points) - 1)
        self.go(row)

    def go(self, row: int) -> None:
        self.list.setCurrentRow(row)
        self._update()
        self._go_to(self._points[row])

    def add_here(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add checkpoint"), self.tr("Name of this moment:"))
        if not ok or not name.strip():
            return
        note, ok = QInputDialog.getMultiLineText(self, self.tr("Add checkpoint"),
                                                 self.tr("What should the reader look at here?"))
        if not ok:
            return
        point = self._checkpoint_here(name.strip(), note)
        points = sorted(self._points + (point,), key=lambda p: p.step)
        self.checkpoints_edited.emit(tuple(points))
        self.list.setCurrentRow(points.index(point))
        self._update()

    def remove_current(self) -> None:
        if 0 <= self.current < len(self._points):
            self.checkpoints_edited.emit(self._points[: self.current] + self._points[self.current + 1:])

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        self.go(self.list.row(item))

    def _update(self) -> None:
        row, n = self.current, len(self._points)
        self.point_note.setPlainText(self._points[row].note if 0 <= row < n else "")
        self.previous_action.setEnabled(n > 0 and row > 0)
        self.next_action.setEnabled(n > 0 and row < n - 1)
        self.remove_action.setEnabled(0 <= row < n)
