"""The order of a network's layers from their names (``0``, ``2``, ``fc1``, ``fc10``), or else from their shapes.

Names that differ only in their numbers (``net.0`` / ``net.2``, ``fc1`` / ``fc2``) are
put in numeric order. Otherwise (``fc1``, ``fc2``, ``out``) the names do not tell, and
the one order in which the weight shapes chain (keeping ``fc1`` before ``fc2``) is taken
and flagged for confirmation. When neither tells, LayerOrderNeeded says why once, with the command
line's way to give the order (``--layer-order``) and the app's (typing it in the dialog it shows).
"""

from __future__ import annotations

import re

from mlpviz.engine.errors import SnapshotError
from mlpviz.i18n import Message, msg

_DIGITS = re.compile(r"([0-9]+)")  # ASCII digits only: "²" and "٣" are letters here
MAX_VISITS = 100_000  # orders tried before giving up as ambiguous
ORDER_ITEMS = msg("layer names, or the prefix of a group of layers taken in numeric order")


class LayerOrderNeeded(SnapshotError):
    """The layers' order is not known: their names do not tell it (``asked``), or the order given does not fit.

    ``problem`` says why (the substance, said once); the message is the command line's (with ``--layer-order``),
    ``in_app()`` the app's. ``names`` are the layers, ``example`` an order to start from (comma-separated),
    ``input_widths`` the inputs the network takes in the orders that fit (so data can be checked before asking),
    ``examples`` an order that fits for each of those widths (``for_inputs`` shows the one the data can take).
    """

    def __init__(self, path, problem: Message, names: list[str], example: str, asked: bool = True,
                 input_widths: tuple[int, ...] = (), examples: dict[int, str] | None = None) -> None:
        cli = (msg("{path}: {problem}; give the order, e.g. --layer-order {example} ({items})", path=path,
                   problem=problem, example=example, items=ORDER_ITEMS) if asked
               else msg("{path}: {problem}", path=path, problem=problem))
        super().__init__(cli)
        self.path, self.problem, self.names, self.example, self.asked = path, problem, tuple(names), example, asked
        self.input_widths = input_widths  # the network's inputs in each order that fits the shapes (): not known
        self.examples = dict(examples or {})

    def for_inputs(self, width: int) -> LayerOrderNeeded:
        """The same refusal with, as its example, an order whose network takes ``width`` inputs (when one fits):
        the autoencoder on 4-column data is shown "encoder,decoder", not the order that takes 2."""
        return LayerOrderNeeded(self.path, self.problem, list(self.names), self.examples.get(width, self.example),
                                self.asked, self.input_widths, self.examples)

    def in_app(self) -> Message:
        """The refusal for the app, whose dialog takes the order: what to type there."""
        return msg("{problem}. Type the layers in the order the data flow through them ({items}), e.g. {example}",
                   problem=self.problem, items=ORDER_ITEMS, example=self.example)


def parse_layer_order(text: str) -> tuple[str, ...]:
    """``"encoder, decoder"`` -> ``("encoder", "decoder")``: the order as typed (``--layer-order`` or the app)."""
    return tuple(item.strip() for item in str(text or "").split(",") if item.strip())


def natural_key(name: str) -> tuple:
    """``'fc10'`` after ``'fc9'``: digit runs compare as numbers, of any length (never through ``int``)."""
    parts = _DIGITS.split(name)  # text at even places, digit runs at odd ones
    return tuple((len(p.lstrip("0")), p.lstrip("0")) if i % 2 else p for i, p in enumerate(parts))


def order_layers(path, shapes: dict[str, tuple[int, int]], given: tuple[str, ...] = ()) -> tuple[list[str], bool]:
    """``(names in order, ordered_by_shapes)`` for layers with weight shapes ``(fan_in, fan_out)``.

    ``given`` is the order the user gave: layer names, or prefixes standing for the layers under
    them in numeric order (``encoder,decoder``).
    """
    names = sorted(shapes, key=natural_key)
    example = ",".join(sorted({_group(n) for n in names}, key=natural_key))
    if given:
        return _given_order(path, names, given, example), False
    if len({_pattern(n) for n in names}) <= 1:
        return names, False
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(_pattern(name), []).append(name)
    chains = _chains(list(groups.values()), shapes)
    if len(chains) == 1:
        return chains[0], True
    fitting = _fitting_orders(list(groups.values()), shapes) if chains else {}
    examples = {width: _written(order, names) for width, order in fitting.items()}
    if examples:
        example = next(iter(examples.values()))  # an order that fits, the first found
    listed = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    problem = (msg("the order of the layers ({listed}) cannot be told from their names, and no order of them connects",
                   listed=listed) if not chains else
               msg("the order of the layers ({listed}) cannot be told from their names, and several orders fit their "
                   "shapes", listed=listed))
    raise LayerOrderNeeded(path, problem, names, example, input_widths=tuple(examples), examples=examples)


def _group(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def _given_order(path, names: list[str], given: tuple[str, ...], example: str) -> list[str]:
    """The layers in the order ``given`` names them (names or prefixes); every layer exactly once."""
    order: list[str] = []
    for item in given:
        item = item.strip()
        matched = [n for n in names if n == item or n.startswith(item + ".")]
        if not matched:
            problem = msg("the layer order given names {item}, which is no layer (the layers are {items})",
                          item=repr(item), items=", ".join(names[:8]))
            raise LayerOrderNeeded(path, problem, names, example, asked=False)
        order += [n for n in matched if n not in order]
    missing = [n for n in names if n not in order]
    if missing:
        problem = msg("the layer order given leaves out {items}; name every layer", items=", ".join(missing[:8]))
        raise LayerOrderNeeded(path, problem, names, example, asked=False)
    return order


def _pattern(name: str) -> str:
    return _DIGITS.sub("#", name)


def _chains(groups: list[list[str]], shapes, start: int | None = None) -> list[list[str]]:
    """Up to two orders that take each group in its numeric order and whose shapes chain (beginning with the group
    ``start``, when given); an empty order stands for a search that gave up."""
    found: list[list[str]] = []
    budget = [MAX_VISITS]

    def extend(order: list[str], heads: list[int]) -> None:
        budget[0] -= 1
        if len(found) > 1 or budget[0] < 0:
            return
        if len(order) == len(shapes):
            found.append(list(order))
            return
        for g, group in enumerate(groups):
            if heads[g] < len(group):
                name = group[heads[g]]
                if not order or shapes[order[-1]][1] == shapes[name][0]:
                    heads[g] += 1
                    extend(order + [name], heads)
                    heads[g] -= 1

    if start is None:
        extend([], [0] * len(groups))
    else:
        heads = [0] * len(groups)
        heads[start] = 1
        extend([groups[start][0]], heads)
    return found if budget[0] >= 0 else found + [[]] * (2 - len(found))


def _fitting_orders(groups: list[list[str]], shapes) -> dict[int, list[str]]:
    """For each input width (first layer's fan-in) of the orders that fit, the first such order found;
    {} when the search gave up (no width can be ruled out)."""
    orders: dict[int, list[str]] = {}
    for g, group in enumerate(groups):
        found = _chains(groups, shapes, start=g)
        if not any(found) and found:
            return {}  # gave up
        width = shapes[group[0]][0]
        if any(found) and width not in orders:
            orders[width] = next(order for order in found if order)
    return orders


def _written(order: list[str], names: list[str]) -> str:
    """``order`` as one would type it: its groups' prefixes (``encoder,decoder``) when they say the same order,
    else every layer's name."""
    prefixes = [_group(n) for n in order]
    short = [p for i, p in enumerate(prefixes) if i == 0 or p != prefixes[i - 1]]
    try:
        if _given_order("", names, tuple(short), "") == order:
            return ",".join(short)
    except LayerOrderNeeded:
        pass
    return ",".join(order)
