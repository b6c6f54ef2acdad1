"""Unit and layer names in worked examples and quiz questions: x1, h1.2, y1 (as the app names them).

Unit layer ``layer`` runs 0..L; units count from 1 in names and from 0 in arrays.
"""

from __future__ import annotations


def unit_name(layer: int, index: int, layer_count: int) -> str:
    if layer == 0:
        return f"x{index + 1}"
    if layer == layer_count:
        return f"y{index + 1}"
    return f"h{layer}.{index + 1}"


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
