"""The "?" a quiz question puts where the canvas would draw the number it asks for."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QFont

from mlpviz.engine.layers import layer_fed_by

from .frame_model import Frame
from .labels_item import LabelsItem

ASKED_COLOUR = QColor(200, 0, 90)  # stands out on any node colour and on white


class AskedMark(LabelsItem):
    """A bold, larger "?" on the unit (its a or δ) or on the middle of the edge (its ∂C/∂w) asked for."""

    def __init__(self) -> None:
        super().__init__((0.5, 0.5))
        self.setZValue(14)  # above the value labels

    @property
    def shown(self) -> bool:
        return bool(self.texts)

    def show_asked(self, frame: Frame, layout, font: QFont) -> None:
        """Mark ``frame.hidden_node`` or ``frame.hidden_edge`` with "?" (nothing when neither is set)."""
        if frame.hidden_node is not None:
            layer, index = frame.hidden_node
            where = np.asarray(layout.positions[layer][index], dtype=float)
        elif frame.hidden_edge is not None:
            layer, row, col = frame.hidden_edge
            where = (np.asarray(layout.positions[layer][row], dtype=float)
                     + np.asarray(layout.positions[layer_fed_by(layer)][col], dtype=float)) / 2
        else:
            self.set_positions(np.zeros((0, 2)))
            self.set_texts([], [], font)
            return
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(font.pointSizeF() * 1.5)
        self.set_positions(where.reshape(1, 2))
        self.set_texts(["?"], [ASKED_COLOUR], bold)
