"""Keras files: ``.keras`` (a zip of ``config.json`` and ``model.weights.h5``) and legacy ``.h5``.

Dense kernels are stored ``(in, units)``, mlpviz's own layout, and biases ``(units,)``.
The layers, their order and their activations come from the model's config when the
file has one (``config.json``, or the ``model_config`` attribute of a legacy ``.h5``);
a weights-only file gives shapes and names, and the activations must be given.
Read with ``h5py`` (the ``keras`` extra); every declared shape and dtype is checked
before any array is read.
"""

from __future__ import annotations

import io
import json
import math
import re

from mlpviz.engine.activations import LEAKY_SLOPE
from mlpviz.engine.architecture import MAX_PARAMETERS
from mlpviz.engine.errors import MlpvizError, SnapshotError
from mlpviz.i18n import msg

from .foreign_network import Activations, as_float64, build_snapshot, check_shape, require
from .layer_order import order_layers
from .limits import MAX_CONFIG_BYTES, MAX_H5_OBJECTS, MAX_SNAPSHOT_BYTES, read_bytes
from .snapshot import Snapshot
from .zip_members import read_zip_members

HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
_ACTIVATIONS = {"relu": "relu", "sigmoid": "sigmoid", "tanh": "tanh", "linear": "linear", "softmax": "softmax", None: "linear"}
_SKIPPED = ("optimizer", "optimizer_weights", "top_level_model_weights", "vars", "metrics")
_LOSSES = {"binary_crossentropy": "bce", "binarycrossentropy": "bce", "categorical_crossentropy": "ce",
           "categoricalcrossentropy": "ce", "mean_squared_error": "mse", "meansquarederror": "mse", "mse": "mse"}


def load_keras(path, activations: Activations | None = None) -> Snapshot:
    """Read a ``.keras`` archive or a Keras ``.h5`` file of Dense layers."""
    data = read_bytes(path, SnapshotError, MAX_SNAPSHOT_BYTES, "Keras file")
    h5py = require("h5py", path, "reading Keras files")
    config = None
    if data.startswith(b"PK"):
        members = read_zip_members(path, data, {"config.json": MAX_CONFIG_BYTES, "model.weights.h5": MAX_SNAPSHOT_BYTES},
                                   "Keras archive")
        if "model.weights.h5" not in members:
            raise SnapshotError(msg("{path}: not a Keras archive (no model.weights.h5 inside)", path=path))
        config = _json(path, members.get("config.json"), "config.json")
        data = members["model.weights.h5"]
    if not data.startswith(HDF5_MAGIC):
        raise SnapshotError(msg("{path}: not a Keras file (neither a .keras zip nor HDF5)", path=path))
    try:
        with h5py.File(io.BytesIO(data), "r") as f:
            if config is None and "model_config" in f.attrs:
                config = _json(path, _attribute(path, f, "model_config"), "model_config")
                if isinstance(config, dict) and "training_config" in f.attrs:
                    config["training_config"] = _json(path, _attribute(path, f, "training_config"), "training_config")
            return _read(path, f, h5py, config, activations)
    except MlpvizError:
        raise
    except Exception as exc:  # h5py raises OSError/KeyError/ValueError… on damaged files
        raise SnapshotError(msg("{path}: damaged HDF5 file ({name}: {value})", path=path, name=type(exc).__name__, value=str(exc)[:120])) from None


def _attribute(path, f, name: str):
    """A text attribute of a legacy ``.h5`` file, its size checked before it is parsed (and read, if fixed-size)."""
    raw = None
    size = f.attrs.get_id(name).get_storage_size()  # a variable-length string stores only a pointer here
    if size <= MAX_CONFIG_BYTES:
        raw = f.attrs[name]
        size = getattr(raw, "nbytes", 0) if not isinstance(raw, (bytes, str)) else len(raw)
    if size > MAX_CONFIG_BYTES:
        raise SnapshotError(msg("{path}: the Keras {name} is {value:,.1f} MB, over the limit of {value2:,.0f} MB", path=path, name=name, value=size / 1000000.0, value2=MAX_CONFIG_BYTES / 1000000.0))
    return raw


def _json(path, raw, what: str):
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        return json.loads(text, parse_constant=lambda c: None)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SnapshotError(msg("{path}: the Keras {what} is not valid JSON", path=path, what=what)) from None


def _read(path, f, h5py, config, activations) -> Snapshot:
    root = f["model_weights"] if "model_weights" in f else f
    found_layers = _weight_groups(path, root, h5py)
    if config is not None:
        names, acts, found_loss = _from_config(path, config)
        if "layers" in root and any(n not in found_layers for n in names):
            # Keras 3 files its weights by class and position (dense, dense_1, …), not by layer name.
            names = ["dense" if i == 0 else f"dense_{i}" for i in range(len(names))]
        missing = [n for n in names if n not in found_layers]
        if missing:
            raise SnapshotError(msg("{path}: the config names Dense layer {missing} but the file holds no weights for it", path=path, missing=repr(missing[0])))
        if len(found_layers) != len(names):
            extra = sorted(set(found_layers) - set(names))
            raise SnapshotError(msg("{path}: the file holds weights for {extra}, which is not a Dense layer of the config", path=path, extra=repr(extra[0])))
        hidden = set(acts[:-1])
        if len(hidden) > 1:
            raise SnapshotError(msg("{path}: the hidden layers use {items}; mlpviz networks have one hidden activation", path=path, items=', '.join(sorted(hidden))))
        found = Activations(hidden.pop() if hidden else None, acts[-1], found_loss)
        by_shapes, logits = False, acts[-1] == "linear" and found_loss is None
    else:
        names, by_shapes = _order_without_config(path, root, found_layers)
        found, logits = Activations(), False
    _check_total(path, [found_layers[n] for n in names])
    weights = [as_float64(path, f"{n} kernel", found_layers[n][0][()], 2) for n in names]
    biases = [as_float64(path, f"{n} bias", found_layers[n][1][()], 1) for n in names]
    return build_snapshot(path, names, weights, biases, found, activations, source="keras", ordered_by_shapes=by_shapes,
                          logits=logits)


def _weight_groups(path, root, h5py) -> dict:
    """``{layer name: (kernel dataset, bias dataset)}`` in the Keras 3 or the Keras 2 layout."""
    layers = {}
    groups = root["layers"] if "layers" in root and isinstance(root["layers"], h5py.Group) else root
    budget = _ObjectBudget(path, len(groups))
    for name, group in groups.items():
        if name in _SKIPPED or not isinstance(group, h5py.Group):
            continue
        datasets = []
        group.visititems(lambda _n, obj: budget.spend() or (datasets.append(obj) if isinstance(obj, h5py.Dataset) else None))
        if not datasets:
            continue  # a layer without weights (Dropout, Activation)
        kernels = [d for d in datasets if len(d.shape) == 2]
        bias = [d for d in datasets if len(d.shape) == 1]
        if len(datasets) != 2 or len(kernels) != 1 or len(bias) != 1:
            shapes = ", ".join(str(tuple(d.shape)) for d in datasets[:4])
            raise SnapshotError(msg("{path}: layer {name} holds weights of shapes {shapes}; mlpviz reads Dense layers (a kernel and a bias) only", path=path, name=repr(name), shapes=shapes))
        check_shape(path, f"{name} kernel", kernels[0].shape, 2)
        check_shape(path, f"{name} bias", bias[0].shape, 1)
        layers[name] = (kernels[0], bias[0])
    return layers


class _ObjectBudget:
    """Groups and arrays of a Keras file looked at, refused past ``MAX_H5_OBJECTS`` (counted before walking)."""

    def __init__(self, path, members: int) -> None:
        self.path, self.left = path, MAX_H5_OBJECTS
        self.spend(members)

    def spend(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise SnapshotError(msg("{path}: the Keras file holds over {max_h5_objects:,} groups and arrays, over the limit; a network of Dense layers has a few a layer", path=self.path, max_h5_objects=MAX_H5_OBJECTS))


def _check_total(path, pairs) -> None:
    total = sum(math.prod(k.shape) + math.prod(b.shape) for k, b in pairs)
    if total > MAX_PARAMETERS:
        raise SnapshotError(msg("{path}: {total:,} parameters, over the limit of {max_parameters:,}", path=path, total=total, max_parameters=MAX_PARAMETERS))


def _order_without_config(path, root, layers) -> tuple[list[str], bool]:
    listed = _attribute(path, root, "layer_names") if "layer_names" in root.attrs else None
    if listed is not None:
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in listed]
        return [n for n in names if n in layers], False
    # Keras names layers dense, dense_1, dense_2 …: the bare name is number 0.
    keyed = {(n if re.search(r"_\d+$", n) else f"{n}_0"): n for n in layers}
    order, by_shapes = order_layers(path, {k: tuple(layers[n][0].shape) for k, n in keyed.items()})
    return [keyed[k] for k in order], by_shapes


def _from_config(path, config) -> tuple[list[str], list[str], str | None]:
    """Dense layer names in order, the activation after each, and the loss the model was compiled with."""
    try:
        layers = config["config"]["layers"]
        assert isinstance(layers, list)
    except (KeyError, TypeError, AssertionError):
        raise SnapshotError(msg("{path}: the Keras config has no list of layers", path=path)) from None
    names, acts = [], []
    for layer in layers:
        kind = layer.get("class_name") if isinstance(layer, dict) else None
        cfg = layer.get("config") if isinstance(layer, dict) else None
        cfg = cfg if isinstance(cfg, dict) else {}
        if kind == "InputLayer":
            continue
        if kind == "Dense":
            if cfg.get("use_bias") is False:
                raise SnapshotError(msg("{path}: Dense layer {value} has no bias; mlpviz networks always have biases", path=path, value=repr(cfg.get('name'))))
            names.append(str(cfg.get("name")))
            acts.append(_activation(path, cfg.get("activation"), cfg.get("name")))
            continue
        act = _activation_layer(path, kind, cfg)
        if act is None:
            raise SnapshotError(msg("{path}: layer {value} ({value2}) is not supported; mlpviz reads a stack of Dense layers and activations", path=path, value=repr(cfg.get('name', '?')), value2=str(kind)[:40]))
        if not acts or acts[-1] != "linear":
            raise SnapshotError(msg("{path}: layer {value} adds an activation where there already is one", path=path, value=repr(cfg.get('name', '?'))))
        acts[-1] = act
    if not names:
        raise SnapshotError(msg("{path}: the Keras model has no Dense layers", path=path))
    return names, acts, _loss(config)


def _activation(path, value, layer) -> str:
    if isinstance(value, dict):  # Keras 3 may serialise {"class_name": "function", "config": "relu"}
        value = value.get("config") if isinstance(value.get("config"), str) else value.get("class_name")
    if not isinstance(value, str):
        raise SnapshotError(msg("{path}: layer {layer} gives its activation as {name} {value}, not as a name such as 'relu'", path=path, layer=repr(layer), name=type(value).__name__, value=str(value)[:40]))
    if value in _ACTIVATIONS:
        return _ACTIVATIONS[value]
    if value == "leaky_relu":
        raise SnapshotError(msg("{path}: layer {layer} uses Keras's leaky_relu (slope 0.2); mlpviz's leaky_relu has slope {leaky_slope} — use a LeakyReLU({leaky_slope}) layer", path=path, layer=repr(layer), leaky_slope=LEAKY_SLOPE))
    raise SnapshotError(msg("{path}: layer {layer} uses the activation {value}, which mlpviz does not have", path=path, layer=repr(layer), value=repr(str(value)[:40])))


def _activation_layer(path, kind, cfg) -> str | None:
    """The activation an activation layer applies, or None if ``kind`` is not one."""
    if kind == "Activation":
        return _activation(path, cfg.get("activation"), cfg.get("name"))
    if kind == "ReLU" and not cfg.get("max_value") and not cfg.get("negative_slope") and not cfg.get("threshold"):
        return "relu"
    if kind == "Softmax" and cfg.get("axis", -1) in (-1, 1):
        return "softmax"
    if kind == "LeakyReLU":
        slope = cfg.get("negative_slope", cfg.get("alpha"))
        if not isinstance(slope, (int, float)) or isinstance(slope, bool):
            raise SnapshotError(msg("{path}: LeakyReLU layer {value} gives its slope as {value2}, which is not a number; mlpviz's is {leaky_slope}", path=path, value=repr(cfg.get('name')), value2=repr(str(slope)[:40]), leaky_slope=LEAKY_SLOPE))
        if abs(slope - LEAKY_SLOPE) < 1e-9:
            return "leaky_relu"
        raise SnapshotError(msg("{path}: LeakyReLU layer {value} has slope {slope}; mlpviz's is {leaky_slope}", path=path, value=repr(cfg.get('name')), slope=slope, leaky_slope=LEAKY_SLOPE))
    return None


def _loss(config) -> str | None:
    compiled = config.get("compile_config") or config.get("training_config") or {}
    loss = compiled.get("loss") if isinstance(compiled, dict) else None
    if isinstance(loss, dict):
        inner = loss.get("config")
        loss = loss.get("class_name") or (inner.get("name") if isinstance(inner, dict) else None)
    return _LOSSES.get(loss.lower()) if isinstance(loss, str) else None
