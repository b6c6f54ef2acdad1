"""Puts the number views into the main window: weights on the right, formulas and step values under them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .formula_panel import FormulaPanel
from .step_values_view import StepValuesView
from .weights_dock import WeightsDock


def add_table_docks(window) -> None:
    """Add the weights, step-values and formula docks to ``window`` (a MainWindow).

    Sets ``window.weights_view``, ``window.step_values_view`` and ``window.formula_panel``.
    """
    session, selection = window.session, window.selection
    window.weights_view = WeightsDock(session, selection)
    window.weights_view.problem.connect(window.show_message)
    window.add_dock("weights", "Weights and biases", window.weights_view, Qt.RightDockWidgetArea)
    window.formula_panel = FormulaPanel(session, selection)
    formulas = window.add_dock("formulas", "Formulas", window.formula_panel, Qt.RightDockWidgetArea)
    window.splitDockWidget(window.docks["weights"], formulas, Qt.Vertical)
    window.step_values_view = StepValuesView(session, selection)
    values = window.add_dock("step-values", "Step values", window.step_values_view, Qt.RightDockWidgetArea)
    window.tabifyDockWidget(formulas, values)
    formulas.raise_()
