"""Reading snapshot files (``.npz`` and ``.json``, the formats ``snapshot.py`` describes and writes).

Everything is checked before anything is built and nothing is ever unpickled: every array's name,
shape and type, the JSON description, the optimizer's state; each refusal is a SnapshotError naming
the file.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np

from mlpviz.engine.architecture import MAX_LAYERS, Architecture
from mlpviz.engine.errors import MlpvizError, SnapshotError
from mlpviz.engine.optimizers import OPTIMIZERS, frozen_state, make_optimizer
from mlpviz.engine.params import Params
from mlpviz.i18n import msg

from .limits import MAX_NPZ_MEMBER_BYTES, MAX_NPZ_TOTAL_BYTES, MAX_SNAPSHOT_BYTES, MAX_STEP, read_bytes
from .snapshot import (
    _ARRAY_NAME, FORMAT, MAX_META_BYTES, RESERVED_KEYS, STANDARD_KEYS, STATE_KEY, VERSION, Snapshot, _is_int, _is_scalar,
)
from .zip_members import read_zip_members


def load_snapshot(path) -> Snapshot:
    """Read and fully check a ``.npz`` or ``.json`` snapshot; anything wrong raises SnapshotError."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        raise SnapshotError(msg("{path}: a .csv export cannot be loaded back; load the .npz or .json snapshot", path=path))
    data = read_bytes(path, SnapshotError, MAX_SNAPSHOT_BYTES, "snapshot")
    if suffix == ".npz" or (suffix != ".json" and data.startswith(b"PK")):
        return _load_npz(path, data)
    if suffix == ".json" or data.lstrip()[:1] == b"{":
        return _load_json(path, data)
    raise SnapshotError(msg("{path}: unknown snapshot type {value}; use .npz or .json", path=path, value=repr(suffix or '(no suffix)')))


def _load_json(path, data: bytes) -> Snapshot:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SnapshotError(msg("{path}: not a JSON snapshot (the file is not UTF-8 text)", path=path)) from None

    def refuse_constant(name):
        raise SnapshotError(msg("{path}: the file contains {name}; snapshot values must be finite numbers", path=path, name=name))

    try:
        obj = json.loads(text, parse_constant=refuse_constant)
    except SnapshotError:
        raise
    except (ValueError, RecursionError) as exc:
        raise SnapshotError(msg("{path}: not valid JSON ({value})", path=path, value=str(exc)[:120])) from None
    if not isinstance(obj, dict):
        raise SnapshotError(msg("{path}: a JSON snapshot must be one object {{...}}", path=path))
    arch, fields = _parse_meta(path, obj)
    weights, biases = _json_params(path, arch, obj.get("layers"), "layers")
    state = None
    if obj.get(STATE_KEY) is not None:
        described = obj[STATE_KEY]
        arrays = described.get("arrays") if isinstance(described, dict) else None
        if not isinstance(arrays, dict):
            raise SnapshotError(msg("{path}: '{state_key}' must hold its vectors under 'arrays'", path=path, state_key=STATE_KEY))
        names = _state_names(path, arch, described, fields)
        if set(arrays) != set(names):
            raise SnapshotError(msg("{path}: the optimizer state must hold exactly {value}", path=path, value=', '.join(names) or 'no vectors'))
        vectors = []
        for name in names:
            if not _is_number_list(arrays[name], arch.parameter_count):
                raise SnapshotError(msg("{path}: the optimizer state's {name} must be {parameter_count} numbers", path=path, name=name, parameter_count=arch.parameter_count))
            vectors.append(_float_array(path, arrays[name], name))
        state = (described, vectors)
    elif obj.get("velocity") is not None:
        state = _old_velocity(_json_params(path, arch, obj["velocity"], "velocity"))
    return _finish(path, arch, weights, biases, fields, state)


def _json_params(path, arch: Architecture, layers, key: str):
    """``(weights, biases)`` from a JSON list of ``{"W": rows, "b": list}``, shapes checked."""
    if not isinstance(layers, list) or len(layers) != arch.layer_count:
        raise SnapshotError(msg("{path}: {key} must be a list of {layer_count} layer(s) for {value}", path=path, key=repr(key), layer_count=arch.layer_count, value=arch.label()))
    what = "layer" if key == "layers" else "velocity layer"
    weights, biases = [], []
    for l, (layer, fan_in, fan_out) in enumerate(zip(layers, arch.sizes[:-1], arch.sizes[1:])):
        if not isinstance(layer, dict) or set(layer) != {"W", "b"}:
            raise SnapshotError(msg("{path}: {what} {l} must be an object with exactly 'W' and 'b'", path=path, what=what, l=l))
        w, b = layer["W"], layer["b"]
        if not (isinstance(w, list) and len(w) == fan_in and all(_is_number_list(r, fan_out) for r in w)):
            raise SnapshotError(msg("{path}: {what} {l}: W must be {fan_in} rows of {fan_out} numbers", path=path, what=what, l=l, fan_in=fan_in, fan_out=fan_out))
        if not _is_number_list(b, fan_out):
            raise SnapshotError(msg("{path}: {what} {l}: b must be a list of {fan_out} numbers", path=path, what=what, l=l, fan_out=fan_out))
        try:
            weights.append(np.array(w, dtype=np.float64).reshape(fan_in, fan_out))
            biases.append(np.array(b, dtype=np.float64).reshape(fan_out))
        except OverflowError:
            raise SnapshotError(msg("{path}: {what} {l}: a number is too large for float64", path=path, what=what, l=l)) from None
    return weights, biases


def _is_number_list(values, length: int) -> bool:
    return isinstance(values, list) and len(values) == length and all(type(v) in (float, int) for v in values)


def _load_npz(path, data: bytes) -> Snapshot:
    if not data.startswith(b"PK"):
        raise SnapshotError(msg("{path}: not an npz snapshot (no zip signature)", path=path))
    members = _read_zip_members(path, data)
    if "meta" not in members:
        raise SnapshotError(msg("{path}: the npz file has no 'meta' array describing the network", path=path))
    meta_array = _parse_npy(path, "meta", members.pop("meta"), ())
    text = meta_array.item()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise SnapshotError(msg("{path}: 'meta' is not UTF-8 text", path=path)) from None
    try:
        meta = json.loads(text, parse_constant=lambda c: None)
    except (ValueError, RecursionError):
        raise SnapshotError(msg("{path}: 'meta' does not hold valid JSON", path=path)) from None
    if not isinstance(meta, dict):
        raise SnapshotError(msg("{path}: 'meta' must hold one JSON object", path=path))
    arch, fields = _parse_meta(path, meta)
    L = arch.layer_count
    wanted = {f"W{l}" for l in range(L)} | {f"b{l}" for l in range(L)}
    with_velocity = wanted | {f"v{l}" for l in range(L)} | {f"vb{l}" for l in range(L)}
    has_velocity = set(members) == with_velocity
    names = _state_names(path, arch, meta[STATE_KEY], fields) if meta.get(STATE_KEY) is not None else None
    if has_velocity:
        wanted = with_velocity
    elif names is not None:
        wanted = wanted | {f"state_{n}" for n in names}
    if set(members) != wanted:
        missing, unknown = sorted(wanted - set(members)), sorted(set(members) - wanted)
        problem = f"missing {', '.join(missing)}" if missing else f"unknown array(s) {', '.join(unknown)}"
        raise SnapshotError(msg("{path}: arrays do not match the {value} network: {problem}", path=path, value=arch.label(), problem=problem))
    weights = [_parse_npy(path, f"W{l}", members[f"W{l}"], (i, o)) for l, (i, o) in enumerate(zip(arch.sizes[:-1], arch.sizes[1:]))]
    biases = [_parse_npy(path, f"b{l}", members[f"b{l}"], (o,)) for l, o in enumerate(arch.sizes[1:])]
    state = None
    if has_velocity:
        state = _old_velocity(([_parse_npy(path, f"v{l}", members[f"v{l}"], w.shape) for l, w in enumerate(weights)],
                               [_parse_npy(path, f"vb{l}", members[f"vb{l}"], b.shape) for l, b in enumerate(biases)]))
    elif names is not None:
        state = (meta[STATE_KEY], [_parse_npy(path, f"state_{n}", members[f"state_{n}"], (arch.parameter_count,))
                                   for n in names])
    return _finish(path, arch, weights, biases, fields, state)


def _old_velocity(layers) -> tuple[dict, list[np.ndarray]]:
    """A velocity written by an older mlpviz (per layer, like W and b) as momentum-SGD's state."""
    flat = np.concatenate([p for w, b in zip(*layers) for p in (np.ravel(w), np.ravel(b))])
    return {"optimizer": "sgd", "count": 0, "names": ["velocity"]}, [flat]


def _state_names(path, arch: Architecture, described, fields: dict) -> list[str]:
    """The vector names an ``optimizer_state`` description promises, checked against the optimizer and the
    settings the snapshot carries (momentum decides whether SGD keeps a velocity)."""
    if not isinstance(described, dict):
        raise SnapshotError(msg("{path}: '{state_key}' must be an object", path=path, state_key=STATE_KEY))
    name, count, names = described.get("optimizer"), described.get("count"), described.get("names")
    if not isinstance(name, str) or name not in OPTIMIZERS:
        raise SnapshotError(msg("{path}: unknown optimizer {value} in '{state_key}'; this mlpviz knows {items}", path=path, value=repr(str(name)[:40]), state_key=STATE_KEY, items=', '.join(OPTIMIZERS)))
    if not _is_int(count) or not 0 <= count <= MAX_STEP:
        raise SnapshotError(msg("{path}: the optimizer state's 'count' must be a whole number from 0 to {max_step:,}", path=path, max_step=MAX_STEP))
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise SnapshotError(msg("{path}: the optimizer state's 'names' must be a list of names", path=path))
    try:
        expected = list(make_optimizer(name, fields["extra"]).state_names)
    except (TypeError, ValueError):
        expected = None
    if names != expected:
        raise SnapshotError(msg("{path}: a {name} state with these settings holds {items}, not {value}", path=path, name=name, items=', '.join(expected or ['?']), value=', '.join(names) or 'nothing'))
    return names


def _float_array(path, values: list, name: str) -> np.ndarray:
    try:
        return np.array(values, dtype=np.float64)
    except OverflowError:
        raise SnapshotError(msg("{path}: the optimizer state's {name}: a number is too large for float64", path=path, name=name)) from None


def _read_zip_members(path, data: bytes) -> dict[str, bytes]:
    """Raw ``.npy`` bytes by array name (``meta``, ``W0``, ``vb1``…), any other entry refused."""
    def limit_of(filename: str) -> int | None:
        name = filename[:-4] if filename.endswith(".npy") else filename
        return MAX_META_BYTES if name == "meta" else MAX_NPZ_MEMBER_BYTES if _ARRAY_NAME.match(name) else None

    members: dict[str, bytes] = {}
    for filename, raw in read_zip_members(path, data, limit_of, "npz (zip) file", max_total=MAX_NPZ_TOTAL_BYTES,
                                          refuse_others=True).items():
        name = filename[:-4] if filename.endswith(".npy") else filename
        if name in members:
            raise SnapshotError(msg("{path}: array {name} appears twice in the npz file", path=path, name=repr(name)))
        members[name] = raw
    return members


def _parse_npy(path, name: str, raw: bytes, shape: tuple[int, ...]) -> np.ndarray:
    """One ``.npy`` member checked before any data is interpreted: float64 (or text for meta), ``shape``."""
    f = io.BytesIO(raw)
    fmt = np.lib.format
    try:
        version = fmt.read_magic(f)
        if version == (1, 0):
            got_shape, fortran, dtype = fmt.read_array_header_1_0(f, max_header_size=10000)
        elif version == (2, 0):
            got_shape, fortran, dtype = fmt.read_array_header_2_0(f, max_header_size=10000)
        else:
            raise SnapshotError(msg("{path}: array {name} uses .npy format version {version}, which is not supported", path=path, name=repr(name), version=version))
    except MlpvizError:
        raise
    except Exception as exc:
        raise SnapshotError(msg("{path}: array {name} is not a valid .npy array ({value})", path=path, name=repr(name), value=str(exc)[:120])) from None
    if dtype.hasobject:
        raise SnapshotError(msg("{path}: array {name} is an object array (pickled content); refused", path=path, name=repr(name)))
    if name == "meta":
        if dtype.kind not in "US" or dtype.itemsize == 0:
            raise SnapshotError(msg("{path}: 'meta' must be a non-empty string array, not {dtype}", path=path, dtype=dtype))
    elif dtype.kind != "f" or dtype.itemsize != 8:
        raise SnapshotError(msg("{path}: array {name} must be float64, not {dtype}", path=path, name=repr(name), dtype=dtype))
    if tuple(got_shape) != shape:
        raise SnapshotError(msg("{path}: array {name} has shape {value}, the network needs {shape}", path=path, name=repr(name), value=tuple(got_shape), shape=shape))
    count = math.prod(shape)
    if len(raw) - f.tell() != count * dtype.itemsize:
        raise SnapshotError(msg("{path}: array {name} is truncated or has extra bytes", path=path, name=repr(name)))
    array = np.frombuffer(raw, dtype=dtype, count=count, offset=f.tell())
    array = array.reshape(shape, order="F" if fortran else "C")
    return array if name == "meta" else array.astype(np.float64)


def _parse_meta(path, meta: dict):
    """Check the description; returns ``(Architecture, dict of step/learning_rate/seed/created/extra)``."""
    if meta.get("format") != FORMAT:
        raise SnapshotError(msg("{path}: not an mlpviz snapshot (format {value}, expected {format})", path=path, value=repr(str(meta.get('format'))[:40]), format=repr(FORMAT)))
    version = meta.get("version")
    if not _is_int(version) or version < 1:
        raise SnapshotError(msg("{path}: the snapshot version {value} is not valid", path=path, value=repr(str(version)[:20])))
    if version > VERSION:
        raise SnapshotError(
            msg("{path}: made by a newer mlpviz (snapshot version {version}); this mlpviz reads version {version2}. Update mlpviz to open it.", path=path, version=version, version2=VERSION)
        )
    sizes = meta.get("sizes")
    if isinstance(sizes, list) and len(sizes) > MAX_LAYERS + 1:
        raise SnapshotError(msg("{path}: {value:,} weight layers, over the limit of {max_layers}", path=path, value=len(sizes) - 1, max_layers=MAX_LAYERS))
    if not isinstance(sizes, list) or not all(_is_int(s) for s in sizes):
        raise SnapshotError(msg("{path}: 'sizes' must be a list of whole numbers", path=path))
    names = {k: meta.get(k) for k in ("hidden_activation", "output_activation", "loss")}
    for key, value in names.items():
        if not isinstance(value, str):
            raise SnapshotError(msg("{path}: {key} must be a name", path=path, key=repr(key)))
    try:
        arch = Architecture(tuple(sizes), names["hidden_activation"], names["output_activation"], names["loss"])
    except MlpvizError as exc:
        raise SnapshotError(f"{path}: {exc}") from None
    step, lr, seed, created = (meta.get(k) for k in ("step", "learning_rate", "seed", "created"))
    if not _is_int(step) or not 0 <= step <= MAX_STEP:
        raise SnapshotError(msg("{path}: 'step' must be a whole number from 0 to {max_step:,}", path=path, max_step=MAX_STEP))
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not _finite_float(lr):
        raise SnapshotError(msg("{path}: 'learning_rate' must be a finite number of float64 size", path=path))
    if seed is not None and not (_is_int(seed) and 0 <= seed < 2**128):
        raise SnapshotError(msg("{path}: 'seed' must be a whole number 0 or more, or null", path=path))
    if not isinstance(created, str) or len(created) > 100:
        raise SnapshotError(msg("{path}: 'created' must be an ISO 8601 time as text", path=path))
    extra = {k: v for k, v in meta.items() if k not in STANDARD_KEYS and k not in RESERVED_KEYS and _is_scalar(v)}
    return arch, {"step": step, "learning_rate": float(lr), "seed": seed, "created": created, "extra": extra}


def _finite_float(value) -> bool:
    """True if ``value`` converts to a finite float (a 400-digit int does not)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _finish(path, arch: Architecture, weights, biases, fields: dict, state=None) -> Snapshot:
    for l, (w, b) in enumerate(zip(weights, biases)):
        if not (np.isfinite(w).all() and np.isfinite(b).all()):
            raise SnapshotError(msg("{path}: layer {l} contains NaN or infinite values", path=path, l=l))
    if state is not None:
        described, vectors = state
        if not all(np.isfinite(a).all() for a in vectors):
            raise SnapshotError(msg("{path}: the optimizer state contains NaN or infinite values", path=path))
        state = frozen_state(described["optimizer"], described["count"], tuple(described["names"]), vectors)
    try:
        return Snapshot(arch, Params(weights, biases), **fields, state=state)
    except MlpvizError as exc:
        raise SnapshotError(f"{path}: {exc}") from None


def snapshot_from_npz(path, data: bytes) -> Snapshot:
    """The snapshot in ``data``, the bytes of an ``.npz`` snapshot (a lesson's member); checked as ``load_snapshot`` does."""
    return _load_npz(path, data)
