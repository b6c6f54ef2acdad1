"""What MainWindow needs to build the teaching views (File ▸ Export step as worked example…, the Quiz dock).

The views get callables and a signal, not the session; MainWindow makes and places them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction

from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.engine.layers import layer_fed_by

from .quiz_panel import QuizPanel


@dataclass
class TeachingViews:
    """The teaching views of a window (``window.teaching``)."""

    export_action: QAction
    quiz_panel: QuizPanel


def selected_units(item) -> list[tuple[int, int]] | None:
    """The unit picked (or the unit a picked weight feeds) as ``[(layer, index)]``; None when nothing fits."""
    if isinstance(item, UnitRef) and item.layer >= 1 and item.index >= 0:
        return [(item.layer, item.index)]
    if isinstance(item, WeightRef):
        return [(layer_fed_by(item.layer), item.col)]
    return None
