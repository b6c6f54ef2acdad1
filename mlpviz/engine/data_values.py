"""The one rule every data value obeys, however it gets in: a CSV file, a typed cell, a session file.

A value is a finite number of at most ±1e150, so that the product of two such values, and
a sum of 4,096 of them, stays finite: the decision map and a step can always be computed.
"""

from __future__ import annotations

import numpy as np

from mlpviz.i18n import msg

from .errors import DataError

MAX_ABS_VALUE = 1e150
WHY = "so that products of values stay finite"


def value_problem(value: float) -> str:
    """Why ``value`` cannot be a data value ("" when it can)."""
    if not np.isfinite(value):
        return f"{float(value)!r} is not a finite number"
    if abs(value) > MAX_ABS_VALUE:
        return f"{value:g} is too large: mlpviz takes values up to ±{MAX_ABS_VALUE:g}, {WHY}"
    return ""


def check_data_values(what: str, values: np.ndarray) -> None:
    """Raise DataError naming ``what`` and the first value of ``values`` that breaks the rule."""
    bad = ~(np.abs(values) <= MAX_ABS_VALUE)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise DataError(msg("{what}, row {value}: {value2}", what=what, value=index[0] + 1, value2=value_problem(float(values[index]))))
