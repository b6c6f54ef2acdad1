"""How much larger than on screen an item is being drawn, for items that paint in device pixels."""

from __future__ import annotations

import pyqtgraph as pg


def export_scale(item: pg.GraphicsObject) -> float:
    """How much larger than on screen ``item`` is being drawn (an exported PNG at 2× gives 2; else 1)."""
    opts = item._exportOpts  # pyqtgraph's exporters set it while they draw
    return float(opts.get("resolutionScale", 1.0)) if opts else 1.0
