"""safetensors files as PyTorch writes them: ``nn.Linear`` weights ``(out, in)`` and biases, by key name.

Reading accepts an ``nn.Sequential`` (``0.weight``, ``0.bias``, ``2.weight`` …) or named
layers (``fc1.weight`` …, also nested as ``net.0.weight``); weights are transposed to
mlpviz's ``(fan_in, fan_out)``. The header is parsed and checked here (offsets, sizes,
dtypes) before ``safetensors.numpy`` sees the bytes. Writing uses Sequential numbering
with the activations between the Linear layers, and puts mlpviz's description in the
file's metadata so that it reads back with its activations.
"""

from __future__ import annotations

import dataclasses
import json
import math
import struct

import numpy as np

from mlpviz.engine.errors import SnapshotError
from mlpviz.i18n import msg

from .atomic import atomic_write_bytes
from .foreign_network import Activations, build_snapshot, check_shape
from .layer_order import order_layers
from .limits import MAX_SNAPSHOT_BYTES, read_bytes
from .pytorch_snippet import sequential_text
from .snapshot import FORMAT, Snapshot

MAX_HEADER_BYTES = 16 * 1024 * 1024
DTYPES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2}
HALF_DTYPES = ("BF16", "F16")  # widened to float64 (exact), with a note
HALF_NAMES = {"F16": "float16", "BF16": "bfloat16"}
KNOWN_DTYPES = ("F64", "F32", "F16", "BF16", "F8_E4M3", "F8_E5M2", "I64", "I32", "I16", "I8", "U8", "BOOL")
META_KEY = "mlpviz"


def load_safetensors(path, activations: Activations | None = None) -> Snapshot:
    """Read a safetensors file of Linear layers; activations from mlpviz's metadata or ``activations``."""
    data = read_bytes(path, SnapshotError, MAX_SNAPSHOT_BYTES, "safetensors file")
    tensors, metadata = parse_header(path, data)
    layers = _layers_by_prefix(path, tensors)
    names, by_shapes = order_layers(path, {p: (t["weight"][0][1], t["weight"][0][0]) for p, t in layers.items()},
                                    activations.layer_order if activations is not None else ())
    narrow = sorted({dtype for _, dtype in tensors.values() if dtype in HALF_DTYPES})
    if narrow:
        arrays = _read_tensors(data)
    else:
        from safetensors.numpy import load

        try:
            arrays = load(data)
        except Exception as exc:  # the header was checked; anything left is a damaged file
            raise SnapshotError(msg("{path}: damaged safetensors file ({value})", path=path, value=str(exc)[:120])) from None
    weights = [arrays[f"{p}.weight"].astype(np.float64).T.copy() for p in names]
    biases = [arrays[f"{p}.bias"].astype(np.float64) for p in names]
    found, meta = Activations(), metadata.get(META_KEY)
    if meta is not None:
        described = _described(path, meta)
        found = Activations(described.get("hidden_activation"), described.get("output_activation"), described.get("loss"))
    snap = build_snapshot(path, names, weights, biases, found, activations, source="safetensors",
                          ordered_by_shapes=by_shapes, meta=meta)
    if narrow:
        snap = dataclasses.replace(snap, extra={**snap.extra, "widened": f"the file's "
                                   f"{' and '.join(HALF_NAMES[d] for d in narrow)} weights were widened to float64, "
                                   "which holds every one of them exactly"})
    return snap


def _read_tensors(data: bytes) -> dict[str, np.ndarray]:
    """Every tensor of a checked file as numpy arrays; bfloat16 (which numpy lacks) becomes float32, exactly."""
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8: 8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    arrays = {}
    for name, info in header.items():
        begin, end = (8 + n + int(o) for o in info["data_offsets"])
        raw = data[begin:end]
        if info["dtype"] == "BF16":
            array = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            array = np.frombuffer(raw, dtype={"F16": "<f2", "F32": "<f4", "F64": "<f8"}[info["dtype"]])
        arrays[name] = array.reshape(info["shape"])
    return arrays


def parse_header(path, data: bytes) -> tuple[dict[str, tuple[tuple[int, ...], str]], dict[str, str]]:
    """``({name: (shape, dtype)}, metadata)`` after checking that every tensor lies exactly in the file."""
    if len(data) < 8:
        raise SnapshotError(msg("{path}: not a safetensors file (too short)", path=path))
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES or n > len(data) - 8:
        raise SnapshotError(msg("{path}: not a safetensors file, or truncated (header of {n_:,} bytes in a file of {n_data:,})", path=path, n_=n, n_data=len(data)))
    try:
        header = json.loads(data[8 : 8 + n].decode("utf-8"), parse_constant=lambda c: None)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SnapshotError(msg("{path}: not a safetensors file (the header is not JSON)", path=path)) from None
    if not isinstance(header, dict):
        raise SnapshotError(msg("{path}: not a safetensors file (the header is not a JSON object)", path=path))
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise SnapshotError(msg("{path}: the safetensors metadata must map names to text", path=path))
    body = len(data) - 8 - n
    tensors, spans = {}, []
    for name, info in header.items():
        shape, dtype, (begin, end) = _tensor_info(path, name, info)
        if dtype not in DTYPES:
            kind = f"dtype {dtype}" if dtype in KNOWN_DTYPES else f"unknown dtype {str(dtype)[:20]!r}"
            raise SnapshotError(msg("{path}: tensor {name} has {kind}; mlpviz reads F64, F32, F16 or BF16 weights", path=path, name=repr(name[:60]), kind=kind))
        if not 0 <= begin <= end <= body:
            raise SnapshotError(msg("{path}: tensor {name} lies outside the file (truncated?)", path=path, name=repr(name[:60])))
        if end - begin != math.prod(shape) * DTYPES[dtype]:
            raise SnapshotError(msg("{path}: tensor {name} claims shape {shape} but holds {value:,} bytes", path=path, name=repr(name[:60]), shape=shape, value=end - begin))
        tensors[name] = (shape, dtype)
        spans.append((begin, end))
    spans.sort()
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
        raise SnapshotError(msg("{path}: tensors overlap in the file", path=path))
    return tensors, metadata


def _tensor_info(path, name, info):
    ok = isinstance(info, dict) and isinstance(info.get("shape"), list) and isinstance(info.get("data_offsets"), list)
    if ok:
        shape, offsets = info["shape"], info["data_offsets"]
        ints = all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in shape + offsets)
        ok = ints and len(offsets) == 2 and len(shape) <= 8 and isinstance(info.get("dtype"), str)
    if not ok:
        raise SnapshotError(msg("{path}: tensor {value} has a damaged header entry", path=path, value=repr(str(name)[:60])))
    if any(v > 2**40 for v in shape):
        raise SnapshotError(msg("{path}: tensor {name} claims a huge shape {value}", path=path, name=repr(name[:60]), value=tuple(shape)))
    return tuple(shape), info["dtype"], tuple(offsets)


def _layers_by_prefix(path, tensors) -> dict[str, dict[str, tuple]]:
    """``{prefix: {"weight": (shape, dtype), "bias": ...}}``; refuses keys that are not Linear parameters."""
    layers: dict[str, dict] = {}
    for name, spec in tensors.items():
        prefix, _, kind = name.rpartition(".")
        if kind not in ("weight", "bias") or not prefix:
            raise SnapshotError(
                msg("{path}: tensor {name} is not the weight or bias of a Linear layer; mlpviz reads fully-connected stacks (nn.Linear) only", path=path, name=repr(name[:60]))
            )
        layers.setdefault(prefix, {})[kind] = spec
    for prefix, parts in layers.items():
        if "weight" not in parts:
            raise SnapshotError(msg("{path}: layer {prefix} has a bias but no weight", path=path, prefix=repr(prefix)))
        if "bias" not in parts:
            raise SnapshotError(msg("{path}: layer {prefix} has no bias (nn.Linear(..., bias=False)); mlpviz networks always have biases", path=path, prefix=repr(prefix)))
        out_in = check_shape(path, f"{prefix}.weight", parts["weight"][0], 2)
        check_shape(path, f"{prefix}.bias", parts["bias"][0], 1)
        parts["weight"] = (out_in, parts["weight"][1])
    return layers


def _described(path, text: str) -> dict:
    try:
        meta = json.loads(text, parse_constant=lambda c: None)
    except (ValueError, RecursionError):
        raise SnapshotError(msg("{path}: the mlpviz description in the file is not valid JSON", path=path)) from None
    return meta if isinstance(meta, dict) else {}


# ---------------------------------------------------------------- writing


def sequential_index(layer: int) -> int:
    """Index of weight layer ``layer`` in the exported ``nn.Sequential`` (activations sit between)."""
    return 2 * layer


def safetensors_bytes(snap: Snapshot) -> bytes:
    """The network as PyTorch ``nn.Sequential`` state: ``{2l}.weight`` ``(out, in)``, ``{2l}.bias``, float64."""
    from safetensors.numpy import save

    tensors = {}
    for l, (w, b) in enumerate(zip(snap.params.weights, snap.params.biases)):
        tensors[f"{sequential_index(l)}.weight"] = np.ascontiguousarray(w.T)
        tensors[f"{sequential_index(l)}.bias"] = np.ascontiguousarray(b)
    metadata = {"format": FORMAT, META_KEY: json.dumps(snap.meta()), "pytorch": sequential_text(snap.arch)}
    return save(tensors, metadata=metadata)


def save_safetensors(path, snap: Snapshot) -> None:
    """Write ``snap`` as a safetensors file atomically."""
    atomic_write_bytes(path, safetensors_bytes(snap))
