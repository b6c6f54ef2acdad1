"""The look the mlpviz plots share: white, labelled axes with plain numbers (no ×0.001 prefixes)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

from ..widgets.paint_guard import guarded


def plain_plot_widget(bottom: str, left: str) -> pg.PlotWidget:
    """A PlotWidget with a white background, the two axis labels and no automatic SI prefixes."""
    widget = pg.PlotWidget(axisItems={name: CachedAxisItem(name) for name in ("bottom", "left")})
    widget.setMinimumSize(160, 80)  # a 1080p laptop at 200 % has 540 px of height for everything
    widget.setBackground("w")
    item = widget.getPlotItem()
    item.setLabel("bottom", bottom)
    item.setLabel("left", left)
    for axis in ("bottom", "left"):
        item.getAxis(axis).enableAutoSIPrefix(False)
    return widget


class CachedAxisItem(pg.AxisItem):
    """An axis that repaints from a pixmap on screen, and draws its lines and text when exported.

    An axis with grid lines spans the whole plot, so every new curve repaints it: replaying its
    tick texts costs milliseconds a picture, the cached pixmap next to nothing (Qt draws it again
    when the axis changes). An exported SVG or scaled PNG gets vectors, never that pixmap.
    """

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

    @guarded()
    def setExportMode(self, export: bool, opts=None) -> None:  # noqa: N802 (pyqtgraph's name)
        self.setCacheMode(QGraphicsItem.NoCache if export else QGraphicsItem.DeviceCoordinateCache)
        super().setExportMode(export, opts)


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
        for _sample, label in item.legend.items:  # (the size applies at the next setText)
            label.setText(label.text, size=f"{9 * scale:.1f}pt")
        # laid out again at the new size: it kept the widths and heights of the larger text, since it sizes itself
        # from its items' sizes, which its own size had set (after presenting, "train" and "test" far apart)
        for _sample, label in item.legend.items:
            label.resize(label.effectiveSizeHint(Qt.PreferredSize))
        item.legend.layout.invalidate()
        item.legend.updateSize()


def set_plot_look(widget: pg.PlotWidget, look) -> None:
    """Background, axes and their text in an appearance's colours (``ui.appearance.Look``)."""
    widget.setBackground(look.background)
    set_plot_item_look(widget.getPlotItem(), look)


def set_plot_item_look(item: pg.PlotItem, look) -> None:
    """Axes, their text and the legend of one PlotItem in an appearance's colours."""
    for name in ("bottom", "left"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(look.line, width=max(1.0, look.outline_width / 1.5)))
        axis.setTextPen(pg.mkPen(look.text))
        axis.label.setDefaultTextColor(look.text)
    if item.legend is not None:
        item.legend.setLabelTextColor(look.text)
        for _sample, label in item.legend.items:  # (the colour applies at the next setText)
            label.setText(label.text, color=look.text.name())
        item.legend.setBrush(pg.mkBrush(look.background))
