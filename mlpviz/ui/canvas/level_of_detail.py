"""Level of detail for big layer pairs: draw only the strongest edges, and say so.

Full detail at ~100,000 edges is tens of millions of pixels of lines a frame, far from
interactive on two cores; the strongest few thousand edges of a big weight layer show
its structure. Exported images ask for full detail instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.i18n import msg

LAYER_EDGE_LIMIT = 3000  # a weight layer with more edges than this draws only its strongest


@dataclass(frozen=True)
class EdgeChoice:
    """Which edges of one weight layer to draw: ``indices`` into ``W.ravel()``, or None for all."""

    indices: np.ndarray | None
    total: int
    ranked_by: str = ""

    @property
    def drawn(self) -> int:
        return self.total if self.indices is None else len(self.indices)


def choose_edges(values: np.ndarray, ranked_by: str, limit: int | None = LAYER_EDGE_LIMIT) -> EdgeChoice:
    """The ``limit`` edges of largest ``|values|`` (``values`` ``(fan_in, fan_out)``), or all of them.

    ``limit`` None means full detail. ``ranked_by`` names the quantity (``|w|``, ``|∂C/∂w|``).
    The chosen indices come out sorted, so drawing order is stable from frame to frame.
    """
    total = values.size
    if limit is None or total <= limit:
        return EdgeChoice(None, total)
    flat = np.abs(np.nan_to_num(values.ravel(), nan=0.0))
    idx = np.argpartition(flat, total - limit)[total - limit:]
    idx.sort()
    return EdgeChoice(idx, total, ranked_by)


def describe(choices: list[EdgeChoice], layer_titles: list[str]) -> str:
    """A line for the canvas saying what is left out, or '' at full detail."""
    parts = [
        str(msg("{layer}: strongest {drawn:,} of {total:,} by {ranked_by}", layer=title, drawn=c.drawn, total=c.total,
                ranked_by=c.ranked_by))
        for c, title in zip(choices, layer_titles)
        if c.indices is not None
    ]
    return (str(msg("Edges shown — ")) + "; ".join(parts)) if parts else ""


def edge_width(edge_count: int) -> float:
    """Widest edge in pixels: bold for 2-3-1, hairlines for 784-128-64-10."""
    if edge_count <= 40:
        return 7.0
    if edge_count <= 300:
        return 4.0
    return 2.5 if edge_count <= 3000 else 1.2
