"""Puts the plots into the main window: loss curve and decision map on the right, under the weights."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .decision_map import DecisionMap
from .loss_plot import LossPlot


def add_plot_docks(window) -> None:
    """Add the loss-curve and decision-map docks to ``window``; sets ``window.loss_plot``, ``window.decision_map``."""
    window.loss_plot = LossPlot(window.session)
    loss = window.add_dock("loss", "Loss", window.loss_plot, Qt.RightDockWidgetArea)
    window.decision_map = DecisionMap(window.session)
    decision = window.add_dock("decision-map", "Decision map", window.decision_map, Qt.RightDockWidgetArea)
    above = window.docks.get("weights")
    if above is not None and not window.tabifiedDockWidgets(above):  # a tabbed dock can only gain tabs
        window.splitDockWidget(above, loss, Qt.Vertical)
    window.splitDockWidget(loss, decision, Qt.Vertical)
