"""Square-image inputs drawn as pictures beside the input layer: the sample shown, and the incoming
weights of one unit of the first hidden layer (the one hovered, else the one selected).

The captions keep their size in pixels while the pictures follow the zoom: each picture sits under its
caption, and the view's fit asks how far left they reach (``fit_left``), so none is cut at the canvas's edge."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QTextDocument

from mlpviz.app.image_inputs import as_picture, image_side
from mlpviz.engine.unit_names import unit_name

from .colormap import value_to_rgb
from .layout import NetworkLayout

GAP = 0.6  # view units between the pictures and the input column
AIR = 0.15  # view units between a caption and the pictures above and under it
MAX_SIDE = 6.0  # the pictures' largest side, in view units
VIEW_SHARE = 0.9  # of the view's height the pictures and captions may take
MIN_CAPTION_PX = 120.0  # a caption wraps at its picture's width, but never narrower than this
FIT_SAFETY = 0.9  # the zoom the fit ends at is a little less than its first guess (the texts' room above and under)


def weights_hint() -> str:
    return QCoreApplication.translate("InputPictures", "hover a unit of hidden 1:\nits weights as a picture")


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
        self.left = 0.0  # x of the pictures' left edge
        self._rects: dict[pg.ImageItem, QRectF] = {}
        self._layout: NetworkLayout | None = None
        self._ppu = 0.0  # the view's pixels per unit the pictures are placed for
        self._view = view
        self.set_layout(None)
        view.sigRangeChanged.connect(self._on_range_changed)

    @property
    def visible(self) -> bool:
        return self.side is not None

    def set_layout(self, layout: NetworkLayout | None) -> None:
        """Place the pictures for ``layout`` (none unless its inputs are a square image)."""
        self.side = None if layout is None else image_side(layout.sizes[0])
        self._layout = layout if self.side is not None else None
        for item in self.items:
            item.setVisible(self.visible)
        if self.visible:
            self._place(self._ppu or 20.0)

    def fit_left(self, x1: float, y0: float, y1: float, view_px: tuple[float, float]) -> float:
        """The x a view of ``view_px`` (width, height) pixels showing up to ``x1`` and from ``y0`` to ``y1`` must
        start at so the pictures and their captions are whole; they are placed for the zoom it gives."""
        w_px, h_px = view_px
        left = self.left
        for _ in range(3):  # the captions' room sets the zoom, the zoom their room: settle it
            if not (w_px > 0 and h_px > 0 and x1 > left and y1 > y0):
                break
            left = self._place(FIT_SAFETY * min(w_px / (x1 - left), h_px / (y1 - y0)), h_px)
        return left

    def _caption_px(self, wrap: float) -> float:
        """The tallest caption, in pixels, its lines wrapped at ``wrap`` pixels (the hint counted: hovering does not
        change the fit)."""
        texts = (self.sample_caption.textItem.toPlainText(), self.weights_caption.textItem.toPlainText(), weights_hint())
        return max(_text_height(self.sample_caption, text, wrap) for text in texts)

    def _place(self, ppu: float, height_px: float = 0.0, view_left: float | None = None) -> float:
        """Pictures and captions for ``ppu`` pixels per unit in a view ``height_px`` tall: caption, picture, caption,
        picture down the layout's height (or the view's, when taller), centred on the rows, each caption wrapped at
        its picture's width (or MIN_CAPTION_PX, but not past ``view_left``); returns the leftmost x they reach."""
        self._ppu = ppu
        x0, y0, _, y1 = self._layout.bounds
        right = x0 - GAP
        room = max(y1 - y0, VIEW_SHARE * height_px / ppu)
        size = MAX_SIDE
        for _ in range(4):  # the captions' wrap follows the pictures' width, their height the pictures' room
            wrap = max(MIN_CAPTION_PX, size * ppu)
            if view_left is not None:  # the view is already set: wrapped narrower rather than cut at its edge
                wrap = max(size * ppu, min(wrap, (right - view_left) * ppu - 2))
            cap_h = self._caption_px(wrap) / ppu
            size = max(1.0, min(MAX_SIDE, (room - 2 * cap_h - 3 * AIR) / 2))
        self.left = right - size
        top = (2 * cap_h + 2 * size + 3 * AIR) / 2
        self._rects = {self.sample_image: QRectF(self.left, top - cap_h - AIR - size, size, size),
                       self.weights_image: QRectF(self.left, -top, size, size)}
        self._caption_y = {self.sample_caption: top - cap_h, self.weights_caption: -top + size + AIR}
        for item, rect in self._rects.items():
            if item.image is not None:
                item.setRect(rect)
        for caption in (self.sample_caption, self.weights_caption):
            caption.setTextWidth(wrap)
        self._align_captions()
        return min(self.left, right - wrap / ppu)

    def _align_captions(self) -> None:
        """Each caption centred over its picture, or ending at its right edge when wider (never over the inputs)."""
        if self._layout is None or self._ppu <= 0:
            return
        size = self._rects[self.sample_image].width()
        right = self.left + size
        for caption in (self.sample_caption, self.weights_caption):
            half = caption.textItem.boundingRect().width() / self._ppu / 2
            caption.setPos(min(self.left + size / 2, right - half), self._caption_y[caption])

    def _on_range_changed(self, *_args) -> None:
        """Zoomed: the captions keep their pixels, so the pictures are placed again around them."""
        if self.visible and self._layout is not None:
            pixel = self._view.viewPixelSize()[0]
            if pixel > 0 and abs(1 / pixel - self._ppu) > 0.01 * self._ppu:
                self._place(1 / pixel, self._view.height(), self._view.viewRect().left())

    def show_sample(self, inputs: np.ndarray | None, caption: str) -> None:
        """The inputs ``(n0,)`` of the sample shown as ink on paper (0 white, the largest value black)."""
        if not self.visible or inputs is None:
            return
        picture = as_picture(inputs, self.side)
        top = max(1.0, float(np.nanmax(np.abs(picture)))) if picture.size else 1.0
        grey = (255 * (1 - np.clip(np.nan_to_num(picture) / top, 0, 1))).astype(np.uint8)
        self._set_image(self.sample_image, np.repeat(grey[::-1, :, None], 3, axis=2))
        self.sample_caption.setText(caption)
        self._align_captions()

    def show_weights(self, weights: np.ndarray | None, unit: int | None, layer_count: int) -> None:
        """Column ``unit`` of the first weight matrix ``(n0, n1)`` as a picture (orange < 0 < blue), or a hint."""
        if not self.visible:
            return
        if weights is None or unit is None or not 0 <= unit < weights.shape[1]:
            self._set_image(self.weights_image, np.full((self.side, self.side, 3), 247, dtype=np.uint8))
            self.weights_caption.setText(weights_hint())
            self._align_captions()
            return
        picture = as_picture(weights[:, unit], self.side)
        scale = float(np.max(np.abs(picture))) or 1.0
        self._set_image(self.weights_image, value_to_rgb(picture, scale)[::-1])
        self.weights_caption.setText(QCoreApplication.translate("InputPictures", "weights into {0}").format(
            unit_name(1, unit, layer_count)))
        self._align_captions()

    def _set_image(self, item: pg.ImageItem, rgb: np.ndarray) -> None:
        """Show ``rgb`` ``(side, side, 3)`` in ``item``, stretched over its square (the rect scales by pixel count)."""
        item.setImage(rgb, levels=(0, 255))
        item.setRect(self._rects[item])


def _text_height(caption: pg.TextItem, text: str, wrap: float) -> float:
    """The height ``caption`` would take, in pixels, showing ``text`` wrapped at ``wrap`` pixels."""
    document = QTextDocument()
    document.setDefaultFont(caption.textItem.font())
    document.setDocumentMargin(caption.textItem.document().documentMargin())
    document.setPlainText(text)
    document.setTextWidth(wrap)
    return document.size().height()
