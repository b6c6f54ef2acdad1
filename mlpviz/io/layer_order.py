"""The order of a network's layers from their names (``0``, ``2``, ``fc1``, ``fc10``), or else from their shapes.

Names that differ only in their numbers (``net.0`` / ``net.2``, ``fc1`` / ``fc2``) are
put in numeric order. Otherwise (``fc1``, ``fc2``, ``out``) the names do not tell, and
the one order in which the weight shapes chain (keeping ``fc1`` before ``fc2``) is taken
and flagged for confirmation.
"""

from __future__ import annotations

import re
from itertools import permutations

from mlpviz.engine.errors import SnapshotError

_DIGITS = re.compile(r"(\d+)")
MAX_PERMUTED = 7  # 5040 orders; beyond that only a unique chain by in/out sizes is tried


def natural_key(name: str) -> tuple:
    """``'fc10'`` after ``'fc9'``: digit runs compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(name))


def order_layers(path, shapes: dict[str, tuple[int, int]]) -> tuple[list[str], bool]:
    """``(names in order, ordered_by_shapes)`` for layers with weight shapes ``(fan_in, fan_out)``."""
    names = sorted(shapes, key=natural_key)
    if len({_pattern(n) for n in names}) <= 1:
        return names, False
    chains = [list(order) for order in _orders(names, shapes) if _chains(order, shapes) and _keeps_numbering(order)]
    if len(chains) == 1:
        return chains[0], True
    listed = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    why = "no order of them connects" if not chains else f"{len(chains)} orders fit their shapes"
    raise SnapshotError(f"{path}: the order of the layers ({listed}) cannot be told from their names, and {why}")


def _orders(names, shapes):
    if len(names) <= MAX_PERMUTED:
        return permutations(names)
    return [_greedy_chain(names, shapes)] if _greedy_chain(names, shapes) else []


def _greedy_chain(names, shapes):
    """The chain from the one layer whose input no other layer feeds, following sizes; None if not unique."""
    starts = [n for n in names if not any(shapes[m][1] == shapes[n][0] for m in names if m != n)]
    if len(starts) != 1:
        return None
    order, left = [starts[0]], set(names) - {starts[0]}
    while left:
        nxt = [m for m in left if shapes[m][0] == shapes[order[-1]][1]]
        if len(nxt) != 1:
            return None
        order.append(nxt[0])
        left.discard(nxt[0])
    return order


def _pattern(name: str) -> str:
    return _DIGITS.sub("#", name)


def _keeps_numbering(order) -> bool:
    """Names of one pattern (``fc1``, ``fc2``) stay in numeric order."""
    last: dict[str, tuple] = {}
    for name in order:
        key = natural_key(name)
        if _pattern(name) in last and last[_pattern(name)] > key:
            return False
        last[_pattern(name)] = key
    return True


def _chains(order, shapes) -> bool:
    return all(shapes[a][1] == shapes[b][0] for a, b in zip(order, order[1:]))
