"""The look the mlpviz plots share: white, labelled axes with plain numbers (no ×0.001 prefixes)."""

from __future__ import annotations

import pyqtgraph as pg


def plain_plot_widget(bottom: str, left: str) -> pg.PlotWidget:
    """A PlotWidget with a white background, the two axis labels and no automatic SI prefixes."""
    widget = pg.PlotWidget()
    widget.setMinimumSize(160, 120)
    widget.setBackground("w")
    item = widget.getPlotItem()
    item.setLabel("bottom", bottom)
    item.setLabel("left", left)
    for axis in ("bottom", "left"):
        item.getAxis(axis).enableAutoSIPrefix(False)
    return widget
