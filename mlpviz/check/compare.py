"""The learner's numbers against mlpviz's, quantity by quantity in the order of computation.

The convention is chosen as the one under which most of the learner's numbers agree; a
difference is named a mistake only when the step recomputed with that mistake
(:func:`~mlpviz.check.reference.reference_step`) gives the learner's numbers, and later
differences that the same mistakes produce are marked as following from it.
"""

from __future__ import annotations

import numpy as np

from mlpviz.engine import StepRecord
from mlpviz.teaching import equations
from mlpviz.teaching.render_text import equation_text

from .conventions import Convention, candidates
from .mistakes import MISTAKES
from .quantities import PER_SAMPLE, WEIGHTS, element_name, keys_in_order, quantity_title, unit_of
from .reference import expected_step, reference_step
from .report import AGREES, DIFFERS, FOLLOWS, Mark, Row

MAX_MARKS = 400


def relative_errors(yours: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """|yours − expected| relative to the larger of the two (and to a thousandth of the quantity's scale,
    so a number near 0 in a quantity of ones is not judged on its last digits)."""
    with np.errstate(all="ignore"):
        floor = max(1e-3 * float(np.nanmax(np.abs(expected), initial=0.0)), 1e-12)
        scale = np.maximum(np.maximum(np.abs(yours), np.abs(expected)), floor)
        err = np.abs(yours - expected) / scale
    both_nan = np.isnan(yours) & np.isnan(expected)
    return np.where(both_nan, 0.0, np.where(np.isnan(err), np.inf, err))


def close(yours, expected, tolerance: float) -> bool:
    if yours is None or expected is None or np.shape(yours) != np.shape(expected):
        return False
    return bool(np.all(relative_errors(np.asarray(yours, float), np.asarray(expected, float)) <= tolerance))


def choose_convention(record: StepRecord, exposed: dict, tolerance: float) -> Convention:
    """The convention under which most of the learner's numbers agree (mlpviz's own on a tie)."""
    def score(conv):
        expected = expected_step(record, conv)
        return sum(close(v, expected.get(k), tolerance) for k, v in exposed.items())
    return max(candidates(record.arch.loss), key=score)  # max keeps the first of equals


def _equation(record: StepRecord, key, index) -> str:
    q, l = key
    try:
        if q == "loss":
            eq = equations.batch_loss(record)
        elif q in PER_SAMPLE:
            s, j = index
            eq = {"z": equations.net_input, "a": equations.activation, "delta": equations.delta}[q](record, l, j, s)
        else:
            i, j = (index if q in WEIGHTS else (-1, index[-1]))
            eq = (equations.gradient if q.startswith("grad") else equations.update)(record, l - 1, i, j)
    except (IndexError, ValueError):
        return ""
    return "" if eq is None else equation_text(eq)


def _marks(key, bad: np.ndarray) -> tuple[Mark, ...]:
    q, l = key
    if q == "loss" or bad.ndim == 0:
        return ()
    if q in PER_SAMPLE:
        units = np.flatnonzero(bad.reshape(-1, bad.shape[-1]).any(axis=0))
        return tuple(Mark(l, int(j)) for j in units[:MAX_MARKS])
    if q in WEIGHTS:
        return tuple(Mark(l, int(j), int(i)) for i, j in np.argwhere(bad)[:MAX_MARKS])
    units = np.flatnonzero(bad.reshape(-1, bad.shape[-1]).any(axis=0)) if bad.ndim else []
    return tuple(Mark(l, int(j)) for j in units[:MAX_MARKS])


def _row(record, key, yours, expected, status, tolerance, step, diagnosis=None) -> Row:
    q, l = key
    L = record.arch.layer_count
    base = dict(step=step, quantity=q, layer=l, title=quantity_title(key, L), status=status, diagnosis=diagnosis)
    if np.shape(yours) != np.shape(expected):  # judged on the shapes alone; named by mlpviz's first number
        expected = np.asarray(expected, float)
        index = (0,) * expected.ndim
        return Row(**base, name=element_name(key, index, L), unit=unit_of(key, index, L), index=index,
                   expected=float(expected[index]), equation=_equation(record, key, index),
                   note=f"yours has shape {np.shape(yours)}, mlpviz's {np.shape(expected)}",
                   marks=_marks(key, np.ones(expected.shape, bool)))
    yours, expected = np.asarray(yours, float), np.asarray(expected, float)
    err = relative_errors(yours, expected)
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(err)), err.shape)) if err.ndim else ()
    differs = status != AGREES
    return Row(**base, name=element_name(key, index, L), unit=unit_of(key, index, L), index=index,
               sample=index[0] if q in PER_SAMPLE else None,
               yours=float(yours[index]), expected=float(expected[index]), error=float(err[index]),
               equation=_equation(record, key, index) if differs else "",
               marks=_marks(key, err > tolerance) if differs else ())


def compare_steps(records: list[StepRecord], exposed_steps: list[dict], tolerance: float,
                  ) -> tuple[list[Row], list[str], Convention]:
    """Rows of every step the learner took (later steps only while all agree) and the mistakes recognised."""
    first = records[0]
    conv = choose_convention(first, exposed_steps[0], tolerance)
    rows: list[Row] = []
    mistakes: list[str] = []
    L = first.arch.layer_count
    for step, (record, exposed) in enumerate(zip(records, exposed_steps), start=1):
        if any(r.status != AGREES for r in rows):
            break
        expected = expected_step(record, conv)
        variants: dict = {}
        w, b = record.params.weights, record.params.biases

        def variant(ms, key):
            ms = frozenset(ms)
            if ms not in variants:
                variants[ms] = reference_step(record.arch, w, b, record.inputs, record.targets,
                                              record.learning_rate, conv, ms)
            return None if variants[ms] is None else variants[ms].get(key)

        for key in keys_in_order(L):
            if key not in exposed:
                continue
            yours, right = exposed[key], expected[key]
            if close(yours, right, tolerance):
                rows.append(_row(record, key, yours, right, AGREES, tolerance, step))
                continue
            if mistakes and close(yours, variant(mistakes, key), tolerance):
                rows.append(_row(record, key, yours, right, FOLLOWS, tolerance, step))
                continue
            found = None
            for m in MISTAKES:
                if m in mistakes:
                    continue
                wrong = variant(mistakes + [m], key)
                if wrong is not None and not close(wrong, right, tolerance) and close(yours, wrong, tolerance):
                    found = m
                    break
            if found:
                mistakes.append(found)
            rows.append(_row(record, key, yours, right, DIFFERS, tolerance, step, found))
    return rows, mistakes, conv
