"""File ▸ Open data…: a CSV file becomes the session's data; a bad file is explained and changes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mlpviz.app.session import Session
from mlpviz.engine import MlpvizError
from ..background import call_in_background

CSV_FILTER = "CSV data (*.csv);;All files (*)"


def open_data_file(session: Session, path, parent: QWidget | None = None) -> bool:
    """Load the CSV file ``path`` into ``session`` (the network's inputs/outputs follow it).

    On a refusal shows a message box with the loader's message and leaves the data as it was.
    """
    try:
        dataset = call_in_background(session.read_data, path)
        session.load_data(dataset)
    except (MlpvizError, OSError) as exc:
        QMessageBox.warning(parent, "Could not open data", f"{Path(path).name} was not loaded.\n\n{exc}")
        return False
    session.message.emit(f"Loaded {dataset.n_train} rows from {Path(path).name}")
    return True


def ask_and_open_data(session: Session, parent: QWidget | None = None) -> bool:
    """Ask for a CSV file with a file dialog, then open it; False if cancelled or refused."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open data", "", CSV_FILTER)
    return bool(path) and open_data_file(session, path, parent)


def open_data_action(session: Session, parent: QWidget) -> QAction:
    """File ▸ Open data… (Ctrl+Shift+O)."""
    action = QAction("Open &data…", parent)
    action.setShortcut(QKeySequence("Ctrl+Shift+O"))
    action.setStatusTip("Load a CSV file: input columns, then target column y (or y1, y2, ...)")
    action.triggered.connect(lambda: ask_and_open_data(session, parent))
    return action
