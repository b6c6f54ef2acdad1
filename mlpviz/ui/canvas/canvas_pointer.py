"""The canvas under the pointer: which unit or drawn weight is there, its tooltip, a click selecting it
for every view, the selection's marker, and for image inputs the picture of the hovered (else selected)
unit's incoming weights beside the sample's."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.engine.layers import layer_fed_by
from mlpviz.i18n import msg

from .hover_text import edge_tooltip, node_tooltip, sample_label
from .rings import RING_FACTOR

PICK_PIXELS = 5  # how close the pointer must be to an edge to hover it


class CanvasPointer:
    """Mixed into NetworkCanvas: ``item_at``, ``tooltip_for``, hover and click, ``_show_selection`` and
    ``_draw_pictures``."""

    def _show_selection(self) -> None:
        item, layout = self.selection.item, self._layout
        self.marker.setData([], [])
        self.edges.set_highlight([])
        if layout is None or item is None or self._exporting:
            return
        if isinstance(item, WeightRef) and item.is_bias:
            item = UnitRef(layer_fed_by(item.layer), item.col)
        if isinstance(item, UnitRef):
            if 0 <= item.layer < len(layout.sizes) and 0 <= item.index < layout.sizes[item.layer]:
                pos = layout.positions[item.layer][item.index]
                d = layout.diameters[item.layer] * (RING_FACTOR if item.layer else 1.0) * 1.12
                self.marker.setData(pos=[pos], size=[d])
            return
        if isinstance(item, WeightRef) and self._choices and item.layer < len(self._choices):
            fan_out = layout.sizes[layer_fed_by(item.layer)]
            flat = item.row * fan_out + item.col
            choice = self._choices[item.layer]
            idx = np.array([flat]) if choice.indices is None else np.flatnonzero(choice.indices == flat)
            if len(idx) and 0 <= flat < choice.total:
                self.edges.set_highlight(idx + self._edge_offsets[item.layer])

    def item_at(self, x: float, y: float) -> UnitRef | WeightRef | None:
        """The unit or the drawn weight under view point ``(x, y)``, or None."""
        if self._layout is None:
            return None
        pos = self._layout.all_positions()
        d2 = (pos[:, 0] - x) ** 2 + (pos[:, 1] - y) ** 2
        i = int(np.argmin(d2))
        if d2[i] <= (self._node_diameters[i] * RING_FACTOR / 2) ** 2:
            return UnitRef(int(self._node_layer[i]), int(self._node_index[i]))
        ends = self.edges.endpoints
        if not len(ends):
            return None
        a, b = ends[:, 0:2], ends[:, 2:4]
        ab = b - a
        t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1]) / np.maximum((ab**2).sum(1), 1e-12), 0, 1)
        dist2 = (a[:, 0] + t * ab[:, 0] - x) ** 2 + (a[:, 1] + t * ab[:, 1] - y) ** 2
        j = int(np.argmin(dist2))
        tol = PICK_PIXELS / max(self._pixels_per_unit(), 1e-9)
        if dist2[j] > tol**2:
            return None
        layer = int(np.searchsorted(self._edge_offsets, j, side="right") - 1)
        k = j - self._edge_offsets[layer]
        choice = self._choices[layer]
        flat = k if choice.indices is None else int(choice.indices[k])
        row, col = divmod(int(flat), self._layout.sizes[layer_fed_by(layer)])
        return WeightRef(layer, row, col)

    def tooltip_for(self, item) -> str:
        if self._state is None or item is None:
            return ""
        if isinstance(item, UnitRef):
            return node_tooltip(self._state, self.selection.sample, item.layer, item.index)
        return edge_tooltip(self._state, item.layer, item.row, item.col)

    def _on_scene_mouse_moved(self, scene_pos) -> None:
        if not self.view.sceneBoundingRect().contains(scene_pos):
            return
        p = self.view.mapSceneToView(scene_pos)
        item = self.item_at(p.x(), p.y())
        hovered = item.index if isinstance(item, UnitRef) and item.layer == 1 else None
        if hovered != self._hovered_unit:
            self._hovered_unit = hovered
            self._draw_pictures()
        text = self.tooltip_for(item)
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.double():
            self.fit()
            return
        if not self.view.sceneBoundingRect().contains(event.scenePos()):
            return
        p = self.view.mapSceneToView(event.scenePos())
        self.selection.set_item(self.item_at(p.x(), p.y()))

    def _draw_pictures(self) -> None:
        """Square-image inputs: the sample shown and the weights into the hovered (else selected) hidden unit."""
        if not self.pictures.visible or self._frame is None or self._state is None:
            return
        rec = self._state.record
        sample = self.selection.sample
        caption = "input" if rec is None else sample_label(sample if sample < rec.batch_size else 0, rec.batch_size)
        names = self._state.output_names
        if rec is not None and rec.targets is not None and sample >= 0 and len(names) == rec.targets.shape[1] > 1:
            caption += "\n" + str(msg("class {name}", name=names[int(np.argmax(rec.targets[min(sample, rec.batch_size - 1)]))]))
        self.pictures.show_sample(self._frame.node_values[0], caption)
        unit = self._hovered_unit
        item = self.selection.item
        if unit is None and isinstance(item, UnitRef) and item.layer == 1:
            unit = item.index
        self.pictures.show_weights(self._state.params.weights[0], unit, self._state.arch.layer_count)
