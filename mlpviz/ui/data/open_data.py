"""File ▸ Open data…: a CSV file, previewed, becomes the data trained on; a bad file is explained and changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from mlpviz.app.file_kinds import DATA, open_title
from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg
from mlpviz.io import CsvTable
from mlpviz.training.open_plan import OpenPlan

from ..widgets.messages import show_warning
from .import_preview import preview_csv

CSV_FILTER = msg("CSV data (*.csv *.tsv *.txt);;All files (*)")


class DataOpener(QObject):
    """Opens CSV files: the import preview (``preview(path, parent) -> CsvTable | None``), then ``load_data(table)``.

    Nothing replaces the current data until the preview's OK. ``plan(table)`` (``Session.plan_open``) is what
    ``load_data`` will do with a file: the preview of ``open`` says it, or the refusal, before OK. ``action`` is
    File ▸ Open data… (Ctrl+Shift+O); ``message`` says when a file was not opened.
    """

    message = Signal(str)

    def __init__(self, load_data: Callable[[CsvTable], None], parent: QWidget,
                 preview: Callable[[object, QWidget], CsvTable | None] | None = None,
                 plan: Callable[[CsvTable], OpenPlan] | None = None) -> None:
        super().__init__(parent)
        self._load_data, self._parent, self._plan = load_data, parent, plan
        self.preview = preview  # None: the import preview (a test may put its OK in its place)
        self.action = QAction(self.tr("Open &data…"), parent)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setStatusTip(self.tr("Load a CSV file: a preview shows how it reads before anything changes"))
        self.action.triggered.connect(self.ask_and_open)

    def open(self, path) -> bool:
        """Preview the CSV file ``path``, then train on it (the network's inputs and outputs follow it).

        Cancel changes nothing; a refusal shows a message box with the reason and leaves the data as it was.
        """
        table = self.read(path, self._plan)
        if table is None:
            return False
        try:
            self._load_data(table)
        except (MlpvizError, OSError) as exc:
            self._refuse(path, exc)
            return False
        return True

    def ask_and_open(self) -> bool:
        """Ask for a CSV file with a file dialog, then open it; False if cancelled or refused."""
        path = self.ask_path()
        return bool(path) and self.open(path)

    def ask_path(self, title: str = "", folder: str = "") -> str:
        """A CSV file chosen in a file dialog (titled ``title``, else Open data; from ``folder``), or "" when cancelled."""
        path, _ = QFileDialog.getOpenFileName(self._parent, title or str(open_title(DATA)), folder, str(CSV_FILTER))
        return path

    def choose(self, title: str = "", folder: str = "") -> CsvTable | None:
        """A CSV file chosen and previewed (``ask_path``, then ``read``) but loaded nowhere; None if cancelled."""
        path = self.ask_path(title, folder)
        return self.read(path) if path else None

    def read(self, path, plan: Callable[[CsvTable], OpenPlan] | None = None) -> CsvTable | None:
        """The CSV file ``path`` as the preview's OK accepted it (saying what ``plan`` will do with it), loaded
        nowhere; None (said) if cancelled or refused."""
        try:
            if self.preview is None:
                table = preview_csv(path, self._parent, plan)
            else:
                table = self.preview(path, self._parent)
        except (MlpvizError, OSError) as exc:
            self._refuse(path, exc)
            return None
        if table is None:
            self.message.emit(self.tr("{0} was not opened: the import was cancelled").format(Path(path).name))
        return table

    def _refuse(self, path, exc: Exception) -> None:
        show_warning(self._parent, str(open_title(DATA)), self.tr("{0} was not loaded.\n\n{1}").format(Path(path).name, exc))
