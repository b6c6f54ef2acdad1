"""safetensors: PyTorch layout both ways, layer order from key names, and hostile headers refused."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest
from safetensors.numpy import save

from mlpviz.engine import Architecture, SnapshotError, forward, init_params
from mlpviz.io import Activations, ActivationsNeeded, Snapshot, load_network, pytorch_snippet, save_network
from mlpviz.io.layer_order import order_layers
from mlpviz.io.pytorch_snippet import sequential_text

ALL_HEADS = [("relu", "sigmoid", "bce"), ("leaky_relu", "softmax", "ce"), ("tanh", "linear", "mse"),
             ("linear", "sigmoid", "mse"), ("sigmoid", "softmax", "ce")]


def make_snap(sizes=(3, 5, 4, 2), hidden="relu", output="softmax", loss="ce") -> Snapshot:
    arch = Architecture(sizes, hidden, output, loss)
    return Snapshot(arch, init_params(arch, "normal", 1), step=12, learning_rate=0.05, seed=1,
                    created="2024-01-02T03:04:05+00:00", extra={"init": "normal"})


def torch_state(snap: Snapshot, names=None, dtype=np.float32) -> dict:
    """What ``nn.Sequential(...).state_dict()`` saved with safetensors holds (by default float32)."""
    names = names or [str(2 * l) for l in range(snap.arch.layer_count)]
    out = {}
    for name, w, b in zip(names, snap.params.weights, snap.params.biases):
        out[f"{name}.weight"] = np.ascontiguousarray(w.T, dtype=dtype)
        out[f"{name}.bias"] = np.asarray(b, dtype=dtype)
    return out


@pytest.mark.parametrize("heads", ALL_HEADS)
def test_mlpviz_file_reads_back_identical_with_its_activations(tmp_path, heads):
    snap = make_snap(hidden=heads[0], output=heads[1], loss=heads[2])
    save_network(tmp_path / "n.safetensors", snap)
    back = load_network(tmp_path / "n.safetensors")
    assert back.arch == snap.arch and back.params.equals(snap.params)
    assert (back.step, back.learning_rate, back.seed, back.created) == (12, 0.05, 1, snap.created)
    assert back.extra["init"] == "normal" and back.extra["source"] == "safetensors"


def test_written_file_has_pytorch_names_layout_and_description(tmp_path):
    snap = make_snap()
    save_network(tmp_path / "n.safetensors", snap)
    from safetensors import safe_open

    with safe_open(str(tmp_path / "n.safetensors"), "np") as f:
        assert sorted(f.keys()) == ["0.bias", "0.weight", "2.bias", "2.weight", "4.bias", "4.weight"]
        assert f.get_tensor("2.weight").shape == (4, 5) and f.get_tensor("2.weight").dtype == np.float64
        np.testing.assert_array_equal(f.get_tensor("2.weight"), snap.params.weights[1].T)
        meta = f.metadata()
    assert json.loads(meta["mlpviz"])["sizes"] == [3, 5, 4, 2]
    assert meta["pytorch"] == sequential_text(snap.arch)


@pytest.mark.parametrize("heads", ALL_HEADS)
def test_torch_sequential_gives_the_same_outputs_and_saves_back(tmp_path, heads):
    torch = pytest.importorskip("torch", reason="PyTorch is not installed (pip install torch==2.13.0)")
    from safetensors.torch import load_file, save_file

    snap = make_snap(hidden=heads[0], output=heads[1], loss=heads[2])
    path = tmp_path / "n.safetensors"
    save_network(path, snap)
    namespace = {}
    exec(pytorch_snippet(snap.arch, path), namespace)  # the very snippet the export dialog shows
    model = namespace["model"]
    x = np.random.default_rng(0).standard_normal((9, 3)) * 3
    with torch.no_grad():
        got = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(got, forward(snap.arch, snap.params, x).outputs, rtol=0, atol=1e-12)
    save_file(model.state_dict(), str(tmp_path / "from_torch.safetensors"))  # no mlpviz metadata now
    given = Activations(heads[0], heads[1], heads[2])
    back = load_network(tmp_path / "from_torch.safetensors", given)
    assert back.arch == snap.arch and back.params.equals(snap.params)
    assert set(load_file(str(path))) == set(model.state_dict())


def test_foreign_file_needs_activations_and_float32_is_widened(tmp_path):
    snap = make_snap((2, 3, 1), output="sigmoid", loss="bce")
    path = tmp_path / "f.safetensors"
    path.write_bytes(save(torch_state(snap)))
    with pytest.raises(ActivationsNeeded, match="hidden and output") as info:
        load_network(path)
    assert info.value.sizes == (2, 3, 1) and info.value.layer_names == ("0", "2") and not info.value.ordered_by_shapes
    back = load_network(path, Activations("relu", "sigmoid"))
    assert back.arch == Architecture((2, 3, 1), "relu", "sigmoid", "bce")  # loss follows the output
    np.testing.assert_array_equal(back.params.weights[0], snap.params.weights[0].astype(np.float32))
    assert back.params.weights[0].dtype == np.float64
    assert load_network(path, Activations("tanh", "linear")).arch.loss == "mse"


def test_given_activations_must_agree_with_the_file(tmp_path):
    save_network(tmp_path / "n.safetensors", make_snap())
    with pytest.raises(SnapshotError, match="says hidden 'relu', which conflicts with the 'tanh' given"):
        load_network(tmp_path / "n.safetensors", Activations(hidden="tanh"))


def test_named_layers_in_numeric_order(tmp_path):
    snap = make_snap((2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1), "tanh", "sigmoid", "bce")
    names = [f"net.fc{i}" for i in range(1, 12)]  # fc10 and fc11 after fc9, not after fc1
    path = tmp_path / "f.safetensors"
    path.write_bytes(save(dict(reversed(list(torch_state(snap, names, np.float64).items())))))
    back = load_network(path, Activations("tanh", "sigmoid"))
    assert back.params.equals(snap.params) and "layer_order" not in back.extra


def test_names_that_do_not_tell_the_order_are_ordered_by_shapes_and_flagged(tmp_path):
    snap = make_snap((2, 3, 3, 3, 1), "relu", "sigmoid", "bce")
    path = tmp_path / "f.safetensors"
    path.write_bytes(save(torch_state(snap, ["fc1", "fc2", "fc3", "out"], np.float64)))
    with pytest.raises(ActivationsNeeded) as info:
        load_network(path)
    assert info.value.layer_names == ("fc1", "fc2", "fc3", "out") and info.value.ordered_by_shapes
    back = load_network(path, Activations("relu", "sigmoid"))
    assert back.params.equals(snap.params) and back.extra["layer_order"] == "fc1, fc2, fc3, out"


def test_layer_order_rules():
    assert order_layers("p", {"2": (3, 1), "0": (2, 3)}) == (["0", "2"], False)
    assert order_layers("p", {"out": (3, 1), "hidden": (2, 3)}) == (["hidden", "out"], True)
    with pytest.raises(SnapshotError, match="several orders fit"):
        order_layers("p", {"a": (3, 3), "b": (3, 3)})
    with pytest.raises(SnapshotError, match="no order of them connects"):
        order_layers("p", {"a": (2, 3), "b": (4, 1)})
    many = {f"h{i}": (8, 8) for i in range(9)} | {"inp": (2, 8), "out": (8, 1)}
    assert order_layers("p", many) == (["inp"] + [f"h{i}" for i in range(9)] + ["out"], True)


# --- hostile and unsupported files ------------------------------------------------------


def header_file(header: dict, body: bytes = b"") -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + body


GOOD = save(torch_state(make_snap((2, 3, 1), output="sigmoid", loss="bce")))

HOSTILE = {
    "too short": (b"\x01\x02", "too short"),
    "header longer than file": (struct.pack("<Q", 10**6) + b"{}", "truncated"),
    "header claims terabytes": (struct.pack("<Q", 2**62) + b"{}", "truncated"),
    "header not json": (struct.pack("<Q", 4) + b"{{{{", "not JSON"),
    "header a list": (header_file([]), "not a JSON object"),
    "huge tensor": (header_file({"0.weight": {"dtype": "F64", "shape": [2**31, 2**31], "data_offsets": [0, 2**65]}}), "outside the file"),
    "absurd shape": (header_file({"0.weight": {"dtype": "F64", "shape": [2**62, 2**62], "data_offsets": [0, 8]}}), "huge shape"),
    "tensor past the end": (header_file({"0.weight": {"dtype": "F64", "shape": [1000, 1000], "data_offsets": [0, 8_000_000]}}, bytes(16)), "outside the file"),
    "size mismatch": (header_file({"0.weight": {"dtype": "F64", "shape": [3, 2], "data_offsets": [0, 8]}}, bytes(8)), "holds 8 bytes"),
    "overlap": (header_file({"0.weight": {"dtype": "F64", "shape": [1, 1], "data_offsets": [0, 8]},
                             "0.bias": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]}}, bytes(8)), "overlap"),
    "int dtype": (save({"0.weight": np.zeros((3, 2), np.int64), "0.bias": np.zeros(3, np.int64)}), "dtype I64"),
    "8-bit float": (header_file({"0.weight": {"dtype": "F8_E4M3", "shape": [1], "data_offsets": [0, 1]}}, bytes(1)),
                    "dtype F8_E4M3; mlpviz reads F64, F32, F16 or BF16"),
    "made-up dtype": (header_file({"0.weight": {"dtype": "Q9", "shape": [1], "data_offsets": [0, 8]}}, bytes(8)), "unknown dtype"),
    "bad entry": (header_file({"0.weight": {"dtype": "F64", "shape": "big"}}), "damaged header entry"),
    "batch norm": (save({"0.weight": np.zeros((3, 2)), "0.bias": np.zeros(3), "1.running_mean": np.zeros(3)}), "'1.running_mean' is not"),
    "no bias": (save({"0.weight": np.zeros((3, 2))}), "no bias"),
    "bias only": (save({"0.bias": np.zeros(3)}), "no weight"),
    "conv weight": (save({"0.weight": np.zeros((3, 2, 3, 3)), "0.bias": np.zeros(3)}), "expected 2 dimension"),
    "layers do not chain": (save({"0.weight": np.zeros((3, 2)), "0.bias": np.zeros(3), "2.weight": np.zeros((1, 4)),
                                  "2.bias": np.zeros(1)}), "has 3 outputs but the next layer '2' takes 4"),
    "bias wrong length": (save({"0.weight": np.zeros((3, 2)), "0.bias": np.zeros(4)}), "bias of shape"),
    "nan": (save({"0.weight": np.full((3, 2), np.nan), "0.bias": np.zeros(3)}), "NaN or infinite"),
    "too wide": (save({"0.weight": np.zeros((5000, 1), np.float32), "0.bias": np.zeros(5000, np.float32)}), "over the limit"),
    "truncated": (GOOD[:-5], "outside the file"),
    "bad metadata": (save({"0.weight": np.zeros((3, 2)), "0.bias": np.zeros(3)}, metadata={"mlpviz": "{nope"}), "not valid JSON"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused(tmp_path, case):
    content, message = HOSTILE[case]
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    with pytest.raises(SnapshotError, match=message) as info:
        load_network(path, Activations("relu", "sigmoid"))
    assert str(path) in str(info.value)


def test_float16_and_bfloat16_weights_are_widened_exactly_with_a_note(tmp_path):
    w = np.array([[1.5, -2.25], [0.099975586, 3.0], [-0.5, 1e-3]], np.float16)
    path = tmp_path / "half.safetensors"
    path.write_bytes(save({"0.weight": w, "0.bias": np.array([0.25, -1.0, 2.0], np.float16)}))
    snap = load_network(path, Activations("relu", "linear"))
    np.testing.assert_array_equal(snap.params.weights[0], w.T.astype(np.float64))
    assert snap.extra["widened"].startswith("the file's float16 weights were widened to float64")
    as_f32 = np.array([[1.5, -2.25], [0.1015625, 3.0]], np.float32)  # values bfloat16 holds exactly
    bf16 = (as_f32.view(np.uint32) >> 16).astype("<u2").tobytes()
    bias = (np.array([0.5, -4.0], np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
    path = tmp_path / "bf16.safetensors"
    path.write_bytes(header_file({"0.weight": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [0, 8]},
                                  "0.bias": {"dtype": "BF16", "shape": [2], "data_offsets": [8, 12]}}, bf16 + bias))
    snap = load_network(path, Activations("relu", "linear"))
    np.testing.assert_array_equal(snap.params.weights[0], as_f32.T.astype(np.float64))
    np.testing.assert_array_equal(snap.params.biases[0], [0.5, -4.0])
    assert "bfloat16" in snap.extra["widened"]


def test_an_autoencoder_whose_shapes_fit_two_orders_takes_the_order_given():
    import pathlib

    path = pathlib.Path(__file__).parent / "cases" / "torch_autoencoder.safetensors"
    with pytest.raises(SnapshotError, match="several orders fit their shapes; give the order, e.g. "
                                            "--layer-order decoder,encoder"):
        load_network(path, Activations("relu", "linear"))
    snap = load_network(path, Activations("relu", "linear", layer_order=("encoder", "decoder")))
    assert snap.arch.sizes == (4, 8, 2, 8, 4)
    listed = load_network(path, Activations("relu", "linear", layer_order=("decoder.0", "decoder.2", "encoder")))
    assert listed.arch.sizes == (2, 8, 4, 8, 2)
    with pytest.raises(SnapshotError, match="the layer order given leaves out decoder.0, decoder.2"):
        load_network(path, Activations("relu", "linear", layer_order=("encoder",)))
    with pytest.raises(SnapshotError, match="the layer order given names 'middle', which is no layer"):
        load_network(path, Activations("relu", "linear", layer_order=("middle", "encoder", "decoder")))
