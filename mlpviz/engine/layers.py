"""How layers are numbered, written once: unit layers run 0..L (0 the inputs, L the outputs),
weight layers 0..L-1, and weight layer ``l`` (``W[l]``, ``b[l]``) feeds unit layer ``l + 1``.

Code that turns one numbering into the other calls these two functions instead of adding or
subtracting 1; ``record.layer(l)`` gives everything of unit layer ``l`` at once.
"""

from __future__ import annotations


def layer_fed_by(weight_layer: int) -> int:
    """The unit layer that weight layer ``weight_layer`` (0..L-1) feeds."""
    return weight_layer + 1


def weights_into(unit_layer: int) -> int:
    """The weight layer that feeds unit layer ``unit_layer`` (1..L); the inverse of ``layer_fed_by``."""
    return unit_layer - 1
