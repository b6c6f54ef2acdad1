"""The look the mlpviz plots share: white, labelled axes with plain numbers (no ×0.001 prefixes)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsItem

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
    """An axis that repaints from a pixmap on screen, and draws its lines and text when exported; its tick numbers
    stand apart and whole.

    An axis with grid lines spans the whole plot, so every new curve repaints it: replaying its
    tick texts costs milliseconds a picture, the cached pixmap next to nothing (Qt draws it again
    when the axis changes). An exported SVG or scaled PNG gets vectors, never that pixmap.
    pyqtgraph spaces ticks by the axis's length, not the text's size: the 2-2-2 decision map presented at
    1024×768 read "0.050.10" under it, and its "0.20" was cut at the top of the panel.
    """

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.setStyle(hideOverlappingLabels=True)  # a number past the axis's ends is left out, not cut by the panel

    def _along(self) -> bool:
        return self.orientation in ("top", "bottom")

    def label_gap(self) -> float:
        """Pixels between two tick numbers: a space across, a fifth of a line up the side."""
        fm = QFontMetricsF(self.style["tickFont"] or QApplication.font())
        return max(3.0, fm.horizontalAdvance(" ")) if self._along() else 0.2 * fm.height()

    def label_extent(self, values, spacing: float) -> float:
        """Pixels the tick numbers of ``values`` take along the axis: the widest's width, or a line's height."""
        fm = QFontMetricsF(self.style["tickFont"] or QApplication.font())
        if not self._along():
            return fm.height()
        strings = self.tickStrings(list(values), self.autoSIPrefixScale * self.scale, spacing)
        return max((fm.horizontalAdvance(s) for s in strings), default=0.0)

    @guarded(list)
    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 (pyqtgraph's names)
        """pyqtgraph's spacing, widened through 1, 2, 5 × 10^k until the numbers of the major ticks fit between
        them with ``label_gap`` to spare."""
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if self._tickSpacing is not None or not levels or size <= 0 or span == 0:
            return levels
        major = levels[0][0]
        for _ in range(30):
            start = math.ceil(min(minVal, maxVal) / major) * major
            values = start + major * np.arange(int(span / major) + 1)
            if major / span * size >= self.label_extent(values / self.scale, major / self.scale) + self.label_gap():
                break
            major = _next_nice(major)
        if major == levels[0][0]:
            return levels
        return [(major, 0), (major / (4 if _mantissa(major) == 2 else 5), 0)]

    @guarded()
    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name)
        """pyqtgraph's ticks and numbers, less any number that would touch one already placed (the major ticks'
        first): the minor ticks' numbers and a log axis's 2…9 are drawn only where they have room."""
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        gap = self.label_gap() / 2
        kept: list = []
        for spec in text_specs:
            rect = spec[0].adjusted(-gap, 0, gap, 0) if self._along() else spec[0].adjusted(0, -gap, 0, gap)
            if not any(rect.intersects(other) for other, _spec in kept):
                kept.append((rect, spec))
        return axis_spec, tick_specs, [spec for _rect, spec in kept]

    @guarded()
    def setExportMode(self, export: bool, opts=None) -> None:  # noqa: N802 (pyqtgraph's name)
        self.setCacheMode(QGraphicsItem.NoCache if export else QGraphicsItem.DeviceCoordinateCache)
        super().setExportMode(export, opts)


def _mantissa(step: float) -> int:
    """1, 2 or 5: the first digit of a nice step."""
    return round(step / 10.0 ** math.floor(math.log10(step) + 1e-9))


def _next_nice(step: float) -> float:
    """The next of 1, 2, 5 × 10^k after ``step``."""
    return step * (2.5 if _mantissa(step) == 2 else 2.0)


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
