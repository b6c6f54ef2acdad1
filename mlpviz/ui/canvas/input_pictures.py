"""Square-image inputs drawn as pictures beside the input layer: the sample shown, and the incoming
weights of one unit of the first hidden layer (the one hovered, else the one selected)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF

from mlpviz.app.image_inputs import as_picture, image_side
from mlpviz.engine.unit_names import unit_name

from .colormap import value_to_rgb
from .layout import NetworkLayout

GAP = 0.6  # view units between the pictures and the input column


class InputPictures:
    """Two pictures and their captions in ``view``, left of the input column; hidden for other inputs."""

    def __init__(self, view: pg.ViewBox) -> None:
        self.side: int | None = None
        self.sample_image = pg.ImageItem(axisOrder="row-major")
        self.weights_image = pg.ImageItem(axisOrder="row-major")
        self.sample_caption = pg.TextItem(color="#333", anchor=(0.5, 1.0))
        self.weights_caption = pg.TextItem(color="#333", anchor=(0.5, 1.0))
        self.items = (self.sample_image, self.weights_image, self.sample_caption, self.weights_caption)
        for item in self.items:
            item.setZValue(5)
            view.addItem(item)
        self.left = 0.0  # x of the pictures' left edge (for fitting the view)
        self._rects: dict[pg.ImageItem, QRectF] = {}
        self.set_layout(None)

    @property
    def visible(self) -> bool:
        return self.side is not None

    def set_layout(self, layout: NetworkLayout | None) -> None:
        """Place the pictures for ``layout`` (none unless its inputs are a square image)."""
        self.side = None if layout is None else image_side(layout.sizes[0])
        for item in self.items:
            item.setVisible(self.visible)
        if not self.visible:
            return
        x0, y0, _, y1 = layout.bounds
        size = min(6.0, (y1 - y0) / 2.6)
        right = x0 - GAP
        self.left = right - size
        centre = self.left + size / 2
        self._rects = {self.sample_image: QRectF(self.left, 0.6, size, size),
                       self.weights_image: QRectF(self.left, -0.9 - size, size, size)}
        self.sample_caption.setPos(centre, 0.6 + size + 0.1)
        self.weights_caption.setPos(centre, -0.9 + 0.1)

    def show_sample(self, inputs: np.ndarray | None, caption: str) -> None:
        """The inputs ``(n0,)`` of the sample shown as ink on paper (0 white, the largest value black)."""
        if not self.visible or inputs is None:
            return
        picture = as_picture(inputs, self.side)
        top = max(1.0, float(np.nanmax(np.abs(picture)))) if picture.size else 1.0
        grey = (255 * (1 - np.clip(np.nan_to_num(picture) / top, 0, 1))).astype(np.uint8)
        self._set_image(self.sample_image, np.repeat(grey[::-1, :, None], 3, axis=2))
        self.sample_caption.setText(caption)

    def show_weights(self, weights: np.ndarray | None, unit: int | None, layer_count: int) -> None:
        """Column ``unit`` of the first weight matrix ``(n0, n1)`` as a picture (orange < 0 < blue), or a hint."""
        if not self.visible:
            return
        if weights is None or unit is None or not 0 <= unit < weights.shape[1]:
            self._set_image(self.weights_image, np.full((self.side, self.side, 3), 247, dtype=np.uint8))
            self.weights_caption.setText(QCoreApplication.translate(
                "InputPictures", "hover a unit of hidden 1:\nits weights as a picture"))
            return
        picture = as_picture(weights[:, unit], self.side)
        scale = float(np.max(np.abs(picture))) or 1.0
        self._set_image(self.weights_image, value_to_rgb(picture, scale)[::-1])
        self.weights_caption.setText(QCoreApplication.translate("InputPictures", "weights into {0}").format(
            unit_name(1, unit, layer_count)))

    def _set_image(self, item: pg.ImageItem, rgb: np.ndarray) -> None:
        """Show ``rgb`` ``(side, side, 3)`` in ``item``, stretched over its square (the rect scales by pixel count)."""
        item.setImage(rgb, levels=(0, 255))
        item.setRect(self._rects[item])
