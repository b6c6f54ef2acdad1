"""Puts the data views into the main window: data set and batch table on the left, File ▸ Open data…, CSV drops."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .data_panel import DataPanel
from .dataset_chooser import DatasetChooser
from .open_data import ask_and_open_data, open_data_action, open_data_file


def add_data_views(window) -> None:
    """Add the data docks to ``window`` (a MainWindow) and register ``.csv`` with ``window.file_drop``.

    Sets ``window.data_panel`` and ``window.dataset_chooser``.
    """
    session = window.session
    window.dataset_chooser = DatasetChooser(session)
    window.dataset_chooser.problem.connect(window.show_message)
    window.dataset_chooser.open_requested.connect(lambda: ask_and_open_data(session, window))
    chooser = window.add_dock("dataset", "Data set", window.dataset_chooser, Qt.LeftDockWidgetArea)
    window.data_panel = DataPanel(session)
    window.data_panel.problem.connect(window.show_message)
    table = window.add_dock("data", "Data", window.data_panel, Qt.LeftDockWidgetArea)
    controls = window.docks.get("controls")
    if controls is not None:  # tabs under the controls: the table gets the column's full height
        window.tabify_later(controls, chooser, table)
    file_drop = getattr(window, "file_drop", None)
    if file_drop is not None:
        file_drop.register(".csv", lambda path: open_data_file(session, path, window))


def add_data_menus(window) -> None:
    """File ▸ Open data… (Ctrl+Shift+O), first in the File menu."""
    window.open_data_action = open_data_action(window.session, window)
    actions = window.file_menu.actions()
    window.file_menu.insertAction(actions[0] if actions else None, window.open_data_action)
    if actions:
        window.file_menu.insertSeparator(actions[0])
