"""ONNX graphs of a fully-connected network: read a chain of Gemm or MatMul+Add with activations; write one.

Reading accepts ``Gemm`` (``transB`` 0 or 1, alpha = beta = 1) or ``MatMul`` followed by
``Add``, with ``Relu``, ``Sigmoid``, ``Tanh``, ``LeakyRelu`` (alpha 0.01), ``PRelu`` (one
stored slope 0.01), ``Softmax`` or ``Identity`` between them, each node feeding the next;
anything else is refused naming the first node that does not fit. Writing makes a
float64 graph of ``Gemm`` nodes with weights ``(fan_in, fan_out)`` and mlpviz's
description in the model's metadata, which onnxruntime runs to the same outputs as
mlpviz. Leaky ReLU is written as ``PRelu`` with a float64 slope, because ``LeakyRelu``'s
alpha is a float32 attribute (0.01 would be off by 2e-10). Needs the ``onnx`` extra.
"""

from __future__ import annotations

import json
import os

import numpy as np

from mlpviz.engine.activations import LEAKY_SLOPE
from mlpviz.engine.errors import MlpvizError, SnapshotError
from mlpviz.engine.layers import layer_fed_by
from mlpviz.i18n import msg

from .atomic import atomic_write_bytes
from .foreign_network import Activations, as_float64, build_snapshot, check_shape, require
from .limits import MAX_SNAPSHOT_BYTES, read_bytes
from .onnx_size import check_onnx_size
from .snapshot import FORMAT, Snapshot

OPSET = 17
IR_VERSION = 8
META_KEY = "mlpviz"
_ACTIVATION_OPS = {"Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "LeakyRelu": "leaky_relu",
                   "PRelu": "leaky_relu", "Softmax": "softmax"}
_OPS = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "softmax": "Softmax"}
_FLOAT, _DOUBLE = 1, 11  # TensorProto data types
_POST_OPS = frozenset({"ArgMax", "ZipMap", "ArrayFeatureExtractor", "Reshape", "Cast", "Flatten"})


def load_onnx(path, activations: Activations | None = None) -> Snapshot:
    """Read an ONNX model that is a chain of fully-connected layers; activations come from the graph."""
    data = read_bytes(path, SnapshotError, MAX_SNAPSHOT_BYTES, "ONNX file")
    onnx = require("onnx", path, "reading ONNX files")
    check_onnx_size(path, data)
    try:
        model = onnx.load_model_from_string(data)
    except Exception as exc:  # protobuf's DecodeError and friends
        raise SnapshotError(msg("{path}: not an ONNX model ({name}: {value})", path=path, name=type(exc).__name__, value=str(exc)[:100])) from None
    try:
        weights, biases, acts = _walk(path, model.graph, onnx)
    except MlpvizError:
        raise
    except Exception as exc:
        raise SnapshotError(msg("{path}: damaged ONNX model ({name}: {value})", path=path, name=type(exc).__name__, value=str(exc)[:120])) from None
    hidden = set(acts[:-1])
    if len(hidden) > 1:
        raise SnapshotError(msg("{path}: the hidden layers use {items}; mlpviz networks have one hidden activation", path=path, items=', '.join(sorted(hidden))))
    meta = {p.key: p.value for p in model.metadata_props}.get(META_KEY)
    found = Activations(hidden.pop() if hidden else None, acts[-1], None)
    if meta is not None:
        found = Activations(found.hidden, found.output, _described_loss(meta))
    names = [f"layer {l}" for l in range(len(weights))]
    return build_snapshot(path, names, weights, biases, found, activations, source="onnx", meta=meta,
                          logits=meta is None and acts[-1] == "linear")


def _described_loss(text: str):
    try:
        meta = json.loads(text, parse_constant=lambda c: None)
    except (ValueError, RecursionError):
        return None
    loss = meta.get("loss") if isinstance(meta, dict) else None
    return loss if isinstance(loss, str) else None  # anything else is refused with the description's other fields


def _walk(path, graph, onnx):
    """Weights ``(fan_in, fan_out)``, biases and the activation after each layer, following the one chain."""
    inits = {t.name: t for t in graph.initializer}
    inputs = [i.name for i in graph.input if i.name not in inits]
    if len(inputs) != 1 or not graph.output:
        raise SnapshotError(msg("{path}: the graph has {n_inputs} inputs and {n_output} outputs; mlpviz reads one input", path=path, n_inputs=len(inputs), n_output=len(graph.output)))
    current, weights, biases, acts = inputs[0], [], [], []
    nodes = list(graph.node)
    i = 0
    if nodes and nodes[0].op_type == "Cast" and nodes[0].input[:1] == [current]:  # skl2onnx casts its input
        current, i = nodes[0].output[0], 1
    post = False
    while i < len(nodes):
        node = nodes[i]
        label = f"node {i} {node.name[:40]!r} ({node.op_type[:40]})"
        if weights and node.op_type in _POST_OPS and all(n.op_type in _POST_OPS | {"Identity"} for n in nodes[i:]):
            post = True  # scikit-learn's label and probability outputs: made from the network's output
            break
        if node.domain not in ("", "ai.onnx") or not node.input or node.input[0] != current or len(node.output) != 1:
            why = "is not supported" if node.domain not in ("", "ai.onnx") else "does not continue the chain (a branch?)"
            raise SnapshotError(msg("{path}: {label} {why}; mlpviz reads a single chain of fully-connected layers", path=path, label=label, why=why))
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type == "Gemm":
            if attrs.get("alpha", 1.0) != 1.0 or attrs.get("beta", 1.0) != 1.0 or attrs.get("transA", 0):
                raise SnapshotError(msg("{path}: {label} uses alpha, beta or transA; mlpviz reads plain x·W + b", path=path, label=label))
            if len(node.input) != 3:
                raise SnapshotError(msg("{path}: {label} has no bias; mlpviz networks always have biases", path=path, label=label))
            w = _initializer(path, inits, node.input[1], label, 2, onnx)
            weights.append(w.T.copy() if attrs.get("transB", 0) else w)
            biases.append(_bias(path, inits, node.input[2], label, onnx))
            acts.append("linear")
        elif node.op_type == "MatMul":
            add = nodes[i + 1] if i + 1 < len(nodes) else None
            if add is None or add.op_type != "Add" or node.output[0] not in add.input or len(add.input) != 2:
                raise SnapshotError(msg("{path}: {label} is not followed by an Add of its bias", path=path, label=label))
            weights.append(_initializer(path, inits, node.input[1], label, 2, onnx))
            other = add.input[1] if add.input[0] == node.output[0] else add.input[0]
            biases.append(_bias(path, inits, other, f"node {i + 1} ({add.op_type})", onnx))
            acts.append("linear")
            node, i = add, i + 1
        elif node.op_type in _ACTIVATION_OPS or node.op_type == "Identity":
            if node.op_type == "PRelu":
                attrs["alpha"] = _prelu_slope(path, inits, node, label, onnx)
            if node.op_type != "Identity":
                _set_activation(path, label, node.op_type, attrs, acts)
        else:
            raise SnapshotError(msg("{path}: {label} is not supported; mlpviz reads Gemm or MatMul+Add with Relu, Sigmoid, Tanh, LeakyRelu or Softmax between them", path=path, label=label))
        current, i = node.output[0], i + 1
    if post:
        _check_post_processing(path, nodes[i:], current, graph)
    elif current != graph.output[0].name or len(graph.output) != 1:
        raise SnapshotError(msg("{path}: the graph's output is not the end of its chain of layers", path=path))
    if not weights:
        raise SnapshotError(msg("{path}: the graph has no Gemm or MatMul layers", path=path))
    return weights, biases, acts


def _check_post_processing(path, rest, end: str, graph) -> None:
    """The nodes after the network (``rest``) only turn its output ``end`` into labels or probabilities, and
    every graph output comes from them: nothing feeds back into the network."""
    made = {end}
    for node in rest:
        if not any(name in made for name in node.input):
            raise SnapshotError(msg("{path}: node {name} ({op_type}) after the network does not read its output; mlpviz reads a single chain of fully-connected layers", path=path, name=repr(node.name[:40]), op_type=node.op_type[:40]))
        made.update(node.output)
    if not all(output.name in made for output in graph.output):
        raise SnapshotError(msg("{path}: a graph output does not come from the network's chain of layers", path=path))


def _set_activation(path, label, op, attrs, acts) -> None:
    if not acts or acts[-1] != "linear":
        raise SnapshotError(msg("{path}: {label} is not right after a layer; mlpviz has one activation per layer", path=path, label=label))
    if op in ("LeakyRelu", "PRelu") and abs(attrs.get("alpha", 0.01) - LEAKY_SLOPE) > 1e-6:
        raise SnapshotError(msg("{path}: {label} has slope {attrs}; mlpviz's leaky_relu has slope {leaky_slope}", path=path, label=label, attrs=attrs['alpha'], leaky_slope=LEAKY_SLOPE))
    if op == "Softmax" and attrs.get("axis", -1) not in (-1, 1):
        raise SnapshotError(msg("{path}: {label} takes the softmax over axis {attrs}; mlpviz's is over the units", path=path, label=label, attrs=attrs['axis']))
    acts[-1] = _ACTIVATION_OPS[op]


def _prelu_slope(path, inits, node, label, onnx) -> float:
    """The one slope of a PRelu node (a stored tensor whose values are all the same)."""
    if len(node.input) != 2 or node.input[1] not in inits:
        raise SnapshotError(msg("{path}: {label} needs its slope as a stored tensor", path=path, label=label))
    tensor = inits[node.input[1]]
    if len(tensor.dims) > 2 or np.prod(tensor.dims) > 4096:
        raise SnapshotError(msg("{path}: {label} has a slope of shape {value}", path=path, label=label, value=tuple(tensor.dims)))
    slope = _initializer(path, inits, node.input[1], label, 1, onnx) if tensor.dims else np.array(
        [float(onnx.numpy_helper.to_array(tensor))])
    if not np.all(slope == slope[0]):
        raise SnapshotError(msg("{path}: {label} has a different slope per unit; mlpviz's leaky_relu has one slope", path=path, label=label))
    return float(slope[0])


def _initializer(path, inits, name, label, ndim, onnx) -> np.ndarray:
    tensor = inits.get(name)
    if tensor is None:
        raise SnapshotError(msg("{path}: {label} takes {name}, which is not a stored weight", path=path, label=label, name=repr(name[:40])))
    if tensor.data_type not in (_FLOAT, _DOUBLE):
        raise SnapshotError(msg("{path}: {label}: weights of ONNX type {data_type}; mlpviz reads float or double", path=path, label=label, data_type=tensor.data_type))
    shape = check_shape(path, name[:40], [d for d in tensor.dims] or [1], len(tensor.dims) or 1)
    if len(shape) != ndim and not (ndim == 1 and len(shape) == 2 and shape[0] == 1):
        raise SnapshotError(msg("{path}: {label}: {name} has shape {shape}; expected {ndim} dimension(s)", path=path, label=label, name=repr(name[:40]), shape=shape, ndim=ndim))
    if tensor.data_location == onnx.TensorProto.EXTERNAL:
        array = _external(path, tensor, label)
    else:
        array = onnx.numpy_helper.to_array(tensor)
    return as_float64(path, name[:40], array.reshape(-1) if ndim == 1 else array, ndim)


def _external(path, tensor, label) -> np.ndarray:
    """A tensor stored outside the graph, as PyTorch's exporter writes tensors over 1 KiB (``model.onnx.data``).

    Only a plain file name in the model's own folder is read (not a path that leaves it, not an
    absolute path, not a link), and only the bytes the tensor's shape needs, within the size limit.
    """
    info = {entry.key: entry.value for entry in tensor.external_data}
    location = info.get("location", "")
    where = f"{path}: {label}: weights stored in {location[:80]!r}"
    if (not location or location != os.path.basename(location) or "\\" in location or location in (".", "..")
            or os.path.isabs(location)):
        raise SnapshotError(msg("{where}: mlpviz reads external weights only from a file beside the model, named without a folder; keep the .onnx file and its data file together", where=where))
    data_path = os.path.join(os.path.dirname(os.path.abspath(path)), location)
    if os.path.islink(data_path):
        raise SnapshotError(msg("{where}: the data file is a link; mlpviz reads only a real file beside the model", where=where))
    if not os.path.isfile(data_path):
        raise SnapshotError(msg("{where}: there is no such file beside the model; keep the .onnx file and its data file together in one folder", where=where))
    dtype = np.dtype("<f4") if tensor.data_type == _FLOAT else np.dtype("<f8")
    count = int(np.prod(tensor.dims)) if tensor.dims else 1
    try:
        offset, length = int(info.get("offset", 0)), int(info.get("length", count * dtype.itemsize))
    except ValueError:
        raise SnapshotError(msg("{where}: its offset or length is not a number", where=where)) from None
    size = os.path.getsize(data_path)
    if size > MAX_SNAPSHOT_BYTES:
        raise SnapshotError(msg("{where}: the data file is {size:,} bytes, over the limit of {max_snapshot_bytes:,}", where=where, size=size, max_snapshot_bytes=MAX_SNAPSHOT_BYTES))
    if length != count * dtype.itemsize or offset < 0 or offset + length > size:
        raise SnapshotError(msg("{where}: bytes {offset:,} to {value:,} do not hold the {count:,} numbers of the tensor (the file has {size:,} bytes)", where=where, offset=offset, value=offset + length, count=count, size=size))
    with open(data_path, "rb") as f:
        f.seek(offset)
        raw = f.read(length)
    if len(raw) != length:
        raise SnapshotError(msg("{where}: the data file ended early", where=where))
    return np.frombuffer(raw, dtype=dtype).reshape(tuple(tensor.dims))


def _bias(path, inits, name, label, onnx) -> np.ndarray:
    return _initializer(path, inits, name, label, 1, onnx)


# ---------------------------------------------------------------- writing


def onnx_bytes(snap: Snapshot) -> bytes:
    """A float64 ONNX model: input ``x`` ``(batch, n0)``, Gemm per layer, activations, output ``y``."""
    onnx = require("onnx", "ONNX export", "writing ONNX files")
    helper, numpy_helper = onnx.helper, onnx.numpy_helper
    arch = snap.arch
    nodes, inits, current = [], [], "x"
    for l, (w, b) in enumerate(zip(snap.params.weights, snap.params.biases)):
        inits += [numpy_helper.from_array(np.ascontiguousarray(w), f"W{l}"),
                  numpy_helper.from_array(np.ascontiguousarray(b), f"b{l}")]
        unit = layer_fed_by(l)
        nodes.append(helper.make_node("Gemm", [current, f"W{l}", f"b{l}"], [f"z{unit}"], name=f"layer{unit}"))
        current = f"z{unit}"
        act = arch.activation_of(unit)
        if act == "leaky_relu":
            if not any(t.name == "slope" for t in inits):
                inits.append(numpy_helper.from_array(np.array([LEAKY_SLOPE]), "slope"))
            nodes.append(helper.make_node("PRelu", [current, "slope"], [f"a{unit}"], name=f"{act}{unit}"))
        elif act != "linear":
            extra = {"axis": -1} if act == "softmax" else {}
            nodes.append(helper.make_node(_OPS[act], [current], [f"a{unit}"], name=f"{act}{unit}", **extra))
        if act != "linear":
            current = f"a{unit}"
    nodes[-1].output[0] = "y"
    graph = helper.make_graph(
        nodes, f"mlpviz {arch.label()}",
        [helper.make_tensor_value_info("x", onnx.TensorProto.DOUBLE, ["batch", arch.sizes[0]])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.DOUBLE, ["batch", arch.sizes[-1]])],
        inits,
    )
    model = helper.make_model(graph, producer_name="mlpviz", opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    helper.set_model_props(model, {"format": FORMAT, META_KEY: json.dumps(snap.meta())})
    onnx.checker.check_model(model)
    return model.SerializeToString()


def save_onnx(path, snap: Snapshot) -> None:
    """Write ``snap`` as an ONNX model atomically (needs the ``onnx`` extra)."""
    require("onnx", path, "writing ONNX files")
    atomic_write_bytes(path, onnx_bytes(snap))
