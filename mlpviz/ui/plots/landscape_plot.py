"""The Landscape picture: the loss over a plane as a heat map with contour lines and a colour key, the
current parameters marked, the run's path and a race's paths on it, and the race's losses beside it.

It draws a ``LandscapePicture`` (``training/landscape_picture.py``) as it is: every number was worked out
off the window's thread. Colours follow log(loss) where the losses are positive (they span orders of
magnitude); the colour key is labelled with the loss values themselves. Both plots are one
GraphicsLayout (``ci``), so an exported image holds the surface, its key and the race's losses.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize

from mlpviz.training.landscape_picture import RANDOM, WEIGHTS, LandscapePicture

from .plain_plot import CachedAxisItem, scale_plot_text, set_plot_item_look

RACE_RGB = {"sgd": (230, 25, 75), "momentum": (245, 130, 49), "nesterov": (240, 50, 230), "adam": (66, 212, 244),
            "adamw": (145, 30, 180), "rmsprop": (191, 239, 69), "adagrad": (250, 190, 212)}
PATH_RGB = (255, 255, 255)
OUTLINE = pg.mkPen(0, 0, 0, 200, width=4.5)
COLOUR_MAP = "viridis"
LEGEND_COLUMNS = 3
LEGEND_RGB = (70, 70, 80)  # dark, like the low ground of the surface: the white path and light colours read on it


def colour_values(picture: LandscapePicture) -> tuple[np.ndarray, float, float, bool]:
    """``(values to colour, low, high, log)``: log10 of the losses where every finite one is positive."""
    losses = np.where(np.isfinite(picture.surface.losses), picture.surface.losses, picture.high)
    low, high = picture.low, max(picture.high, picture.low + 1e-12)
    if low > 0:
        return np.log10(losses), math.log10(low), math.log10(high), True
    return losses, low, high, False


def key_ticks(low: float, high: float, log: bool) -> list[tuple[float, str]]:
    """Ticks of the colour key at loss values: 1, 2, 5 × 10ᵏ inside the range on a log key, else five."""
    if log:
        values = [m * 10.0 ** k for k in range(math.floor(low) - 1, math.ceil(high) + 1) for m in (1, 2, 5)]
        inside = [v for v in values if low <= math.log10(v) <= high]
        if len(inside) >= 3:
            if len(inside) > 7:
                inside = [v for v in inside if f"{v:.0e}".startswith("1")] or inside
            return [(math.log10(v), f"{v:.3g}") for v in inside]
        return [(t, f"{10.0 ** t:.3g}") for t in np.linspace(low, high, 4)]
    return [(t, f"{t:.3g}") for t in np.linspace(low, high, 5)]


class LandscapePlot(pg.GraphicsLayoutWidget):
    """The surface plot (``surface_plot``: ``image``, ``contours``, ``path_item``, ``current``, ``race_items``),
    the colour key (``colour_key``) and the race's losses (``loss_plot``: ``loss_curves``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.setMinimumSize(200, 200)
        self.surface_plot = self.addPlot(row=0, col=0, axisItems={n: CachedAxisItem(n) for n in ("bottom", "left")})
        self.surface_plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.surface_plot.addItem(self.image)
        self.colour_key = pg.ColorBarItem(colorMap=pg.colormap.get(COLOUR_MAP), interactive=False, colorMapMenu=False,
                                          width=14, label=self.tr("loss"))
        self.colour_key.setImageItem(self.image)
        self.addItem(self.colour_key, row=0, col=1)
        self.contours = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(255, 255, 255, 150, width=1))
        self.surface_plot.addItem(self.contours)
        self.path_item = pg.PlotDataItem(pen=pg.mkPen(*PATH_RGB, width=2), shadowPen=OUTLINE)
        self.surface_plot.addItem(self.path_item)
        self.current = pg.ScatterPlotItem(size=14, symbol="star", brush=pg.mkBrush(255, 215, 0), pen=pg.mkPen("k", width=1.5))
        self.current.setZValue(20)
        self.surface_plot.addItem(self.current)
        self.race_items: dict[str, pg.PlotDataItem] = {}
        # the legend under the surface, not on it: it names the run, the point now and each optimizer of a race
        self.legend = pg.LegendItem(labelTextSize="8pt", colCount=LEGEND_COLUMNS, verSpacing=-6,
                                    brush=pg.mkBrush(*LEGEND_RGB), labelTextColor="w")
        # a cell of the layout, not a box floating over a plot: drawn at the layout's scale, so that a PNG
        # exported at 2× has a 2× legend like the rest (pyqtgraph's legend ignores it and stayed 1×)
        self.legend.setFlag(self.legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
        self.addItem(self.legend, row=1, col=0, colspan=2)
        self.legend.addItem(self.path_item, "")
        self.legend.addItem(self.current, "")
        self.loss_plot = self.addPlot(row=2, col=0, colspan=2, axisItems={n: CachedAxisItem(n) for n in ("bottom", "left")})
        self.loss_plot.setMenuEnabled(False)
        self.loss_curves: dict[str, pg.PlotDataItem] = {}
        for plot in (self.surface_plot, self.loss_plot):  # plain numbers, never "(x0.001)"
            for name in ("bottom", "left"):
                plot.getAxis(name).enableAutoSIPrefix(False)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(2, 1)
        self.picture: LandscapePicture | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """The words drawn in the plots in the language chosen now (View ▸ Language)."""
        self.loss_plot.setLabel("bottom", self.tr("steps of the race"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.colour_key.getAxis("left").setLabel(self.tr("loss"))
        for item, name in ((self.path_item, self.tr("this run")), (self.current, self.tr("now"))):
            self.legend.getLabel(item).setText(name)
        if self.picture is not None:
            self.show_picture(self.picture)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(360, 420)

    def set_look(self, look) -> None:
        """Background, axes and text in an appearance's colours."""
        self.setBackground(look.background)
        for item in (self.surface_plot, self.loss_plot):
            set_plot_item_look(item, look)

    def set_text_scale(self, scale: float) -> None:
        for item in (self.surface_plot, self.loss_plot):
            scale_plot_text(item, scale)
        self.legend.setLabelTextSize(f"{8 * scale:.1f}pt")
        for _sample, label in self.legend.items:  # (the size applies at the next setText)
            label.setText(label.text, size=f"{8 * scale:.1f}pt")

    def show_picture(self, picture: LandscapePicture) -> None:
        """Draw ``picture``: heat map and key, contour lines, the path, the point now, the race."""
        self.picture = picture
        s = picture.surface
        values, low, high, log = colour_values(picture)
        self.image.setImage(values, autoLevels=False)
        self.colour_key.setLevels((low, high))
        self.colour_key.axis.setTicks([key_ticks(low, high, log)])
        da = (s.alphas[-1] - s.alphas[0]) / max(len(s.alphas) - 1, 1)
        db = (s.betas[-1] - s.betas[0]) / max(len(s.betas) - 1, 1)
        self.image.setRect(QRectF(s.alphas[0] - da / 2, s.betas[0] - db / 2, s.alphas[-1] - s.alphas[0] + da,
                                  s.betas[-1] - s.betas[0] + db))
        segments = np.concatenate(picture.contours) if picture.contours else np.zeros((0, 2, 2))
        self.contours.setData(segments[:, :, 0].ravel(), segments[:, :, 1].ravel())
        self.path_item.setData(picture.path[:, 0], picture.path[:, 1])
        self.current.setData([0.0], [0.0])
        self._show_race(picture)
        first, second = picture.labels
        if picture.kind == WEIGHTS:
            first, second = (self.tr("change of {0}").format(first), self.tr("change of {0}").format(second))
        elif picture.kind == RANDOM:
            first, second = (self.tr("{0} (× each layer's norm)").format(n) for n in (first, second))
        self.surface_plot.setLabel("bottom", first)
        self.surface_plot.setLabel("left", second)
        self.surface_plot.setRange(xRange=(s.alphas[0] - da / 2, s.alphas[-1] + da / 2),
                                   yRange=(s.betas[0] - db / 2, s.betas[-1] + db / 2), padding=0)

    def _show_race(self, picture: LandscapePicture) -> None:
        keys = [line.key for line in picture.races]
        for key in [k for k in self.race_items if k not in keys]:
            item = self.race_items.pop(key)
            self.legend.removeItem(item)
            self.surface_plot.removeItem(item)
            self.loss_plot.removeItem(self.loss_curves.pop(key))
        for line in picture.races:
            name = self.tr("{0}, η {1:g}").format(line.label, line.learning_rate)
            if line.stopped is not None:
                name += self.tr(" (diverged at step {0})").format(line.stopped)
            rgb = RACE_RGB.get(line.key, (200, 200, 200))
            if line.key not in self.race_items:
                self.race_items[line.key] = self.surface_plot.plot(pen=pg.mkPen(*rgb, width=2.5), shadowPen=OUTLINE)
                self.loss_curves[line.key] = self.loss_plot.plot(pen=pg.mkPen(*rgb, width=2))
                self.legend.addItem(self.race_items[line.key], name)
            item = self.race_items[line.key]
            item.setData(line.coords[:, 0], line.coords[:, 1])
            self.loss_curves[line.key].setData(line.steps - line.steps[0], line.losses)
            if self.legend.getLabel(item).text != name:
                self.legend.getLabel(item).setText(name)

    def export_item(self):
        """What an exported image shows: the whole layout (surface, colour key, race losses)."""
        return self.ci
