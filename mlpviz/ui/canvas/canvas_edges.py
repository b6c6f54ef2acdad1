"""The canvas's edges: which are drawn (the strongest only for big layer pairs, ``level_of_detail``), the
values they show (weights, ∂C/∂w during the backward pass, w − w₀ when comparing, or the step each weight
took: View ▸ Colour edges by their step) and the pulse travelling along a layer's edges."""

from __future__ import annotations

import numpy as np

from mlpviz.engine.unit_names import weight_layer_title

from . import level_of_detail as lod
from .colormap import normalise
from .frame_model import GRADIENT, STEP, Frame


class CanvasEdges:
    """Mixed into NetworkCanvas: ``_draw_edges`` and ``set_edges_by_step``; needs its edges item, layout and choices."""

    edges_by_step = False  # View ▸ Colour edges by their step

    def set_edges_by_step(self, on: bool) -> None:
        """After a step, edges show the step each weight took (``on``) or the weights."""
        self.edges_by_step = bool(on)
        if self._state is not None:
            self.set_state(self._state)

    def _draw_edges(self, frame: Frame) -> None:
        limit = None if self.full_detail else lod.LAYER_EDGE_LIMIT
        choices = [
            lod.choose_edges(v, {GRADIENT: "|∂C/∂w|", STEP: "|step|"}.get(k, "|w|"), limit)
            for v, k in zip(frame.edge_values, frame.edge_kinds)
        ]
        if not self._same_choices(choices):
            self._choices = choices
            parts = [e if c.indices is None else e[c.indices] for e, c in zip(self._endpoints, choices)]
            self._edge_offsets = np.concatenate(([0], np.cumsum([len(p) for p in parts])))
            self.edges.set_geometry(np.concatenate(parts), lod.edge_width(sum(len(p) for p in parts)))
            L = len(self._layout.sizes) - 1
            if (note := lod.describe(choices, [weight_layer_title(l, L) for l in range(L)])) != self._lod_note:
                self._lod_note = note  # (the strongest edges change every picture of a Run, their count not)
                self._set_note()
            self._show_selection()
        t = [
            normalise(v.ravel() if c.indices is None else v.ravel()[c.indices], frame.scales[k])
            for v, k, c in zip(frame.edge_values, frame.edge_kinds, self._choices)
        ]
        self.edges.set_values(np.concatenate(t))
        if frame.pulse is None:
            self.edges.set_pulse(None)
        else:
            layer, position = frame.pulse
            start, stop = self._edge_offsets[layer], self._edge_offsets[layer + 1]
            self.edges.set_pulse(np.arange(start, stop), position)

    def _same_choices(self, choices: list[lod.EdgeChoice]) -> bool:
        if len(choices) != len(self._choices):
            return False
        for a, b in zip(choices, self._choices):
            if (a.indices is None) != (b.indices is None) or a.total != b.total:
                return False
            if a.indices is not None and not np.array_equal(a.indices, b.indices):
                return False
        return True
