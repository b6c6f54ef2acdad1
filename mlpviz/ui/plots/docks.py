"""Puts the plots into the main window: loss curve and decision map side by side under the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .decision_map import DecisionMap
from .loss_plot import LossPlot


def add_plot_docks(window) -> None:
    """Add the loss-curve and decision-map docks to ``window``; sets ``window.loss_plot``, ``window.decision_map``."""
    window.loss_plot = LossPlot(window.session)
    loss = window.add_dock("loss", "Loss", window.loss_plot, Qt.BottomDockWidgetArea)
    window.decision_map = DecisionMap(window.session)
    decision = window.add_dock("decision-map", "Decision map", window.decision_map, Qt.BottomDockWidgetArea)
    window.splitDockWidget(loss, decision, Qt.Horizontal)
