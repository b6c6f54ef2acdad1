"""File ▸ Open data…: a CSV file becomes the data trained on; a bad file is explained and changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from mlpviz.datasets import Dataset
from mlpviz.engine import MlpvizError
from ..background import call_in_background
from ..messages import show_warning

CSV_FILTER = "CSV data (*.csv);;All files (*)"


class DataOpener(QObject):
    """Opens CSV files: ``read_data(path)`` (on a worker thread) then ``load_data(dataset)``.

    ``action`` is File ▸ Open data… (Ctrl+Shift+O); ``message`` carries what was loaded.
    """

    message = Signal(str)

    def __init__(self, read_data: Callable[[Path], Dataset], load_data: Callable[[Dataset], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._read_data, self._load_data, self._parent = read_data, load_data, parent
        self.action = QAction(self.tr("Open &data…"), parent)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setStatusTip(self.tr("Load a CSV file: input columns, then target column y (or y1, y2, ...)"))
        self.action.triggered.connect(self.ask_and_open)

    def open(self, path) -> bool:
        """Load the CSV file ``path`` (the network's inputs/outputs follow it).

        On a refusal shows a message box with the loader's message and leaves the data as it was.
        """
        try:
            dataset = call_in_background(self._read_data, path)
            self._load_data(dataset)
        except (MlpvizError, OSError) as exc:
            show_warning(self._parent, self.tr("Could not open data"),
                         self.tr("{0} was not loaded.\n\n{1}").format(Path(path).name, exc))
            return False
        self.message.emit(self.tr("Loaded {0} rows from {1}").format(dataset.n_train, Path(path).name))
        return True

    def ask_and_open(self) -> bool:
        """Ask for a CSV file with a file dialog, then open it; False if cancelled or refused."""
        path, _ = QFileDialog.getOpenFileName(self._parent, self.tr("Open data"), "", self.tr(CSV_FILTER))
        return bool(path) and self.open(path)
