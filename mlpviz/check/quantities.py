"""The quantities of a step in the order they are computed, and how each element is named on screen.

A key is ``(quantity, layer)``: ``z``, ``a``, ``delta`` of unit layer ``layer`` (1..L), ``loss``
(layer None), ``grad_W``, ``grad_b``, ``W_after``, ``b_after`` of the weights into unit layer
``layer``. Arrays are in mlpviz's layout: per sample ``(B, n)``, weights ``(fan_in, fan_out)``,
biases ``(n,)``.
"""

from __future__ import annotations

from mlpviz.engine.unit_names import layer_symbol, unit_name, weight_name
from mlpviz.i18n import msg

QUANTITIES = ("z", "a", "loss", "delta", "grad_W", "grad_b", "W_after", "b_after")
PER_SAMPLE = ("z", "a", "delta")
WEIGHTS = ("grad_W", "W_after")
BIASES = ("grad_b", "b_after")

Key = tuple[str, "int | None"]


def keys_in_order(layer_count: int) -> list[Key]:
    """Forward (z, a per layer), the loss, backward (δ, ∂C/∂W, ∂C/∂b from the output back), the update."""
    keys: list[Key] = []
    for l in range(1, layer_count + 1):
        keys += [("z", l), ("a", l)]
    keys.append(("loss", None))
    for l in range(layer_count, 0, -1):
        keys += [("delta", l), ("grad_W", l), ("grad_b", l)]
    for l in range(1, layer_count + 1):
        keys += [("W_after", l), ("b_after", l)]
    return keys


def quantity_title(key: Key, layer_count: int) -> str:
    """The quantity as a whole: ``z of h1``, ``ŷ``, ``loss C``, ``δ of y``, ``∂C/∂W of x → h1``, ``b of h1 after``."""
    q, l = key
    if q == "loss":
        return "loss C"
    unit = layer_symbol(l, layer_count)
    into = f"{layer_symbol(l - 1, layer_count)} → {unit}"
    if q == "a" and l == layer_count:
        return "ŷ"
    if q in ("W_after", "b_after"):
        return str(msg("{what} of {where} after the update", what=q[0], where=into if q == "W_after" else unit))
    what = {"z": "z", "a": "a", "delta": "δ", "grad_W": "∂C/∂W", "grad_b": "∂C/∂b"}[q]
    return str(msg("{what} of {where}", what=what, where=into if q == "grad_W" else unit))


def element_name(key: Key, index: tuple[int, ...], layer_count: int) -> str:
    """One number of a quantity, named as mlpviz names it: ``δ of h1.2``, ``∂C/∂w(x1→h1.2)``, ``w(x1→h1.2) after``.

    ``index`` is ``(sample, unit)`` for per-sample quantities, ``(row, col)`` for weights and
    ``(unit,)`` for biases.
    """
    q, l = key
    if q == "loss":
        return "loss C"
    if q in PER_SAMPLE:
        unit = unit_name(l, index[-1], layer_count)
        label = {"z": "z", "a": "ŷ" if l == layer_count else "a", "delta": "δ"}[q]
        return str(msg("{what} of {where}", what=label, where=unit))
    if q in WEIGHTS:
        name = weight_name(l - 1, index[0], index[1], layer_count)
    else:
        name = weight_name(l - 1, -1, index[-1], layer_count)
    return f"∂C/∂{name}" if q.startswith("grad") else str(msg("{what} after the update", what=name))


def unit_of(key: Key, index: tuple[int, ...], layer_count: int) -> str | None:
    """The ``unit`` of the JSON report: ``h1.2`` for a unit's quantity, ``w(x1→h1.2)`` or ``b(h1.2)`` for a parameter's."""
    q, l = key
    if q == "loss":
        return None
    if q in PER_SAMPLE:
        return unit_name(l, index[-1], layer_count)
    if q in WEIGHTS:
        return weight_name(l - 1, index[0], index[1], layer_count)
    return weight_name(l - 1, -1, index[-1], layer_count)

