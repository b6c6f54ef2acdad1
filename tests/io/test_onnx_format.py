"""ONNX: the exported graph runs in onnxruntime like mlpviz, reads back as the same network; other graphs are refused by node."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.engine import Architecture, SnapshotError, forward, init_params
from mlpviz.io import Activations, Snapshot, load_network, save_network

onnx = pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

ALL_HEADS = [("relu", "sigmoid", "bce"), ("leaky_relu", "softmax", "ce"), ("tanh", "linear", "mse"),
             ("linear", "sigmoid", "mse"), ("sigmoid", "softmax", "ce")]


def make_snap(hidden="relu", output="sigmoid", loss="bce", sizes=(3, 5, 4, 2)) -> Snapshot:
    arch = Architecture(sizes, hidden, output, loss)
    return Snapshot(arch, init_params(arch, "normal", 4), step=3, learning_rate=0.2, seed=4)


@pytest.mark.parametrize("heads", ALL_HEADS)
def test_export_runs_in_onnxruntime_with_mlpviz_outputs_and_reads_back(tmp_path, heads):
    ort = pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (pip install 'mlpviz[onnx]')")
    snap = make_snap(*heads)
    path = tmp_path / "n.onnx"
    save_network(path, snap)
    x = np.random.default_rng(1).standard_normal((11, 3)) * 4
    (got,) = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x})
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, forward(snap.arch, snap.params, x).outputs, rtol=0, atol=1e-12)
    back = load_network(path)
    assert back.arch == snap.arch and back.params.equals(snap.params) and back.step == 3


def graph_file(tmp_path, nodes, inits, name="g.onnx", n_in=2, n_out=1, props=None) -> str:
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["b", n_in])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["b", n_out])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    if props:
        helper.set_model_props(model, props)
    path = tmp_path / name
    path.write_bytes(model.SerializeToString())
    return path


W0, B0 = np.arange(6, dtype=np.float32).reshape(3, 2) / 10, np.array([0.1, -0.2, 0.3], np.float32)  # (out, in) like torch
W1, B1 = np.array([[1.0, -1.0, 0.5]], np.float32), np.array([0.25], np.float32)


def torch_like(tmp_path):
    """What ``torch.onnx.export`` makes of Sequential(Linear(2,3), ReLU(), Linear(3,1), Sigmoid()): Gemm with transB=1."""
    inits = [numpy_helper.from_array(a, n) for a, n in ((W0, "w0"), (B0, "b0"), (W1, "w1"), (B1, "b1"))]
    nodes = [helper.make_node("Gemm", ["x", "w0", "b0"], ["h"], transB=1), helper.make_node("Relu", ["h"], ["r"]),
             helper.make_node("Gemm", ["r", "w1", "b1"], ["z"], transB=1), helper.make_node("Sigmoid", ["z"], ["y"])]
    return graph_file(tmp_path, nodes, inits)


def test_torch_style_gemm_with_transb_is_transposed(tmp_path):
    snap = load_network(torch_like(tmp_path))
    assert snap.arch == Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    np.testing.assert_array_equal(snap.params.weights[0], W0.T)
    np.testing.assert_array_equal(snap.params.weights[1], W1.T)
    np.testing.assert_array_equal(snap.params.biases[1], B1)


def test_matmul_add_chain_with_leaky_relu_and_given_loss(tmp_path):
    inits = [numpy_helper.from_array(a, n) for a, n in ((W0.T.copy(), "w0"), (B0, "b0"), (W1.T.copy(), "w1"), (B1, "b1"))]
    nodes = [helper.make_node("MatMul", ["x", "w0"], ["m"]), helper.make_node("Add", ["b0", "m"], ["h"]),
             helper.make_node("LeakyRelu", ["h"], ["r"], alpha=0.01), helper.make_node("MatMul", ["r", "w1"], ["m1"]),
             helper.make_node("Add", ["m1", "b1"], ["y"])]
    snap = load_network(graph_file(tmp_path, nodes, inits), Activations(loss="mse"))
    assert snap.arch == Architecture((2, 3, 1), "leaky_relu", "linear", "mse")
    np.testing.assert_array_equal(snap.params.weights[0], W0.T)


def refusal(tmp_path, nodes, inits, message, **kw):
    path = graph_file(tmp_path, nodes, inits, **kw)
    with pytest.raises(SnapshotError, match=message) as info:
        load_network(path)
    assert str(path) in str(info.value)


def test_unsupported_graphs_name_the_first_node_that_does_not_fit(tmp_path):
    inits = [numpy_helper.from_array(a, n) for a, n in ((W0, "w0"), (B0, "b0"), (W1, "w1"), (B1, "b1"))]
    gemm0 = helper.make_node("Gemm", ["x", "w0", "b0"], ["h"], transB=1, name="fc0")
    gemm1 = helper.make_node("Gemm", ["r", "w1", "b1"], ["y"], transB=1)
    refusal(tmp_path, [gemm0, helper.make_node("Elu", ["h"], ["r"], name="act"), gemm1], inits, "node 1 'act' \\(Elu\\) is not supported")
    refusal(tmp_path, [helper.make_node("Conv", ["x", "w0"], ["h"], name="c")], inits, "node 0 'c' \\(Conv\\) is not supported")
    branch = [gemm0, helper.make_node("Relu", ["h"], ["r"]), helper.make_node("Add", ["h", "r"], ["s"], name="skip"), gemm1]
    refusal(tmp_path, branch, inits, "node 2 'skip' \\(Add\\) does not continue the chain")
    refusal(tmp_path, [helper.make_node("Gemm", ["x", "w0", "b0"], ["h"], transB=1, alpha=2.0), gemm1], inits, "alpha")
    refusal(tmp_path, [helper.make_node("Gemm", ["x", "w0"], ["h"], transB=1)], inits, "no bias")
    refusal(tmp_path, [helper.make_node("Gemm", ["x", "x", "b0"], ["h"])], inits, "not a stored weight")
    refusal(tmp_path, [helper.make_node("MatMul", ["x", "w0"], ["y"])], inits, "not followed by an Add")
    refusal(tmp_path, [gemm0, helper.make_node("LeakyRelu", ["h"], ["r"], alpha=0.2), gemm1], inits, "slope 0.2")
    refusal(tmp_path, [gemm0, helper.make_node("Tanh", ["h"], ["r"]), helper.make_node("Gemm", ["r", "w1", "b1"], ["z"], transB=1),
                       helper.make_node("Relu", ["z"], ["y"])], inits, "unknown output activation 'relu'")
    refusal(tmp_path, [gemm0, helper.make_node("Relu", ["h"], ["r"]), helper.make_node("Sigmoid", ["r"], ["y"])], inits,
            "not right after a layer")
    refusal(tmp_path, [gemm0], inits, "output is not the end", n_out=3)
    ints = [numpy_helper.from_array(np.zeros((3, 2), np.int64), "w0"), numpy_helper.from_array(B0, "b0")]
    refusal(tmp_path, [helper.make_node("Gemm", ["x", "w0", "b0"], ["y"], transB=1)], ints, "ONNX type 7")


def test_hostile_onnx_files_are_refused(tmp_path):
    (tmp_path / "junk.onnx").write_bytes(b"\xff\xff\xff\xff garbage that is not protobuf")
    with pytest.raises(SnapshotError, match="not an ONNX model|no Gemm"):
        load_network(tmp_path / "junk.onnx")
    good = torch_like(tmp_path).read_bytes()
    (tmp_path / "cut.onnx").write_bytes(good[: len(good) // 2])
    with pytest.raises(SnapshotError, match=str(tmp_path / "cut.onnx")):
        load_network(tmp_path / "cut.onnx")
    external = TensorProto(name="w0", data_type=TensorProto.FLOAT, dims=[3, 2])
    external.data_location = TensorProto.EXTERNAL
    external.external_data.add(key="location", value="/etc/passwd")
    path = graph_file(tmp_path, [helper.make_node("Gemm", ["x", "w0", "b0"], ["y"], transB=1)],
                      [external, numpy_helper.from_array(B0, "b0")], n_out=3)
    with pytest.raises(SnapshotError, match="weights stored in ./etc/passwd.: mlpviz reads external weights only from a file beside the model"):
        load_network(path)
    huge = TensorProto(name="w0", data_type=TensorProto.FLOAT, dims=[100_000, 2], raw_data=b"")
    path = graph_file(tmp_path, [helper.make_node("Gemm", ["x", "w0", "b0"], ["y"], transB=1)],
                      [huge, numpy_helper.from_array(B0, "b0")], n_out=3)
    with pytest.raises(SnapshotError, match="over the limit"):
        load_network(path)
    short = TensorProto(name="w0", data_type=TensorProto.FLOAT, dims=[3, 2], raw_data=b"\0" * 8)
    path = graph_file(tmp_path, [helper.make_node("Gemm", ["x", "w0", "b0"], ["y"], transB=1)],
                      [short, numpy_helper.from_array(B0, "b0")], n_out=3)
    with pytest.raises(SnapshotError, match="damaged ONNX model"):
        load_network(path)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # torch's TorchScript exporter announces its successor
def test_a_graph_pytorch_exported_reads_as_the_same_network(tmp_path):
    torch = pytest.importorskip("torch", reason="PyTorch is not installed (pip install torch==2.13.0)")
    from torch import nn

    model = nn.Sequential(nn.Linear(2, 3), nn.LeakyReLU(0.01), nn.Linear(3, 4), nn.LeakyReLU(0.01),
                          nn.Linear(4, 2), nn.Softmax(dim=1)).double()
    path = tmp_path / "torch.onnx"
    torch.onnx.export(model, (torch.zeros(1, 2, dtype=torch.float64),), str(path), dynamo=False,
                      input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}})
    snap = load_network(path)
    assert snap.arch == Architecture((2, 3, 4, 2), "leaky_relu", "softmax", "ce")
    x = np.random.default_rng(2).standard_normal((6, 2)) * 3
    with torch.no_grad():
        want = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(forward(snap.arch, snap.params, x).outputs, want, rtol=0, atol=1e-12)
