"""A run's timeline as ``.npz`` bytes and back: each kept step's parameters and the optimizer's state after it.

Arrays: ``steps`` (n,) and ``rows`` (n, width) as before; ``counts`` (n,), each step's updates taken by the
optimizer, -1 where it holds no state (at rest); ``optimizer``, the name the states belong to;
``state_<name>`` (k, width), one row per count of 0 or more, for each vector of the optimizer; and
``unknown_before``, the step below which no state is known. A timeline written before the states were
kept has only ``steps`` and ``rows``: its steps below the run's latest are read as of unknown state.
"""

from __future__ import annotations

import io

import numpy as np

from mlpviz.engine import Architecture, SnapshotError
from mlpviz.engine.optimizers import Optimizer, OptimizerState, frozen_state
from mlpviz.engine.params import Params, flat_layout
from mlpviz.i18n import msg
from mlpviz.io.limits import MAX_STEP
from mlpviz.io.zip_members import read_npz_arrays
from mlpviz.training.history import History

MAX_HISTORY_BYTES = 64 * 1024 * 1024
STATE_KEYS = ("counts", "optimizer", "unknown_before")


def history_npz(history: History, max_bytes: int, optimizer: Optimizer) -> bytes | None:
    """The timeline's kept steps with the states of ``optimizer`` (the run's; another's is at rest to it), evenly
    fewer when over ``max_bytes`` with the states counted (the latest always kept); None if empty."""
    if not len(history):
        return None
    names = optimizer.state_names
    kept = history.sampled(min(max_bytes, MAX_HISTORY_BYTES), len(names))
    steps = kept.steps.tolist()
    states = [kept.state_at(s) for s in steps]
    states = [s if s is not None and s.optimizer == optimizer.name and s.names == names else None for s in states]
    arrays = {"steps": np.asarray(steps, dtype=np.int64), "rows": np.stack([kept.params_at(s).flat for s in steps]),
              "counts": np.array([-1 if s is None else s.count for s in states], dtype=np.int64),
              "optimizer": np.array(optimizer.name), "unknown_before": np.array(kept.states_unknown_before)}
    held = [s for s in states if s is not None]
    for i, name in enumerate(names):
        arrays[f"state_{name}"] = np.stack([s.arrays[i] for s in held]) if held else np.zeros((0, arrays["rows"].shape[1]))
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def read_history_npz(path, raw: bytes, arch: Architecture, step: int, optimizer: Optimizer) -> History:
    """The timeline in ``raw``: rising steps from 0 to ``step``, each a finite parameter vector of ``arch`` and,
    when the file keeps them, the state of ``optimizer`` after it, checked for its shapes, values and counts."""
    state_keys = tuple(f"state_{name}" for name in optimizer.state_names)
    arrays = read_npz_arrays(path, raw, ("steps", "rows") + STATE_KEYS + state_keys, MAX_HISTORY_BYTES, "timeline")
    steps, rows = arrays.get("steps"), arrays.get("rows")
    width = flat_layout(arch.sizes)[-1][-1]
    if steps is None or rows is None or steps.dtype.kind not in "iu" or steps.ndim != 1 or rows.dtype.kind != "f" \
            or rows.shape != (len(steps), width):
        raise SnapshotError(msg("{path}: the timeline must hold rising steps and one parameter vector of {width} numbers for each", path=path, width=width))
    if len(steps) and (steps[0] < 0 or steps[-1] > step or (np.diff(steps) <= 0).any()):
        raise SnapshotError(msg("{path}: the timeline's steps must rise from 0 to the lesson's step {step}", path=path, step=step))
    if not np.isfinite(rows).all():
        raise SnapshotError(msg("{path}: the timeline holds NaN or infinite parameters", path=path))
    if any(k in arrays for k in STATE_KEYS + state_keys):
        states, unknown_before = _states(path, arrays, steps, step, width, optimizer)
    else:  # written before the states were kept: only the latest step's is known (the lesson's own)
        states, unknown_before = [None] * len(steps), step
    history = History()
    for s, row, state in zip(steps.tolist(), rows, states):
        history.record(int(s), Params.from_flat(np.array(row), arch.sizes), state)
    history.forget_states_before(unknown_before)
    return history


def _states(path, arrays: dict, steps: np.ndarray, step: int, width: int,
            optimizer: Optimizer) -> tuple[list[OptimizerState | None], int]:
    """Each kept step's state (None: at rest) and the step below which none is known, all checked."""
    counts, name, unknown = (arrays.get(k) for k in STATE_KEYS)
    if (counts is None or counts.dtype.kind not in "iu" or counts.shape != steps.shape or name is None
            or name.dtype.kind != "U" or name.shape != () or unknown is None or unknown.dtype.kind not in "iu"
            or unknown.shape != ()):
        raise SnapshotError(msg("{path}: the timeline's optimizer states need a count for each step (-1: none), the optimizer's name and the first step with a known state", path=path))
    if str(name) != optimizer.name:
        raise SnapshotError(msg("{path}: the timeline holds states of {value}, but the lesson trains with {name}", path=path, value=repr(str(name)[:40]), name=optimizer.name))
    if len(counts) and (counts.min() < -1 or counts.max() > MAX_STEP):
        raise SnapshotError(msg("{path}: the timeline's optimizer counts must be -1 or whole numbers up to {max_step:,}", path=path, max_step=MAX_STEP))
    unknown = int(unknown)
    if not 0 <= unknown <= step or (counts[steps < unknown] >= 0).any():
        raise SnapshotError(msg("{path}: the first step with a known optimizer state must be from 0 to {step}, with no state before it", path=path, step=step))
    held = counts >= 0
    over = np.flatnonzero(counts[1:] > np.maximum(counts[:-1], 0) + np.diff(steps)) + 1  # one update a step at most
    if len(over):  # (the first kept step may carry any count: a network opened with its state)
        first = int(over[0])
        raise SnapshotError(msg("{path}: the optimizer state of step {step} counts {count} updates, more than the steps since the one before allow", path=path, step=int(steps[first]), count=int(counts[first])))
    vectors = []
    for vector_name in optimizer.state_names:
        a = arrays.get(f"state_{vector_name}")
        if a is None or a.dtype.kind != "f" or a.shape != (int(held.sum()), width) or not np.isfinite(a).all():
            raise SnapshotError(msg("{path}: the timeline's optimizer {name} must be {rows} vectors of {width} finite numbers", path=path, name=vector_name, rows=int(held.sum()), width=width))
        if vector_name in optimizer.squares and (a < 0).any():
            raise SnapshotError(msg("{path}: the timeline's optimizer {name} adds up squares and cannot be negative", path=path, name=vector_name))
        vectors.append(a)
    states, row = [], 0
    for count in counts.tolist():
        if count < 0:
            states.append(None)
        else:
            states.append(frozen_state(optimizer.name, count, optimizer.state_names, [np.array(a[row]) for a in vectors]))
            row += 1
    return states, unknown
