"""Foreign network files with odd but well-formed content: each gets a clear refusal, never a traceback.

Found by a probe: a safetensors layer named ``²`` or ``fc`` + 5,000 digits, ONNX metadata with a
list where a string belongs, Keras configs with a list for an activation or a LeakyReLU slope
given as text.
"""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from safetensors.numpy import save

from mlpviz.engine import MlpvizError
from mlpviz.io import load_network
from mlpviz.io.layer_order import natural_key

h5py = pytest.importorskip("h5py")
onnx = pytest.importorskip("onnx")


def _refused(path, *words):
    with pytest.raises(MlpvizError) as info:
        load_network(path)
    text = str(info.value)
    assert all(w in text for w in words), text
    return text


def _two_layers(names):
    rng = np.random.default_rng(1)
    out = {}
    for name, (i, o) in zip(names, [(2, 3), (3, 1)]):
        out[f"{name}.weight"] = rng.normal(size=(o, i)).astype(np.float32)
        out[f"{name}.bias"] = np.zeros(o, np.float32)
    return out


@pytest.mark.parametrize("names", [["²", "³"], ["fc" + "1" * 5000, "fc" + "2" * 5000], ["1", "²"], ["a٣", "a٤"]])
def test_odd_safetensors_layer_names_read_or_refuse_clearly(tmp_path, names):
    path = tmp_path / "odd.safetensors"
    path.write_bytes(save(_two_layers(names)))
    try:
        snap = load_network(path, activations=None)
    except MlpvizError as exc:  # e.g. the activations are not said: a question, not a traceback
        assert str(path) in str(exc)
    else:
        assert snap.arch.sizes == (2, 3, 1)


def test_natural_key_orders_digit_runs_as_numbers_of_any_length():
    names = ["fc10", "fc9", "fc" + "9" * 5000, "fc" + "1" * 4999, "fc²", "fc٣"]
    ordered = sorted(names, key=natural_key)
    assert ordered[:2] == ["fc9", "fc10"] and ordered.index("fc" + "1" * 4999) < ordered.index("fc" + "9" * 5000)
    assert natural_key("fc007") < natural_key("fc8")


def _onnx_file(tmp_path, props):
    from onnx import TensorProto, helper, numpy_helper

    w, b = np.ones((2, 1), np.float32), np.zeros(1, np.float32)
    graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["m"]), helper.make_node("Add", ["m", "b"], ["z"]),
                               helper.make_node("Sigmoid", ["z"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 1])],
                              [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    helper.set_model_props(model, props)
    path = tmp_path / "m.onnx"
    path.write_bytes(model.SerializeToString())
    return path


@pytest.mark.parametrize("meta", [{"loss": ["bce"]}, {"loss": {"a": 1}}, {"loss": 3}, {"sizes": "2-1"},
                                  {"hidden_activation": ["relu"], "loss": "bce"}, {"step": [1]}, [1, 2]])
def test_onnx_metadata_with_the_wrong_types_is_refused_clearly(tmp_path, meta):
    from mlpviz.io.onnx_format import META_KEY

    path = _onnx_file(tmp_path, {META_KEY: json.dumps(meta)})
    try:
        load_network(path)
    except MlpvizError as exc:
        assert str(path) in str(exc) and "Error" not in str(exc).split(":")[1][:40]


def _keras(tmp_path, layers):
    cfg = {"class_name": "Sequential", "config": {"name": "s", "layers": layers},
           "compile_config": {"loss": "binary_crossentropy"}}
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        for name, (i, o) in zip(["dense", "dense_1"], [(2, 3), (3, 1)]):
            g = f.create_group(f"layers/{name}/vars")
            g.create_dataset("0", data=np.ones((i, o), np.float32))
            g.create_dataset("1", data=np.zeros(o, np.float32))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("metadata.json", json.dumps({"keras_version": "3.9.0"}))
        zf.writestr("config.json", json.dumps(cfg))
        zf.writestr("model.weights.h5", weights.getvalue())
    path = tmp_path / "m.keras"
    path.write_bytes(buf.getvalue())
    return path


def _dense(name, units, activation):
    return {"class_name": "Dense", "config": {"name": name, "units": units, "activation": activation}}


def test_a_keras_activation_given_as_a_list_is_named_not_unhashable(tmp_path):
    path = _keras(tmp_path, [_dense("dense", 3, ["relu"]), _dense("dense_1", 1, "sigmoid")])
    text = _refused(path, "dense", "activation")
    assert "unhashable" not in text


def test_a_leaky_relu_slope_given_as_text_says_so(tmp_path):
    layers = [_dense("dense", 3, "linear"), {"class_name": "LeakyReLU", "config": {"name": "lr", "negative_slope": "0.01"}},
              _dense("dense_1", 1, "sigmoid")]
    text = _refused(_keras(tmp_path, layers), "'0.01'", "not a number")
    assert "has slope 0.01;" not in text  # not the contradiction "slope 0.01; mlpviz's is 0.01"


@pytest.mark.parametrize("loss", [{"class_name": ["x"]}, {"config": ["x"]}, ["bce"], {"config": {"name": ["mse"]}}])
def test_an_odd_keras_loss_is_ignored_or_refused_clearly(tmp_path, loss):
    path = _keras(tmp_path, [_dense("dense", 3, "relu"), _dense("dense_1", 1, "sigmoid")])
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    cfg = json.loads(members["config.json"])
    cfg["compile_config"]["loss"] = loss
    members["config.json"] = json.dumps(cfg).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    assert load_network(path).arch.sizes == (2, 3, 1)


# --- huge structures are refused before they are walked or parsed ---------------------------------

def test_a_legacy_h5_with_too_many_groups_is_refused(tmp_path):
    from mlpviz.io.limits import MAX_H5_OBJECTS

    path = tmp_path / "many.h5"
    with h5py.File(path, "w") as f:
        root = f.create_group("model_weights")
        for i in range(MAX_H5_OBJECTS + 1):
            root.create_group(f"g{i}")
    _refused(path, "over 10,000 groups and arrays")


def test_groups_nested_inside_one_layer_are_counted_too(tmp_path):
    from mlpviz.io.limits import MAX_H5_OBJECTS

    path = tmp_path / "deep.h5"
    with h5py.File(path, "w") as f:
        layer = f.create_group("dense")
        for i in range(MAX_H5_OBJECTS + 1):
            layer.create_group(f"g{i}")
    _refused(path, "over 10,000 groups and arrays")


def test_a_legacy_h5_model_config_over_the_config_limit_is_refused_unread(tmp_path):
    from mlpviz.io.limits import MAX_CONFIG_BYTES

    path = tmp_path / "big_config.h5"
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps({"pad": "x" * MAX_CONFIG_BYTES})
        f.create_group("dense")
    _refused(path, "model_config", "over the limit of 4 MB")


def _onnx_bytes(nodes, subgraph_nodes=0):
    from onnx import TensorProto, helper, numpy_helper

    w, b = np.ones((2, 1), np.float32), np.zeros(1, np.float32)
    chain = [helper.make_node("Identity", ["x" if i == 0 else f"i{i - 1}"], [f"i{i}"]) for i in range(nodes)]
    last = f"i{nodes - 1}" if nodes else "x"
    if subgraph_nodes:
        body = helper.make_graph([helper.make_node("Identity", ["c"], [f"s{i}"]) for i in range(subgraph_nodes)], "b", [],
                                 [helper.make_tensor_value_info(f"s{subgraph_nodes - 1}", TensorProto.BOOL, [])])
        chain.append(helper.make_node("If", ["c"], ["unused"], then_branch=body, else_branch=body))
    graph = helper.make_graph(chain + [helper.make_node("MatMul", [last, "w"], ["m"]),
                                       helper.make_node("Add", ["m", "b"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 1])],
                              [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


@pytest.mark.parametrize("nodes,subgraph", [(10_001, 0), (10, 5_000)])
def test_an_onnx_graph_over_the_node_limit_is_refused_before_parsing(tmp_path, monkeypatch, nodes, subgraph):
    path = tmp_path / "many.onnx"
    path.write_bytes(_onnx_bytes(nodes, subgraph))
    monkeypatch.setattr(onnx, "load_model_from_string", lambda *a: pytest.fail("parsed before the count"))
    _refused(path, "over 10,000 nodes")


def test_the_onnx_count_passes_a_real_model_and_refuses_broken_bytes(tmp_path):
    from mlpviz.io.onnx_size import check_onnx_size

    check_onnx_size("ok.onnx", _onnx_bytes(3, 2))
    data = _onnx_bytes(3)
    for broken in (data[:-3], data + b"\x0b", b"\xff" * 12):
        with pytest.raises(MlpvizError, match="not an ONNX model"):
            check_onnx_size("bad.onnx", broken)
