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


def scale_plot_text(item: pg.PlotItem, scale: float) -> None:
    """Tick numbers, axis labels and the legend of ``item`` at ``scale`` × the desktop size."""
    from PySide6.QtGui import QFont

    font = QFont()
    font.setPointSizeF(9 * scale)
    for name in ("bottom", "left"):
        axis = item.getAxis(name)
        axis.setStyle(tickFont=font, tickTextOffset=max(2, round(3 * scale)))
        axis.label.setFont(font)
        axis.setTickFont(font)
    if item.legend is not None:
        item.legend.setLabelTextSize(f"{9 * scale:.1f}pt")
