"""Whether data feed a network: as many input columns as the network takes inputs.

The one check (and its words) that the app, the command line, lessons and CSV batches make
before data meet a network, so that a refusal always names both numbers the same way.
"""

from __future__ import annotations

from mlpviz.i18n import Message, msg, msg_n

from .errors import DataError


def inputs_mismatch(n_inputs: int, n_columns: int, data_name: str | None = None) -> Message | None:
    """"this network takes 4 inputs; the loaded data has 2 input columns" (``data_name``, e.g. a file's name, in
    place of "the loaded data"), or None when the numbers agree."""
    if int(n_inputs) == int(n_columns):
        return None
    network = msg_n("this network takes {n} input", "this network takes {n} inputs", n_inputs)
    if data_name is None:
        data = msg_n("the loaded data has {n} input column", "the loaded data has {n} input columns", n_columns)
    else:
        data = msg_n("{name} has {n} input column", "{name} has {n} input columns", n_columns, name=data_name)
    return msg("{network}; {data}", network=network, data=data)


class InputsMismatch(DataError):
    """Data with another number of input columns than the network's inputs; ``n_inputs`` and ``n_columns``
    let the app offer other data (with that many columns) instead of a dead end."""

    def __init__(self, n_inputs: int, n_columns: int, path=None) -> None:
        problem = inputs_mismatch(n_inputs, n_columns)
        super().__init__(problem if path is None else msg("{path}: {problem}", path=path, problem=problem))
        self.n_inputs, self.n_columns = int(n_inputs), int(n_columns)


def check_inputs(n_inputs: int, n_columns: int, path=None) -> None:
    """Raise InputsMismatch (naming the file ``path`` first, when given) unless the counts agree."""
    if int(n_inputs) != int(n_columns):
        raise InputsMismatch(n_inputs, n_columns, path)
