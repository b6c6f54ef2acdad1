"""What every imported network (safetensors, Keras, ONNX) goes through before it becomes a Snapshot.

Readers collect per-layer weights ``(fan_in, fan_out)`` and biases, and whatever the
file says about activations; ``build_snapshot`` merges that with the activations the
user gave, then applies the snapshot checks (float64, finite, shapes that chain, the
architecture's limits). A file that does not say its activations raises
``ActivationsNeeded`` so that the app can ask and the CLI can name its flags.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass

import numpy as np

from mlpviz.engine.architecture import MAX_UNITS_PER_LAYER, Architecture, format_sizes
from mlpviz.engine.errors import MlpvizError, SnapshotError
from mlpviz.engine.losses import NATURAL_LOSS
from mlpviz.engine.params import Params
from mlpviz.i18n import msg

from .extras import EXTRA_OF, install_command
from .snapshot import Snapshot

from .snapshot_read import _parse_meta

MAX_LAYERS = 64


@dataclass(frozen=True)
class Activations:
    """Activations and loss given by the user for a file that may not say them (None: not given)."""

    hidden: str | None = None
    output: str | None = None
    loss: str | None = None
    layer_order: tuple[str, ...] = ()  # the layers' order, when their names do not tell it

    def given(self) -> dict[str, str]:
        return {k: v for k, v in (("hidden", self.hidden), ("output", self.output), ("loss", self.loss)) if v}


class ActivationsNeeded(SnapshotError):
    """The file holds a usable network but not its activations; ask for them and load again.

    ``sizes`` is the architecture found, ``layer_names`` the order the layers were read
    in, ``ordered_by_shapes`` True when the names did not tell the order (show it).
    """

    def __init__(self, message: str, sizes: tuple[int, ...], layer_names: tuple[str, ...], ordered_by_shapes: bool,
                 suggested: Activations | None = None):
        super().__init__(message)
        self.sizes, self.layer_names, self.ordered_by_shapes = sizes, layer_names, ordered_by_shapes
        self.suggested = suggested  # what to offer first (a classifier saved as logits: softmax with ce)


LOGITS = "logits"  # a snapshot's extra["last_layer"]: the file ended at the last layer's weighted sums


def logits_choice(snap: Snapshot) -> ActivationsNeeded | None:
    """For a network read from a file that ends at its last layer's weighted sums (``logits``) and was taken
    as a linear output: the question to ask, offering softmax with ce (several outputs) or linear with mse."""
    if snap.extra.get("last_layer") != LOGITS or snap.arch.output_activation != "linear":
        return None
    arch = snap.arch
    output, loss = ("softmax", "ce") if arch.sizes[-1] > 1 else ("linear", "mse")
    return ActivationsNeeded(
        f"the network ends at its last layer's weighted sums (logits), as a classifier trained with PyTorch's "
        f"nn.CrossEntropyLoss or Keras' from_logits=True is saved: its output activation lived in the framework's "
        f"loss", arch.sizes, tuple(f"layer {l}" for l in range(arch.layer_count)), False,
        Activations(arch.hidden_activation, output, loss))


def logits_refusal(snap: Snapshot, n_classes: int) -> str:
    """Why a logits network taken as a linear output must not train on ``n_classes`` classes, with the fix ("" if it may)."""
    if snap.extra.get("last_layer") != LOGITS or snap.arch.output_activation != "linear" or n_classes < 2:
        return ""
    k = snap.arch.sizes[-1]
    fix = "--output softmax --loss ce" if k > 1 else "--output sigmoid --loss bce"
    return (f"the network ends at its last layer's weighted sums (logits), as a classifier trained with PyTorch's "
            f"nn.CrossEntropyLoss or Keras' from_logits=True is saved, and the data have {n_classes} classes: the "
            f"output activation lived in the framework's loss, so give it: {fix} (or --output linear --loss mse to "
            "train on the class numbers as numbers)")


def require(module: str, path, what: str):
    """Import an optional dependency, or refuse naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        command = install_command(EXTRA_OF.get(module, module))
        raise SnapshotError(
            msg("{path}: {what} needs the {module} package; install it with: {command}", path=path, what=what, module=module, command=command)
        ) from None


def as_float64(path, name: str, array: np.ndarray, ndim: int) -> np.ndarray:
    """A float32/float64 array of ``ndim`` dimensions as float64; other dtypes are refused."""
    if array.dtype.kind != "f" or array.dtype.itemsize not in (4, 8):
        raise SnapshotError(msg("{path}: tensor {name} is {dtype}; mlpviz reads float32 or float64 weights", path=path, name=repr(name), dtype=array.dtype))
    if array.ndim != ndim:
        raise SnapshotError(msg("{path}: tensor {name} has shape {value}; expected {ndim} dimension(s)", path=path, name=repr(name), value=tuple(array.shape), ndim=ndim))
    if any(n > MAX_UNITS_PER_LAYER for n in array.shape):
        raise SnapshotError(msg("{path}: tensor {name} of shape {value} is over the limit of {max_units_per_layer} units per layer", path=path, name=repr(name), value=tuple(array.shape), max_units_per_layer=MAX_UNITS_PER_LAYER))
    return np.array(array, dtype=np.float64)


def check_shape(path, name: str, shape, ndim: int) -> tuple[int, ...]:
    """Refuse a declared shape before any data is read: wrong rank or over the unit limit."""
    shape = tuple(int(n) for n in shape)
    if len(shape) != ndim or any(n < 1 for n in shape):
        raise SnapshotError(msg("{path}: tensor {name} has shape {shape}; expected {ndim} dimension(s)", path=path, name=repr(name), shape=shape, ndim=ndim))
    if any(n > MAX_UNITS_PER_LAYER for n in shape):
        raise SnapshotError(msg("{path}: tensor {name} of shape {shape} is over the limit of {max_units_per_layer} units per layer", path=path, name=repr(name), shape=shape, max_units_per_layer=MAX_UNITS_PER_LAYER))
    return shape


def chain_sizes(path, layer_names, weights, biases) -> tuple[int, ...]:
    """Layer sizes from weights ``(fan_in, fan_out)``; refuses layers that do not connect."""
    if not weights:
        raise SnapshotError(msg("{path}: no fully-connected layers found", path=path))
    if len(weights) > MAX_LAYERS:
        raise SnapshotError(msg("{path}: {n_weights} layers, over the limit of {max_layers}", path=path, n_weights=len(weights), max_layers=MAX_LAYERS))
    for name, w, b in zip(layer_names, weights, biases):
        if b.shape != (w.shape[1],):
            raise SnapshotError(msg("{path}: layer {name}: bias of shape {shape} does not fit weights {shape2}", path=path, name=repr(name), shape=b.shape, shape2=w.shape))
    for (n1, w1), (n2, w2) in zip(zip(layer_names, weights), zip(layer_names[1:], weights[1:])):
        if w1.shape[1] != w2.shape[0]:
            raise SnapshotError(
                msg("{path}: layer {n1} has {shape} outputs but the next layer {n2} takes {shape2} inputs", path=path, n1=repr(n1), shape=w1.shape[1], n2=repr(n2), shape2=w2.shape[0])
            )
    return (weights[0].shape[0],) + tuple(w.shape[1] for w in weights)


def build_snapshot(path, layer_names, weights, biases, found: Activations, given: Activations | None,
                   *, source: str, ordered_by_shapes: bool = False, meta: str | None = None,
                   logits: bool = False) -> Snapshot:
    """The checked Snapshot of an imported network.

    ``found`` holds what the file says; ``given`` what the user said. A given value that
    contradicts the file is refused; a missing loss follows the output (sigmoid → bce,
    softmax → ce, linear → mse). ``meta`` is an mlpviz description (JSON text) the file
    carried, which then supplies step, learning rate, seed and notes. ``logits``: the file's last
    layer has no activation of its own, so any output activation given is taken (a classifier's
    softmax lives in the framework's loss); without one it is linear, noted as ``last_layer: logits``.
    """
    layer_names = tuple(layer_names)
    sizes = chain_sizes(path, layer_names, weights, biases)
    chosen = dict(found.given())
    if logits:
        chosen.pop("output", None)
    for key, value in (given or Activations()).given().items():
        if key in chosen and chosen[key] != value:
            raise SnapshotError(msg("{path}: the file says {key} {chosen}, which conflicts with the {value} given", path=path, key=key, chosen=repr(chosen[key]), value=repr(value)))
        chosen[key] = value
    if len(sizes) == 2:
        chosen.setdefault("hidden", "relu")  # no hidden layer: never used
    if logits:
        chosen.setdefault("output", "linear")
    missing = [k for k in ("hidden", "output") if k not in chosen]
    if missing:
        raise ActivationsNeeded(
            f"{path}: the file does not say the {' and '.join(missing)} activation{'s' * (len(missing) > 1)} of its "
            f"{format_sizes(sizes)} network", sizes, layer_names, ordered_by_shapes)
    chosen.setdefault("loss", NATURAL_LOSS.get(chosen["output"], "mse"))
    for l, (w, b) in enumerate(zip(weights, biases)):
        if not (np.isfinite(w).all() and np.isfinite(b).all()):
            raise SnapshotError(msg("{path}: layer {layer_names} contains NaN or infinite values", path=path, layer_names=repr(layer_names[l])))
    fields = {"step": 0, "learning_rate": 0.1, "seed": None, "extra": {}}
    try:
        arch = Architecture(sizes, chosen["hidden"], chosen["output"], chosen["loss"])
        if meta is not None:
            fields = _fields_from_meta(path, meta, arch)
        extra = {**fields.pop("extra"), "source": source}
        if logits:
            extra["last_layer"] = LOGITS
        if ordered_by_shapes:
            extra["layer_order"] = ", ".join(layer_names)
        return Snapshot(arch, Params(weights, biases), extra=extra, **fields)
    except SnapshotError:
        raise
    except MlpvizError as exc:
        raise SnapshotError(f"{path}: {exc}") from None


def _fields_from_meta(path, text: str, arch: Architecture) -> dict:
    """step, learning rate, seed, created and notes from an mlpviz description the file carried."""
    try:
        meta = json.loads(text, parse_constant=lambda c: None)
    except (ValueError, RecursionError):
        raise SnapshotError(msg("{path}: the mlpviz description in the file is not valid JSON", path=path)) from None
    if not isinstance(meta, dict):
        raise SnapshotError(msg("{path}: the mlpviz description in the file must be one JSON object", path=path))
    described, fields = _parse_meta(path, meta)
    if described != arch:
        raise SnapshotError(msg("{path}: the file describes a {value} network ({hidden_activation}/{output_activation}/{loss}) but holds {value2} ({hidden_activation2}/{output_activation2}/{loss2})", path=path, value=described.label(), hidden_activation=described.hidden_activation, output_activation=described.output_activation, loss=described.loss, value2=arch.label(), hidden_activation2=arch.hidden_activation, output_activation2=arch.output_activation, loss2=arch.loss))
    fields["extra"] = {k: v for k, v in fields["extra"].items() if k not in ("source", "layer_order", "last_layer")}
    return fields

