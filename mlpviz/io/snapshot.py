"""Snapshot files: one network's description and parameters as ``.npz`` or ``.json``.

``.npz``: float64 arrays ``W0, W1, ...`` ``(sizes[i], sizes[i+1])`` and ``b0, b1, ...``
``(sizes[i+1],)`` plus ``meta``, a 0-d string array holding the JSON description, and
optionally the optimizer's state: ``state_<name>`` flat vectors laid out like ``Params.flat``
(one per state vector: ``state_m``, ``state_v``, ...) described by the meta key
``optimizer_state`` ``{"optimizer", "count", "names"}``. Older files kept momentum's velocity
as ``v0, v1, ...`` / ``vb0, vb1, ...`` shaped like W / b; they are still read.
``.json``: the same description with ``"layers": [{"W": [[...]], "b": [...]}, ...]`` and
optionally ``"optimizer_state": {..., "arrays": {"m": [...], ...}}`` (older: ``"velocity"``
in the layers' layout);
floats are written with ``repr`` and read back bit-identical. ``.csv`` is a
write-only export for spreadsheets. Loading checks everything and never unpickles;
every refusal is a SnapshotError naming the file (``snapshot_read.py``). Writing is atomic.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import numpy as np

from mlpviz.engine.architecture import Architecture, format_sizes
from mlpviz.engine.errors import SnapshotError
from mlpviz.engine.layers import layer_fed_by
from mlpviz.engine.optimizers import OPTIMIZERS, OptimizerState
from mlpviz.engine.params import Params
from mlpviz.i18n import msg

from .atomic import atomic_write_bytes
from .csv_write import csv_lines
from .limits import MAX_STEP

FORMAT = "mlpviz.snapshot"
VERSION = 1
STANDARD_KEYS = (
    "format", "version", "sizes", "hidden_activation", "output_activation", "loss",
    "step", "learning_rate", "seed", "created",
)
MAX_META_BYTES = 1024 * 1024
_ARRAY_NAME = re.compile(r"^((W|b|v|vb)(0|[1-9][0-9]{0,4})|state_[a-z][a-z_]{0,30})$")
STATE_KEY = "optimizer_state"
RESERVED_KEYS = ("layers", "velocity", STATE_KEY)
_Scalar = str | int | float | bool | None


def now_iso() -> str:
    """The current local time in ISO 8601 with its UTC offset, to the second."""
    return _dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Snapshot:
    """A network (``arch``, ``params``) and how it got there (step, learning rate, seed, time).

    ``extra`` holds optional JSON scalars such as ``init`` or ``momentum``; they are
    written as further top-level keys of the description. ``state`` (the optimizer's whole
    state: momentum's velocity, Adam's m and v and step count, ...) is kept so that a run
    continues bit for bit; None means at rest.
    """

    arch: Architecture
    params: Params
    step: int = 0
    learning_rate: float = 0.1
    seed: int | None = 0
    created: str = field(default_factory=now_iso)
    extra: Mapping[str, _Scalar] = field(default_factory=dict)
    state: OptimizerState | None = None

    def __post_init__(self) -> None:
        self.params.check_fits(self.arch)
        if self.state is not None:
            if self.state.optimizer not in OPTIMIZERS or any(
                    a.shape != (self.arch.parameter_count,) for a in self.state.arrays):
                raise SnapshotError(msg("the {optimizer} state does not fit the {value} network", optimizer=self.state.optimizer, value=self.arch.label()))
            if not _is_int(self.state.count) or not 0 <= self.state.count <= MAX_STEP:
                raise SnapshotError(msg("an optimizer state's step count must be a whole number from 0 to {max_step:,}", max_step=MAX_STEP))
        if not _is_int(self.step) or not 0 <= self.step <= MAX_STEP:
            raise SnapshotError(msg("a snapshot's step must be a whole number from 0 to {max_step:,}", max_step=MAX_STEP))
        extra = dict(self.extra)
        for key, value in extra.items():
            if not isinstance(key, str) or key in STANDARD_KEYS or key in RESERVED_KEYS:
                raise SnapshotError(msg("snapshot extra key {key} is reserved or not a string", key=repr(key)))
            if not _is_scalar(value):
                raise SnapshotError(msg("snapshot extra value {key}={value} must be a finite number, text, bool or null", key=key, value=repr(value)))
        object.__setattr__(self, "extra", MappingProxyType(extra))

    def __reduce__(self):
        """Pickled (sent back from a run in another process) through the constructor, checks included."""
        return (Snapshot, (self.arch, self.params, self.step, self.learning_rate, self.seed, self.created,
                           dict(self.extra), self.state))

    @property
    def velocity(self) -> Params | None:
        """Momentum-SGD's velocity shaped like the parameters (None for other optimizers or at rest)."""
        v = self.state.get("velocity") if self.state is not None and self.state.optimizer == "sgd" else None
        return None if v is None else Params.from_flat(v.copy(), self.arch.sizes)

    def meta(self) -> dict:
        """The JSON description without ``layers`` (what the npz ``meta`` array holds)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "sizes": list(self.arch.sizes),
            "hidden_activation": self.arch.hidden_activation,
            "output_activation": self.arch.output_activation,
            "loss": self.arch.loss,
            "step": int(self.step),
            "learning_rate": float(self.learning_rate),
            "seed": None if self.seed is None else int(self.seed),
            "created": str(self.created),
            **self.extra,
        }

    def equals(self, other: "Snapshot") -> bool:
        """Same description and bit-identical parameters (and optimizer state)."""
        same_state = (self.state is None and other.state is None) or (
            self.state is not None and self.state.equals(other.state))
        return self.meta() == other.meta() and self.params.equals(other.params) and same_state

    def state_meta(self) -> dict:
        """The optimizer state's description (without its vectors) as the meta key ``optimizer_state`` holds it."""
        s = self.state
        return {"optimizer": s.optimizer, "count": int(s.count), "names": list(s.names)}


def _is_scalar(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (str, int, bool))


# ---------------------------------------------------------------- saving


def is_finite(snap: Snapshot) -> bool:
    """Every parameter and every number of the optimizer's state is finite (what may be written)."""
    return snap.params.is_finite() and (snap.state is None or all(np.isfinite(a).all() for a in snap.state.arrays))


def save_snapshot(path, snap: Snapshot, exclusive: bool = False) -> None:
    """Write ``snap`` to ``path`` atomically; the suffix picks ``.npz``, ``.json`` or ``.csv``.

    ``exclusive``: never replace an existing file; FileExistsError if the name is taken.
    """
    suffix = Path(path).suffix.lower()
    if not is_finite(snap):
        raise SnapshotError(msg("{path}: the parameters contain NaN or infinite values; nothing was written", path=path))
    if suffix == ".npz":
        atomic_write_bytes(path, npz_bytes(snap), exclusive=exclusive)
    elif suffix == ".json":
        atomic_write_bytes(path, json_text(snap).encode("utf-8"), exclusive=exclusive)
    elif suffix == ".csv":
        atomic_write_bytes(path, csv_text(snap).encode("utf-8"), exclusive=exclusive)
    else:
        raise SnapshotError(msg("{path}: unknown snapshot type {value}; use .npz, .json or .csv", path=path, value=repr(suffix or '(no suffix)')))


def npz_bytes(snap: Snapshot) -> bytes:
    meta = snap.meta()
    if snap.state is not None:
        meta[STATE_KEY] = snap.state_meta()
    arrays = {"meta": np.array(json.dumps(meta))}
    for l, (w, b) in enumerate(zip(snap.params.weights, snap.params.biases)):
        arrays[f"W{l}"] = np.ascontiguousarray(w)
        arrays[f"b{l}"] = np.ascontiguousarray(b)
    if snap.state is not None:
        for name, a in zip(snap.state.names, snap.state.arrays):
            arrays[f"state_{name}"] = np.ascontiguousarray(a)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def json_text(snap: Snapshot) -> str:
    """The ``.json`` form: one key per line, one weight-matrix row per line."""
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, allow_nan=False)}," for k, v in snap.meta().items()]
    lines.append('  "layers": [')
    lines.append(",\n".join(_json_layers(snap.params)))
    if snap.state is None:
        lines += ["  ]", "}", ""]
    else:
        state = snap.state_meta()
        head = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in state.items())
        arrays = ",\n".join(f"      {json.dumps(n)}: {json.dumps(a.tolist())}" for n, a in zip(snap.state.names, snap.state.arrays))
        lines += ["  ],", f'  "{STATE_KEY}": {{{head}, "arrays": {{', arrays, "  }}", "}", ""]
    return "\n".join(lines)


def _json_layers(params: Params) -> list[str]:
    """One ``{"W": ..., "b": ...}`` object per layer, one matrix row per line."""
    layers = []
    for w, b in zip(params.weights, params.biases):
        rows = ",\n         ".join(json.dumps(row) for row in w.tolist())
        layers.append(f'    {{"W": [{rows}],\n     "b": {json.dumps(b.tolist())}}}')
    return layers


def csv_text(snap: Snapshot) -> str:
    """A spreadsheet export: ``key,value`` rows of the description, then per layer a ``W`` table and a ``b`` row."""
    rows: list[list] = [[k, format_sizes(v) if k == "sizes" else v] for k, v in snap.meta().items()]
    for l, (w, b) in enumerate(zip(snap.params.weights, snap.params.biases)):
        cols = [f"L{layer_fed_by(l)} unit {j}" for j in range(w.shape[1])]
        rows += [[], [f"W{l}"], ["from \\ to", *cols]]
        rows += [[f"L{l} unit {i}", *row] for i, row in enumerate(w.tolist())]
        rows += [[], [f"b{l}"], ["bias", *cols], ["b", *b.tolist()]]
    return csv_lines(rows)


# ---------------------------------------------------------------- loading


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
