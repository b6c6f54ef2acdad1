"""Targets checked against the loss before training: a loss that cannot mean anything is refused.

Binary cross-entropy ``-[y log ŷ + (1-y) log(1-ŷ)]`` is a cross-entropy only for ``y`` in
[0, 1]; outside it the "loss" falls below zero and keeps falling while the network learns
nothing. Softmax cross-entropy ``-Σ_k y_k log ŷ_k`` needs each row to be a class (one-hot)
or class probabilities summing to 1. Squared error takes any finite number.
"""

from __future__ import annotations

import numpy as np

from mlpviz.i18n import msg

from .architecture import Architecture
from .errors import DataError

ROW_SUM_TOLERANCE = 1e-6


def check_targets(arch: Architecture, y) -> None:
    """Raise DataError when targets ``y (N, n_out)`` do not suit ``arch.loss``; the message says what would work."""
    y = np.asarray(y, dtype=np.float64)
    k = arch.sizes[-1]
    if y.ndim != 2 or y.shape[1] != k:
        raise DataError(msg("the targets have shape {shape} but the network has {k} output(s): each row needs {k} value(s)", shape=y.shape, k=k))
    finite = np.isfinite(y)
    if not finite.all():
        row = int(np.argmin(finite.all(axis=1)))
        raise DataError(msg("sample {value}'s target holds {value2}: targets must be finite numbers", value=row + 1, value2=_row(y[row])))
    if y.shape[0] == 0:
        return
    if arch.loss == "bce":
        _check_binary(y)
    elif arch.loss == "ce":
        _check_classes(y)
    else:
        _check_reachable(y, arch.output_activation)


def _check_binary(y: np.ndarray) -> None:
    outside = (y < 0) | (y > 1)
    if not outside.any():
        return
    values = np.unique(y)
    whole = bool((values == np.round(values)).all())
    if len(values) <= 5:
        said = str(msg("the labels are {values}", values=_and(values)) if whole
                   else msg("the targets are {values}", values=_and(values)))
    else:
        said = _range(values)
    if set(values.tolist()) == {-1.0, 1.0}:
        fix = str(msg("map -1 to 0 (and keep 1), or use a tanh (or linear) output with mse"))
    elif whole and values[0] >= 0 and y.shape[1] == 1:
        n = int(values[-1]) + 1
        fix = str(msg("these look like {n} class indexes 0..{last}: use {n} softmax outputs with ce (a class column is "
                      "then read as one-hot)", n=n, last=n - 1))
    else:
        fix = str(msg("scale the targets into 0..1, or use a linear output with mse"))
    raise DataError(msg("{said}; binary cross-entropy needs every target between 0 and 1 (0 and 1 for two classes) — {fix}", said=said, fix=fix))


OUTPUT_RANGE = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}  # what a bounded output can give


def _check_reachable(y: np.ndarray, output: str) -> None:
    """Squared error takes any number, but a sigmoid or softmax output only reaches 0..1 (tanh -1..1):
    the rest can never be learnt."""
    if output not in OUTPUT_RANGE:
        return
    low, high = OUTPUT_RANGE[output]
    outside = (y < low) | (y > high)
    if outside.any():
        values = np.unique(y)
        said = _range(values)
        if output == "tanh":
            fix = str(msg("scale the targets into -1..1"))
        elif set(values.tolist()) == {-1.0, 1.0}:
            fix = str(msg("map -1 to 0 (and keep 1), use a tanh output"))
        else:
            fix = str(msg("scale the targets into 0..1"))
        raise DataError(msg("{said}; a {output} output only gives values between {low:g} and {high:g}, so these targets can never be reached — {fix}, or use a linear output", said=said, output=output, low=low, high=high, fix=fix))


def _check_classes(y: np.ndarray) -> None:
    k = y.shape[1]
    if k == 1:
        raise DataError(
            msg("softmax cross-entropy needs one output per class (at least 2); for two classes use one sigmoid output with bce, or two softmax outputs")
        )
    in_range = ((y >= 0) & (y <= 1)).all(axis=1)
    sums_to_one = np.abs(y.sum(axis=1) - 1.0) <= ROW_SUM_TOLERANCE
    good = in_range & sums_to_one
    if good.all():
        return
    row = int(np.argmin(good))
    example = _row(np.eye(k)[k - 1])
    raise DataError(
        msg("sample {value}'s target row is {value2}; softmax cross-entropy needs one-hot rows (a 1 for the class and 0 elsewhere: class {value3} of {k} is {example}) or class probabilities summing to 1 — give one class column of indexes 0..{value3} (it is read as one-hot), or use mse", value=row + 1, value2=_row(y[row]), value3=k - 1, k=k, example=example)
    )


def _row(values: np.ndarray, most: int = 6) -> str:
    shown = ", ".join(f"{v:g}" for v in values[:most])
    return f"[{shown}{', …' if len(values) > most else ''}]"


def _and(values: np.ndarray) -> str:
    words = [f"{v:g}" for v in values]
    return words[0] if len(words) == 1 else str(msg("{some} and {last}", some=", ".join(words[:-1]), last=words[-1]))


def _range(values: np.ndarray) -> str:
    return str(msg("the targets range from {low:g} to {high:g}", low=values[0], high=values[-1]))
