"""The decision map: the data of a 2-input network as points coloured by class, over the network's output.

The output on a grid comes from the engine (``output_grid``); this view only colours
it. During Run it is recomputed at most MAX_REDRAWS_PER_SECOND times, on a
RESOLUTION × RESOLUTION grid, so it never holds training back. Training points are
filled, test points hollow. Networks without 2 inputs get an explanation instead.
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from mlpviz.app.view_state import ViewState
from mlpviz.datasets import Dataset
from mlpviz.engine.grid import output_grid
from mlpviz.engine.targets import OUTPUT_RANGE

from .plain_plot import plain_plot_widget, scale_plot_text, set_plot_look
from ..widgets.class_key import ClassKey
from .class_colours import class_rgb, heat_rgb
from ..widgets.redraw_throttle import RedrawThrottle
from ..widgets.plain_text import plain_label

RESOLUTION = 64
MAX_REDRAWS_PER_SECOND = 15
MARGIN = 0.15  # of the data's extent, around the points
POINT_SIZE = 8
MAX_POINTS = 5000  # more are drawn as a regular subsample (the map itself is unaffected)


class DecisionMap(QWidget):
    """Heat map ``image`` of the output on the grid (``xs``, ``ys``, ``values (res, res, k)``) and the data points.

    Draws the network of the ViewState given to ``set_state`` over the data given to ``set_dataset``.
    """

    def __init__(self, state: ViewState, dataset: Dataset, parent: QWidget | None = None,
                 resolution: int = RESOLUTION) -> None:
        super().__init__(parent)
        self._state, self._dataset = state, dataset
        self.resolution = resolution
        self.xs = self.ys = self.values = None
        self.x_range, self.y_range = (-1.0, 1.0), (-1.0, 1.0)

        self.plot_widget = plain_plot_widget("x1", "x2")
        item = self.plot_widget.getPlotItem()
        item.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        item.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen("w", width=1))
        self.test_points = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(255, 255, 255, 200))
        item.addItem(self.train_points)
        item.addItem(self.test_points)
        self.explanation = plain_label()
        self.explanation.setWordWrap(True)
        self.explanation.setMargin(12)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot_widget)
        self.stack.addWidget(self.explanation)
        self.legend_label = plain_label(wrap=True)  # large text on a narrow panel: more lines, never cut nor "…"
        self.class_key = ClassKey()  # a swatch and the name of each class, wrapped, never cut
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.class_key)
        layout.addWidget(self.legend_label)

        self.throttle = RedrawThrottle(self.redraw, MAX_REDRAWS_PER_SECOND, self)
        self._show_data(dataset)
        self.redraw()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(340, 240)

    @property
    def available(self) -> bool:
        """True when the network has 2 inputs, so the map can be drawn."""
        return self._state.arch.sizes[0] == 2 and self._dataset.n_inputs == 2

    def set_look(self, look) -> None:
        """Background, axes and text in an appearance's colours."""
        set_plot_look(self.plot_widget, look)

    def set_text_scale(self, scale: float) -> None:
        """Axis numbers, labels and legend at ``scale`` × the desktop text size."""
        scale_plot_text(self.plot_widget.getPlotItem(), scale)

    def set_state(self, state: ViewState) -> None:
        """Draw ``state``'s parameters (the session's ``state_changed``): a new network at once, else throttled."""
        rebuilt = state.arch != self._state.arch
        self._state = state
        if rebuilt:
            self.throttle.redraw_now()
        else:
            self.throttle.request()

    def set_dataset(self, dataset: Dataset) -> None:
        """Draw ``dataset``'s points (the session's ``data_changed``)."""
        self._dataset = dataset
        self._show_data(dataset)
        self.throttle.redraw_now()

    def _show_data(self, dataset: Dataset) -> None:
        """Points coloured by class; fixes the grid's ranges around them."""
        if dataset.n_inputs != 2:
            return
        both = np.vstack([dataset.x_train, dataset.x_test])
        lo, hi = both.min(axis=0), both.max(axis=0)
        pad = np.maximum((hi - lo) * MARGIN, 0.1)
        (x0, y0), (x1, y1) = lo - pad, hi + pad
        self.x_range, self.y_range = (float(x0), float(x1)), (float(y0), float(y1))
        self.train_points.setData(**self._points(dataset.x_train, dataset.labels_train, dataset.n_classes, filled=True))
        self.test_points.setData(**self._points(dataset.x_test, dataset.labels_test, dataset.n_classes, filled=False))
        self.plot_widget.getPlotItem().setRange(xRange=self.x_range, yRange=self.y_range, padding=0)

    @staticmethod
    def _points(x: np.ndarray, labels: np.ndarray | None, n_classes: int, filled: bool) -> dict:
        step = max(1, -(-len(x) // MAX_POINTS))
        x = x[::step]
        # One brush or pen per class, shared by its points: pyqtgraph renders each distinct
        # brush once, so 4,000 points of 2 classes cost 2 symbol renders, not 4,000.
        if labels is None:
            palette, index = np.full((1, 3), 60, dtype=np.uint8), np.zeros(len(x), dtype=np.int64)
        else:
            palette, index = class_rgb(n_classes), labels[::step]
        if filled:
            brushes = [pg.mkBrush(*c) for c in palette.tolist()]
            return {"x": x[:, 0], "y": x[:, 1], "brush": [brushes[i] for i in index.tolist()]}
        pens = [pg.mkPen(*c, width=2) for c in palette.tolist()]
        return {"x": x[:, 0], "y": x[:, 1], "pen": [pens[i] for i in index.tolist()]}

    def redraw(self) -> None:
        """Compute the output grid of the parameters shown (engine) and paint it."""
        state = self._state
        arch = state.arch
        if not self.available:
            self.stack.setCurrentWidget(self.explanation)
            self.legend_label.hide()  # nothing drawn: nothing to explain
            self.class_key.hide()
            self.explanation.setText(self.tr(
                "The decision map needs a network with 2 inputs, so that every input is a point in the plane; "
                "this {0} network has {1}.").format(arch.label(), arch.sizes[0]))
            self.values = None
            return
        self.stack.setCurrentWidget(self.plot_widget)
        self.legend_label.show()
        params = state.params
        self.xs, self.ys, self.values = output_grid(arch, params, self.x_range, self.y_range, self.resolution)
        low, high = OUTPUT_RANGE.get(arch.output_activation, (0.0, 1.0))  # a linear output: coloured as a sigmoid's
        self.image.setImage(heat_rgb(self.values, low, high), autoLevels=False, levels=(0, 255))
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self._show_legend(arch.sizes[-1], self._dataset, low, high)

    def _show_legend(self, k: int, dataset: Dataset, low: float, high: float) -> None:
        names = dataset.class_labels  # plain text: the key paints them, the label never reads them as HTML
        self.class_key.set_classes(names if len(names) == max(k, 2) else ())
        if k == 1:
            ends = [f"{v:g}".replace("-", "\u2212") for v in (low, (low + high) / 2, high)]  # a minus sign, not a hyphen
            text = self.tr("ŷ: orange {0} · white {1} · blue {2}").format(*ends)
            tip = self.tr("Background: the network's output ŷ at each point")
        else:
            text = self.tr("background: the most likely of {0} classes, pale = unsure").format(k)
            tip = self.tr("Background: the most likely class, paler where the network is less sure")
        # a number kept on the line of its word: the caption wrapped presenting at 1024×768 as "… · blue" / "1 · …"
        self.legend_label.setText(re.sub(r" (?=[\u2212-]?\d)", "\u00a0", text + self.tr(" · test points hollow")))
        self.legend_label.setToolTip(tip + self.tr(". Points: the data coloured by class, training filled, test hollow."))
