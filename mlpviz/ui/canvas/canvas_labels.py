"""The canvas's texts: layer titles that grow with the network on screen, node values, biases under the
rings and, beside the outputs, the class names with ŷ and y; sized for the zoom and the text size."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from mlpviz.engine.unit_names import layer_title
from mlpviz.i18n import msg_n

from .colormap import palette_rgb, text_is_dark
from .hover_text import fmt_value
from .layout import NetworkLayout
from .rings import RING_FACTOR

LABEL_NODE_LIMIT = 80  # print values inside nodes only for networks this small...
LABEL_MIN_PIXELS = 30  # ...and only while a node is at least this wide on screen
BIAS_LABEL_MIN_PIXELS = 40
BIAS_LABEL_MIN_GAP = 14  # pixels free between a ring and the next node, for the bias label
CLASS_NAME_PIXELS = 12  # beside a class name: its offset from the ring and a little air
TEXT_DARK, TEXT_LIGHT, TEXT_BIAS = QColor(17, 17, 17), QColor(255, 255, 255), QColor(68, 68, 68)


class CanvasLabels:
    """Mixed into NetworkCanvas: builds (``_build_labels``) and updates (``_update_labels``) its texts."""

    def _build_labels(self, layout: NetworkLayout, positions: np.ndarray) -> None:
        for item in self._layer_titles:
            self.view.removeItem(item)
        self._layer_titles = []
        L = len(layout.sizes) - 1
        self._title_pt = 0.0
        for l, n in enumerate(layout.sizes):
            item = pg.TextItem(color="#333", anchor=(0.5, 1.0))
            item.setPos(layout.column_x[l], layout.title_y)
            item.parts = (layer_title(l, L), str(msg_n("{n} unit", "{n} units", n)))
            self.view.addItem(item)
            self._layer_titles.append(item)
        small = layout.node_count <= LABEL_NODE_LIMIT
        self.value_labels.set_positions(positions if small else np.zeros((0, 2)))
        below = positions[layout.sizes[0]:].copy()
        below[:, 1] -= self._node_diameters[layout.sizes[0]:] * RING_FACTOR / 2
        self.bias_labels.set_positions(below if small else np.zeros((0, 2)))
        right = layout.positions[-1].copy()
        right[:, 0] += layout.diameters[-1] * RING_FACTOR / 2
        self.target_labels.set_positions(right)  # the classes' names always, ŷ and y when small

    def _update_layer_titles(self) -> None:
        """Layer titles grow with the network on screen (its fit and wheel zoom) and the text size."""
        if self._layout is None or not self._layer_titles:
            return
        ppu = self._pixels_per_unit()
        key = (round(ppu, 2), self._text_scale, self._title_pt)
        if key == self._title_key:  # every frame calls this; the titles change only with the scale
            return
        pt = float(np.clip(ppu * 0.14, 9, 30)) * self._text_scale
        gap_px = ppu * float(np.min(np.diff(self._layout.column_x))) if len(self._layout.column_x) > 1 else 1e9
        font = QFont()
        font.setPointSizeF(pt)
        font.setBold(True)
        widest = max(QFontMetricsF(font).horizontalAdvance(item.parts[0]) for item in self._layer_titles)
        if widest > 0.92 * gap_px:  # neighbouring titles must not run into each other
            pt = max(7.0, pt * 0.92 * gap_px / widest)
        pt = round(pt, 1)
        self._title_key = (round(ppu, 2), self._text_scale, pt)
        if pt == self._title_pt:
            return
        self._title_pt = pt
        for item in self._layer_titles:
            title, units = item.parts
            text, muted = ("#333", "#666") if self._look is None else (self._look.text.name(), self._look.muted.name())
            item.setHtml(f'<div style="text-align:center; font-size:{pt}pt; color:{text}"><b>{title}</b><br>'
                         f'<span style="font-size:{pt * 0.8:.1f}pt; color:{muted}">{units}</span></div>')

    def _update_labels(self) -> None:
        self._update_layer_titles()
        frame = self._frame
        if frame is None or self._layout is None:
            return
        if self._layout.node_count > LABEL_NODE_LIMIT:
            font = QFont()
            font.setPointSizeF(10)
            self.target_labels.set_texts(self._class_names(), [TEXT_DARK] * self._layout.sizes[-1], font)
            return
        node_px = self._pixels_per_unit() * float(self._layout.diameters.min())
        gap_px = self._pixels_per_unit() * float(np.min(self._layout.spacing - self._layout.diameters * RING_FACTOR))
        show, show_bias = node_px >= LABEL_MIN_PIXELS, node_px >= BIAS_LABEL_MIN_PIXELS and gap_px >= BIAS_LABEL_MIN_GAP
        font = QFont()
        # node values fill about half a node, at any zoom; the text size scales them while they fit in the node
        font.setPointSizeF(float(np.clip(node_px * 0.2 * self._text_scale, 8, max(8.0, node_px * 0.23))))
        values = np.concatenate([np.full(n, np.nan) if v is None else v for n, v in zip(self._layout.sizes, frame.node_values)])
        palette = palette_rgb()
        levels = self.nodes.levels
        dark = text_is_dark(palette[np.minimum(levels, len(palette) - 1)]) | (levels >= len(palette))
        texts = ["" if not show or np.isnan(v) else fmt_value(float(v)) for v in values]
        self.value_labels.set_texts(texts, [TEXT_DARK if d else TEXT_LIGHT for d in dark], font)
        self.asked_mark.show_asked(frame, self._layout, font)
        small = QFont()
        small.setPointSizeF(max(8.0, font.pointSizeF() * 0.72))
        biases = np.concatenate(frame.biases[1:])
        name = "b′" if frame.parameters_updated else "b"  # the new biases, or the ones that gave z
        texts = [f"{name} {fmt_value(float(b))}" if show_bias else "" for b in biases]
        self.bias_labels.set_texts(texts, [TEXT_BIAS if self._look is None else self._look.muted] * len(texts), small)
        texts = self._class_names()
        if show and frame.targets is not None:
            texts = [f"{name}\nŷ {fmt_value(float(o))}\ny {fmt_value(float(t))}".lstrip("\n")
                     for name, o, t in zip(texts, frame.outputs, frame.targets)]
        self.target_labels.set_texts(texts, [TEXT_DARK if self._look is None else self._look.text] * len(texts), font)

    def _class_name_room(self, width: float, height: float) -> float:
        """View units to add right of a ``width`` × ``height`` picture so the longest class name is not cut."""
        names = self._state.output_names if self._state is not None else ()
        if not names or self._layout is None:
            return 0.0
        layout = self._layout
        free = layout.bounds[2] - (float(layout.column_x[-1]) + float(layout.diameters[-1]) * RING_FACTOR / 2)
        w_px, h_px = self.view.width(), self.view.height()
        room = 0.0
        for _ in range(3):  # the zoom sets the font, the font the room, the room the zoom: settle it
            ppu = min(w_px / (width + room), h_px / height) if w_px > 0 and h_px > 0 else 50.0
            font = QFont()  # the labels' font at this zoom (see _update_labels)
            font.setPointSizeF(float(np.clip(ppu * float(layout.diameters.min()) * 0.2, 8, 15)))
            text_px = max(QFontMetricsF(font).horizontalAdvance(name) for name in names) + CLASS_NAME_PIXELS
            room = max(0.0, text_px / ppu - free)
        return room

    def _class_names(self) -> list[str]:
        """What each output unit stands for (the data's class names), or "" each."""
        n = self._layout.sizes[-1]
        names = self._state.output_names if self._state is not None else ()
        return list(names) if len(names) == n else [""] * n
