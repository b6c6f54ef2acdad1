"""File ▸ New, Open…, Open Recent, Save, Save As…, Revert and Lesson properties…, and the question
before unsaved changes to a saved lesson are lost. Open takes whatever mlpviz reads, by what the file is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from mlpviz.app.document import Document
from mlpviz.app.file_kinds import LESSON, open_title
from mlpviz.document import LESSON_SUFFIX, Lesson, read_lesson, write_lesson
from mlpviz.document.lesson_file import is_lesson_path
from mlpviz.engine import MlpvizError

from ..widgets.background import read_in_background
from ..widgets.messages import show_error
from ..widgets.plain_text import plain_tooltip
from ..widgets.settings_values import text_list
from .lesson_properties import ask_lesson_texts

RECENT_KEY = "documents/recent"
MAX_RECENT = 10
READABLE = ("*.mlpviz *.npz *.json *.safetensors *.keras *.h5 *.hdf5 *.onnx *.csv *.tsv *.txt *.data")


class DocumentActions(QObject):
    """The document commands. ``make_lesson()`` gives the session as a lesson (with the window's view),
    ``apply_lesson(lesson)`` continues one, ``open_other(path)`` opens any other file mlpviz reads (a network
    or data), ``new_session()`` starts afresh; ``message`` is for the status bar."""

    message = Signal(str)

    def __init__(self, document: Document, settings: QSettings, make_lesson: Callable[[], Lesson],
                 apply_lesson: Callable[[Lesson], None], open_other: Callable[[Path], object],
                 new_session: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.window, self.document, self.settings = parent, document, settings
        self._make_lesson, self._apply_lesson = make_lesson, apply_lesson
        self._open_other, self._new_session = open_other, new_session

        def action(text: str, tip: str, keys, slot) -> QAction:
            made = QAction(text, self, triggered=lambda _checked=False: slot())
            if keys is not None:
                made.setShortcut(QKeySequence(keys))
            made.setToolTip(tip)
            made.setStatusTip(tip)
            return made

        self.new_action = action(self.tr("&New"), self.tr("Start afresh: the default network and data, untitled"),
                                 QKeySequence.StandardKey.New, self.new)
        self.open_action = action(self.tr("&Open…"), self.tr("Open a lesson, a network file or a data file"),
                                  QKeySequence.StandardKey.Open, self.open)
        self.save_action = action(self.tr("&Save"), self.tr("Save this lesson: the run, its data and the view"),
                                  QKeySequence.StandardKey.Save, self.save)
        self.save_as_action = action(self.tr("Save &As…"), self.tr("Save this lesson under a new name"),
                                     "Ctrl+Shift+S", self.save_as)
        self.revert_action = action(self.tr("Re&vert"), self.tr("Go back to the lesson as it was last saved"),
                                    None, self.revert)
        self.properties_action = action(self.tr("Lesson &properties…"),
                                        self.tr("The lesson's title and the note its readers see"), None,
                                        self.edit_properties)
        self.recent_menu = QMenu(self.tr("Open &Recent"), parent)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        document.changed.connect(self._on_document_changed)
        self._on_document_changed()

    def add_to_menu(self, menu: QMenu) -> None:
        """Insert the commands at the top of ``menu`` (the File menu)."""
        first = menu.actions()[0] if menu.actions() else None
        for item in (self.new_action, self.open_action, self.recent_menu.menuAction(), self.save_action,
                     self.save_as_action, self.revert_action, self.properties_action):
            menu.insertAction(first, item)
        menu.insertSeparator(first)

    # --- commands ----------------------------------------------------------------------

    def new(self) -> None:
        if self.maybe_save():
            self._new_session()
            self.document.new()

    def open(self) -> None:
        folder = str(self.document.path.parent) if self.document.path is not None else ""
        filters = ";;".join([self.tr("Everything mlpviz reads (%1)").replace("%1", READABLE),
                             self.tr("mlpviz lessons (*.mlpviz)"), self.tr("All files (*)")])
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open"), folder, filters)
        if path:
            self.open_path(path)

    def open_path(self, path) -> bool:
        """Open ``path`` by what it is: a lesson becomes the document; any other file goes to its reader."""
        path = Path(path)
        if not is_lesson_path(path):
            if not self.maybe_save():
                return False
            opened = bool(self._open_other(path))
            if opened:
                self.add_recent(path)
                self.document.new()  # another file is another document: the lesson's texts do not follow it
            return opened
        if not self.maybe_save():
            return False
        try:
            lesson = read_in_background(self.tr("Reading {0}…").format(path.name), read_lesson, path,
                                        parent=self.window)
            self._apply_lesson(lesson)
        except MlpvizError as exc:
            show_error(self.window, str(open_title(LESSON)), self.tr("{0} could not be opened.\n\n{1}").format(path.name, exc))
            return False
        self.document.opened(path, lesson)
        self.add_recent(path)
        self.message.emit(self.tr("Opened the lesson {0}: {1} at step {2}").format(
            path.name, lesson.snapshot.arch.label(), lesson.snapshot.step))
        return True

    def save(self) -> bool:
        """Save to the lesson's file; a new lesson, or one that cannot be written here, asks for a name."""
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        d = self.document
        name = "".join(c for c in (d.title or d.name) if c.isalnum() or c in " -_.,()").strip() or d.name
        folder = next((Path(f).parent for f in self.recent_files()  # where lessons were last kept, never a data
                       if is_lesson_path(f) and os.access(Path(f).parent, os.W_OK)), Path.home())  # file's (read-only)
        start = str(d.path) if d.path is not None else str(folder / (name[:80] + LESSON_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save lesson as"), start,
                                              self.tr("mlpviz lessons (*.mlpviz)"))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != LESSON_SUFFIX:
            path = path.with_name(path.name + LESSON_SUFFIX)
        return self._write(path)

    def revert(self) -> None:
        path = self.document.path
        if path is None:
            return
        if self.document.modified and self._ask(self.tr("Revert"), self.tr(
                "Go back to {0} as it was last saved? The changes since are lost.").format(path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return
        self.document.modified = False  # no Save/Discard question: the user has just answered
        self.open_path(path)

    def edit_properties(self) -> None:
        texts = ask_lesson_texts(self.document.title, self.document.note, self.window)
        if texts is not None:
            self.document.set_texts(*texts)

    def maybe_save(self) -> bool:
        """True when the document may be replaced: nothing unsaved, or saved or discarded as the user chose.
        The untitled session is never asked about: it is kept across launches, and opening is undoable."""
        if not self.document.modified or self.document.path is None:
            return True
        answer = self._ask(self.tr("Unsaved changes"), self.tr("Save the changes to {0}?").format(self.document.name),
                           QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- inside ------------------------------------------------------------------------

    def _write(self, path: Path) -> bool:
        try:
            write_lesson(path, self._make_lesson())
        except (MlpvizError, OSError) as exc:
            show_error(self.window, self.tr("Save"), self.tr("{0} could not be saved; nothing was written.\n\n{1}")
                       .format(path.name, exc))
            return False
        self.document.saved(path)
        self.add_recent(path)
        self.message.emit(self.tr("Saved the lesson {0}").format(path.name))
        return True

    def _ask(self, title: str, text: str, buttons) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return QMessageBox.StandardButton(box.exec())

    def _on_document_changed(self) -> None:
        self.revert_action.setEnabled(self.document.path is not None)

    def recent_files(self) -> list[str]:
        return text_list(self.settings.value(RECENT_KEY, []), MAX_RECENT)

    def add_recent(self, path) -> None:
        path = str(Path(path).resolve())
        self.settings.setValue(RECENT_KEY, ([path] + [p for p in self.recent_files() if p != path])[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for i, path in enumerate(recent):
            item = self.recent_menu.addAction(f"&{i + 1} {Path(path).name}")
            item.setToolTip(plain_tooltip(path))
            item.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear list"), lambda: self.settings.setValue(RECENT_KEY, []))
