"""Unit and layer names in worked examples and quiz questions: x1, h1.2, y1, as everywhere
(``mlpviz.engine.unit_names``); layers get a document's longer titles ("hidden layer 1").

Unit layer ``layer`` runs 0..L; units count from 1 in names and from 0 in arrays.
"""

from __future__ import annotations

from mlpviz.engine.unit_names import unit_name

__all__ = ["layer_title", "parameter_names", "unit_name"]


def layer_title(layer: int, layer_count: int) -> str:
    if layer == 0:
        return "inputs"
    if layer == layer_count:
        return "outputs"
    return f"hidden layer {layer}"


def parameter_names(layer: int, row: int, col: int, layer_count: int) -> tuple[str, ...]:
    """The names a weight symbol carries: ``(x1, h1.2)`` for ``W[0][0, 1]``; ``(h1.2,)`` for a bias (``row`` -1)."""
    target = unit_name(layer + 1, col, layer_count)
    return (target,) if row < 0 else (unit_name(layer, row, layer_count), target)
