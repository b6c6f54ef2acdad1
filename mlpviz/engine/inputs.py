"""Whether data feed a network: as many input columns as the network takes inputs.

The one check (and its words) that the app, the command line, lessons and CSV batches make
before data meet a network, so that a refusal always names both numbers the same way.
"""

from __future__ import annotations

from mlpviz.i18n import Message, msg, msg_n

from .errors import DataError


def inputs_mismatch(n_inputs: int | tuple[int, ...], n_columns: int, data_name: str | None = None) -> Message | None:
    """"this network takes 4 inputs; the loaded data has 2 input columns" (``data_name``, e.g. a file's name, in
    place of "the loaded data"), or None when the numbers agree. ``n_inputs`` may be the widths of a network whose
    layers' order is not known yet ("this network takes 2 or 4 inputs, by the order of its layers")."""
    widths = input_widths(n_inputs)
    if int(n_columns) in widths:
        return None
    if len(widths) == 1:
        network = msg_n("this network takes {n} input", "this network takes {n} inputs", widths[0])
    else:
        network = msg("this network takes {widths} inputs, by the order of its layers", widths=either(widths))
    if data_name is None:
        data = msg_n("the loaded data has {n} input column", "the loaded data has {n} input columns", n_columns)
    else:
        data = msg_n("{name} has {n} input column", "{name} has {n} input columns", n_columns, name=data_name)
    return msg("{network}; {data}", network=network, data=data)


def input_widths(n_inputs: int | tuple[int, ...]) -> tuple[int, ...]:
    """``4`` -> ``(4,)``; the widths of a network whose layers' order is open stay as they are."""
    return (int(n_inputs),) if isinstance(n_inputs, int) else tuple(int(n) for n in n_inputs)


def either(widths: tuple[int, ...]) -> str:
    """``(2, 4)`` -> "2 or 4" (``(2, 3, 4)``: "2, 3 or 4") in the language shown."""
    return str(msg("{some} or {last}", some=", ".join(str(n) for n in widths[:-1]), last=widths[-1]))


class InputsMismatch(DataError):
    """Data with another number of input columns than the network's inputs; ``n_inputs`` and ``n_columns``
    let the app offer other data (with that many columns) instead of a dead end. ``widths`` holds every
    input count the network may have (several while its layers' order is open), ``n_inputs`` the first."""

    def __init__(self, n_inputs: int | tuple[int, ...], n_columns: int, path=None) -> None:
        problem = inputs_mismatch(n_inputs, n_columns)
        super().__init__(problem if path is None else msg("{path}: {problem}", path=path, problem=problem))
        self.widths = input_widths(n_inputs)
        self.n_inputs, self.n_columns = self.widths[0], int(n_columns)


def check_inputs(n_inputs: int | tuple[int, ...], n_columns: int, path=None) -> None:
    """Raise InputsMismatch (naming the file ``path`` first, when given) unless the counts agree (``n_columns`` is
    one of the widths ``n_inputs`` may be)."""
    if int(n_columns) not in input_widths(n_inputs):
        raise InputsMismatch(n_inputs, n_columns, path)
