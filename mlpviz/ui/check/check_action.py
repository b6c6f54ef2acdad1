"""File ▸ Check my backprop…: choose the learner's file, say once what will run, and start the check."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

FOLDER_KEY = "check/folder"


class CheckFileChooser(QObject):
    """The menu action; a chosen (and, the first time, confirmed) file goes to ``start(path)``."""

    def __init__(self, start: Callable[[str], None], describe: Callable[[], str], settings: QSettings,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._start, self._describe, self._settings, self._parent = start, describe, settings, parent
        self._confirmed: set[str] = set()
        self.action = QAction(self.tr("Check my &backprop…"), parent, triggered=self.choose,
                              shortcut=QKeySequence("Ctrl+Shift+B"))
        self.action.setToolTip(self.tr("Run your own numpy network beside mlpviz's and find the first wrong number"))

    def choose(self) -> None:
        folder = str(self._settings.value(FOLDER_KEY, "") or "")
        path, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("Check my backprop"), folder,
            self.tr("Your network (*.py *.ipynb *.txt);;All files (*)"))
        if not path:
            return
        self._settings.setValue(FOLDER_KEY, str(Path(path).parent))
        resolved = str(Path(path).resolve())
        if resolved not in self._confirmed:
            question = self.tr("mlpviz will run %s as Python code in a separate process and compare its "
                               "step with %s.\n\nRun it?") % (Path(path).name, self._describe())
            box = QMessageBox(QMessageBox.Question, self.tr("Check my backprop"), question,
                              QMessageBox.Ok | QMessageBox.Cancel, self._parent)
            box.setTextFormat(Qt.PlainText)  # the file name is the user's text, never markup
            box.button(QMessageBox.Ok).setText(self.tr("Run it"))
            if box.exec() != QMessageBox.Ok:
                return
            self._confirmed.add(resolved)
        self._start(resolved)
