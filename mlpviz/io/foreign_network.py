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

from .snapshot import Snapshot, _parse_meta

MAX_LAYERS = 64
EXTRAS = {"h5py": "keras", "onnx": "onnx", "onnxruntime": "onnx"}


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
        extra = EXTRAS.get(module, module)
        raise SnapshotError(
            f"{path}: {what} needs the {module} package; install it with: pip install 'mlpviz[{extra}]'"
        ) from None


def as_float64(path, name: str, array: np.ndarray, ndim: int) -> np.ndarray:
    """A float32/float64 array of ``ndim`` dimensions as float64; other dtypes are refused."""
    if array.dtype.kind != "f" or array.dtype.itemsize not in (4, 8):
        raise SnapshotError(f"{path}: tensor {name!r} is {array.dtype}; mlpviz reads float32 or float64 weights")
    if array.ndim != ndim:
        raise SnapshotError(f"{path}: tensor {name!r} has shape {tuple(array.shape)}; expected {ndim} dimension(s)")
    if any(n > MAX_UNITS_PER_LAYER for n in array.shape):
        raise SnapshotError(f"{path}: tensor {name!r} of shape {tuple(array.shape)} is over the limit of "
                            f"{MAX_UNITS_PER_LAYER} units per layer")
    return np.array(array, dtype=np.float64)


def check_shape(path, name: str, shape, ndim: int) -> tuple[int, ...]:
    """Refuse a declared shape before any data is read: wrong rank or over the unit limit."""
    shape = tuple(int(n) for n in shape)
    if len(shape) != ndim or any(n < 1 for n in shape):
        raise SnapshotError(f"{path}: tensor {name!r} has shape {shape}; expected {ndim} dimension(s)")
    if any(n > MAX_UNITS_PER_LAYER for n in shape):
        raise SnapshotError(f"{path}: tensor {name!r} of shape {shape} is over the limit of "
                            f"{MAX_UNITS_PER_LAYER} units per layer")
    return shape


def chain_sizes(path, layer_names, weights, biases) -> tuple[int, ...]:
    """Layer sizes from weights ``(fan_in, fan_out)``; refuses layers that do not connect."""
    if not weights:
        raise SnapshotError(f"{path}: no fully-connected layers found")
    if len(weights) > MAX_LAYERS:
        raise SnapshotError(f"{path}: {len(weights)} layers, over the limit of {MAX_LAYERS}")
    for name, w, b in zip(layer_names, weights, biases):
        if b.shape != (w.shape[1],):
            raise SnapshotError(f"{path}: layer {name!r}: bias of shape {b.shape} does not fit weights {w.shape}")
    for (n1, w1), (n2, w2) in zip(zip(layer_names, weights), zip(layer_names[1:], weights[1:])):
        if w1.shape[1] != w2.shape[0]:
            raise SnapshotError(
                f"{path}: layer {n1!r} has {w1.shape[1]} outputs but the next layer {n2!r} takes {w2.shape[0]} inputs"
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
            raise SnapshotError(f"{path}: the file says {key} {chosen[key]!r}, which conflicts with the {value!r} given")
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
            raise SnapshotError(f"{path}: layer {layer_names[l]!r} contains NaN or infinite values")
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
        raise SnapshotError(f"{path}: the mlpviz description in the file is not valid JSON") from None
    if not isinstance(meta, dict):
        raise SnapshotError(f"{path}: the mlpviz description in the file must be one JSON object")
    described, fields = _parse_meta(path, meta)
    if described != arch:
        raise SnapshotError(f"{path}: the file describes a {described.label()} network "
                            f"({described.hidden_activation}/{described.output_activation}/{described.loss}) "
                            f"but holds {arch.label()} ({arch.hidden_activation}/{arch.output_activation}/{arch.loss})")
    fields["extra"] = {k: v for k, v in fields["extra"].items() if k not in ("source", "layer_order", "last_layer")}
    return fields

