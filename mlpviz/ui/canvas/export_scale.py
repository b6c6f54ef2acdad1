"""How much larger than on screen an item is being drawn, for items that paint in device pixels."""

from __future__ import annotations


class ExportScaled:
    """Mixed into a pyqtgraph item: ``export_scale()`` is 2 while an exporter draws it at 2×, else 1."""

    def export_scale(self) -> float:
        opts = self._exportOpts  # pyqtgraph's exporters set it (setExportMode) while they draw
        return float(opts.get("resolutionScale", 1.0)) if opts else 1.0
