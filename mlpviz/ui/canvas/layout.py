"""Where the nodes go: layer sizes -> node positions in view units, a pure function.

Layers are columns (input on the left), units top to bottom, every column centred on
y = 0. Up to ``FULL_ROWS`` units a column uses a spacing of 1; taller columns are squeezed
to the same height, their nodes shrink with the spacing, so 784-128-64-10 fits as well as
2-3-1. Columns are spaced so that edges fan out at a readable angle; in a view taller than
the network the rows spread apart, so each node has room for its number and bias label.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.engine.layers import layer_fed_by

FULL_ROWS = 16  # a column of more units than this is squeezed to this height
NODE_DIAMETER = 0.6  # node size at spacing 1, in view units
MIN_COLUMN_GAP = 2.6
GAP_PER_SPAN = 0.6  # column gap grows with the tallest column, so edges do not flatten out
MARGIN = 0.9  # around the nodes; the top margin also holds the layer titles
FILL_GAP_RANGE = (0.6, 2.0)  # a gap that fills the view stays within these factors of the readable one
ROW_SPREAD_MAX = 2.5  # in a view taller than the network, rows spread apart up to this factor (room for numbers)


@dataclass(frozen=True)
class NetworkLayout:
    """Node positions ``positions[l]`` ``(n_l, 2)`` and diameters ``diameters[l]`` per unit layer.

    ``spacing[l]`` is the vertical distance between neighbouring units of layer ``l``;
    ``bounds`` is ``(x_min, y_min, x_max, y_max)`` of everything drawn, margins included.
    """

    sizes: tuple[int, ...]
    positions: tuple[np.ndarray, ...]
    diameters: np.ndarray
    spacing: np.ndarray
    column_x: np.ndarray
    bounds: tuple[float, float, float, float]

    @property
    def node_count(self) -> int:
        return int(sum(self.sizes))

    @property
    def edge_count(self) -> int:
        return int(sum(a * b for a, b in zip(self.sizes[:-1], self.sizes[1:])))

    def all_positions(self) -> np.ndarray:
        """Every node's position, layer after layer: ``(node_count, 2)``."""
        return np.concatenate(self.positions)

    @property
    def title_y(self) -> float:
        """y of the baseline of the layer titles: just above the tallest column."""
        return self.bounds[3] - MARGIN + 0.15

    def top_y(self, layer: int) -> float:
        """y of the top node of unit layer ``layer``."""
        return float(self.positions[layer][0, 1])


def column_gap(sizes, spans: np.ndarray, aspect: float | None) -> float:
    """Distance between columns: readable edge angles, or (given the view's ``aspect``, width / height)
    as wide as fills the view, between FILL_GAP_RANGE times the readable gap."""
    gap = max(MIN_COLUMN_GAP, GAP_PER_SPAN * float(spans.max()))
    if aspect is None or len(sizes) < 2:
        return gap
    height = float(spans.max()) + NODE_DIAMETER + MARGIN * 1.6
    fill = (aspect * height - 2 * (MARGIN + NODE_DIAMETER)) / (len(sizes) - 1)
    low, high = FILL_GAP_RANGE
    return float(np.clip(fill, gap * low, gap * high))


def layout_network(sizes, aspect: float | None = None) -> NetworkLayout:
    """Positions of the nodes of a network with unit-layer sizes ``sizes`` (input first).

    With ``aspect`` (the view's width / height) the columns spread or close up so that the
    network fills a view of that shape (see ``column_gap``).
    """
    sizes = tuple(int(s) for s in sizes)
    spacing = np.array([1.0 if n <= FULL_ROWS + 1 else FULL_ROWS / (n - 1) for n in sizes])
    spans = np.array([(n - 1) * s for n, s in zip(sizes, spacing)])
    gap = column_gap(sizes, spans, aspect)
    if aspect is not None and float(spans.max()) > 0:
        width = gap * (len(sizes) - 1) + 2 * (MARGIN + NODE_DIAMETER)
        spread = (width / aspect - NODE_DIAMETER - MARGIN * 1.6) / float(spans.max())
        factor = float(np.clip(spread, 1.0, ROW_SPREAD_MAX))
        spacing, spans = spacing * factor, spans * factor
    column_x = np.arange(len(sizes)) * gap
    positions = []
    for n, s, span, x in zip(sizes, spacing, spans, column_x):
        pos = np.empty((n, 2))
        pos[:, 0] = x
        pos[:, 1] = span / 2 - np.arange(n) * s
        pos.flags.writeable = False
        positions.append(pos)
    diameters = np.minimum(NODE_DIAMETER, 0.85 * spacing)  # (spread rows keep their nodes' size)
    half = float(spans.max()) / 2 + NODE_DIAMETER / 2
    bounds = (-MARGIN - NODE_DIAMETER, -half - MARGIN * 0.6, float(column_x[-1]) + MARGIN + NODE_DIAMETER, half + MARGIN)
    return NetworkLayout(sizes, tuple(positions), diameters, spacing, column_x, bounds)


def edge_endpoints(layout: NetworkLayout, layer: int) -> np.ndarray:
    """Endpoints of every edge of weight layer ``layer``, row-major like ``W`` ``(fan_in, fan_out)``:

    shape ``(fan_in * fan_out, 4)`` holding ``x0, y0, x1, y1``.
    """
    src, dst = layout.positions[layer], layout.positions[layer_fed_by(layer)]
    n_in, n_out = len(src), len(dst)
    out = np.empty((n_in, n_out, 4))
    out[:, :, 0:2] = src[:, None, :]
    out[:, :, 2:4] = dst[None, :, :]
    return out.reshape(n_in * n_out, 4)
