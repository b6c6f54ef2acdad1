"""How units, layers and parameters are named on screen: x1, h1.2, y1, w(x1→h1.2), b(h1.2).

One small pure module so the canvas, the tables, the formula panel and the worked examples all agree.
Unit layer ``layer`` runs 0..L (0 = inputs, L = ``layer_count`` = outputs); units count from 1.
"""

from __future__ import annotations

from .layers import layer_fed_by
from mlpviz.i18n import msg

BIAS_LABEL = "bias"


def unit_name(layer: int, index: int, layer_count: int, output_names: tuple[str, ...] = ()) -> str:
    """Name of unit ``index`` (0-based) of unit layer ``layer``: ``x1``, ``h2.3`` or ``y1``.

    With ``output_names`` (one per output unit) an output is named with its class too: ``y2 (versicolor)``.
    """
    if layer == 0:
        return f"x{index + 1}"
    if layer == layer_count:
        if index < len(output_names):
            return f"y{index + 1} ({output_names[index]})"
        return f"y{index + 1}"
    return f"h{layer}.{index + 1}"


def output_class_names(class_names: tuple[str, ...], n_outputs: int) -> tuple[str, ...]:
    """What each of ``n_outputs`` output units stands for, given the data's ``class_names``, or ``()``.

    One output per class: the class names. One output for two classes (a sigmoid's
    probability of class 1): that class's name. Anything else: ``()``.
    """
    if class_names and n_outputs == len(class_names):
        return tuple(class_names)
    if len(class_names) == 2 and n_outputs == 1:
        return (class_names[1],)
    return ()


def layer_title(layer: int, layer_count: int) -> str:
    """``inputs``, ``hidden 1``, ... or ``outputs``."""
    if layer == 0:
        return str(msg("inputs"))
    if layer == layer_count:
        return str(msg("outputs"))
    return str(msg("hidden {layer}", layer=layer))


def layer_symbol(layer: int, layer_count: int) -> str:
    """Short prefix of a unit layer, as in its unit names: ``x``, ``h1`` or ``y``."""
    if layer == 0:
        return "x"
    if layer == layer_count:
        return "y"
    return f"h{layer}"


def weight_layer_title(layer: int, layer_count: int) -> str:
    """Title of weight layer ``layer`` (connecting unit layers ``layer`` and ``layer+1``): ``x → h1``."""
    return f"{layer_symbol(layer, layer_count)} → {layer_symbol(layer_fed_by(layer), layer_count)}"


def parameter_units(layer: int, row: int, col: int, layer_count: int) -> tuple[str, ...]:
    """The units a parameter joins: ``(x1, h1.2)`` for ``W[0][0, 1]``; ``(h1.2,)`` for a bias (``row`` -1)."""
    target = unit_name(layer_fed_by(layer), col, layer_count)
    return (target,) if row < 0 else (unit_name(layer, row, layer_count), target)


def weight_name(layer: int, row: int, col: int, layer_count: int) -> str:
    """``w(x1→h1.2)`` for ``W[layer][row, col]``; ``b(h1.2)`` when ``row`` is -1 (the bias)."""
    units = parameter_units(layer, row, col, layer_count)
    return f"b({units[0]})" if row < 0 else f"w({units[0]}→{units[1]})"
