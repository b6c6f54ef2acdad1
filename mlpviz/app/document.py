"""The open document: which lesson file the session is (or none: the untitled session kept across
launches), the author's title, note and checkpoints, and whether there are unsaved changes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from mlpviz.document import Checkpoint, Lesson


class Document(QObject):
    """Marks itself modified when the run changes (a step, an edit, a setting: anything undoable)."""

    changed = Signal()  # path, modified, title, note or checkpoints changed

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.title = ""
        self.note = ""
        self.checkpoints: tuple[Checkpoint, ...] = ()
        self.modified = False
        session.step_applied.connect(self.touch)
        session.undo_stack.indexChanged.connect(self.touch)

    @property
    def name(self) -> str:
        """The file's name without its suffix, or "Untitled"."""
        return self.path.stem if self.path is not None else QCoreApplication.translate("Document", "Untitled")

    @property
    def read_only(self) -> bool:
        """The file cannot be written here (a read-only folder or file, another user's): Save asks for a new name."""
        if self.path is None:
            return False
        target = self.path if self.path.exists() else self.path.parent
        try:
            no_write_bits = not os.stat(target).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        except OSError:
            return True
        return no_write_bits or not os.access(target, os.W_OK)  # bits: root may write anything

    def touch(self, *_args) -> None:
        if not self.modified:
            self.modified = True
            self.changed.emit()

    def opened(self, path, lesson: Lesson) -> None:
        """``lesson`` was read from ``path`` and put into the session: nothing unsaved."""
        self.path, self.title, self.note, self.checkpoints = Path(path), lesson.title, lesson.note, lesson.checkpoints
        self.modified = False
        self.changed.emit()

    def saved(self, path) -> None:
        self.path, self.modified = Path(path), False
        self.changed.emit()

    def new(self) -> None:
        """A fresh untitled session."""
        self.path, self.title, self.note, self.checkpoints, self.modified = None, "", "", (), False
        self.changed.emit()

    def set_texts(self, title: str, note: str) -> None:
        if (title, note) != (self.title, self.note):
            self.title, self.note = title, note
            self.modified = True
            self.changed.emit()

    def set_checkpoints(self, checkpoints) -> None:
        self.checkpoints = tuple(checkpoints)
        self.modified = True
        self.changed.emit()
