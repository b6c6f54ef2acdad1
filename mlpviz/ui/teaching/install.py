"""Wires the teaching views into the main window: File ▸ Export step as worked example… and the Quiz dock.

The views get callables and a signal, not the session; this function is the one place that
knows where the window keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.teaching.quiz import Quiz

from .export_dialog import export_worked_example_action
from .quiz_panel import QuizPanel


@dataclass
class TeachingViews:
    export_action: QAction
    quiz_panel: QuizPanel


def selected_units(item) -> list[tuple[int, int]] | None:
    """The unit picked (or the unit a picked weight feeds) as ``[(layer, index)]``; None when nothing fits."""
    if isinstance(item, UnitRef) and item.layer >= 1 and item.index >= 0:
        return [(item.layer, item.index)]
    if isinstance(item, WeightRef):
        return [(item.layer + 1, item.col)]
    return None


def install_teaching(window) -> TeachingViews:
    """Add the export action to ``window.file_menu`` (above Quit) and a hidden Quiz dock toggled from Train."""
    session, selection = window.session, window.selection

    def current_record():
        return session.state.step_record or session.last_record

    export = export_worked_example_action(window, current_record, lambda: selection.sample,
                                          lambda: selected_units(selection.item), window.show_message)
    actions = window.file_menu.actions()
    window.file_menu.insertAction(actions[-1] if actions else None, export)
    panel = QuizPanel(Quiz(), current_record, session.step_applied)
    dock = window.add_dock("quiz", window.tr("Quiz"), panel, Qt.RightDockWidgetArea)
    dock.hide()
    toggle = dock.toggleViewAction()
    toggle.setText(window.tr("&Quiz: predict the next number"))
    window.train_menu.addSeparator()
    window.train_menu.addAction(toggle)
    return TeachingViews(export, panel)
