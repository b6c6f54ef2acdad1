"""Keras files written with h5py in Keras's own layouts open with the right shapes and activations."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from mlpviz.engine import Architecture, SnapshotError, forward, init_params
from mlpviz.io import Activations, ActivationsNeeded, load_network, zip_members

h5py = pytest.importorskip("h5py", reason="h5py is not installed (pip install 'mlpviz[keras]')")

ARCH = Architecture((4, 6, 5, 3), "tanh", "softmax", "ce")
PARAMS = init_params(ARCH, "normal", 2)
NAMES = ["dense", "dense_1", "dense_2"]


def dense(name, units, activation, **extra):
    return {"class_name": "Dense", "config": {"name": name, "units": units, "activation": activation, "use_bias": True, **extra}}


def config(layers, loss="categorical_crossentropy"):
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers},
            "compile_config": {"optimizer": "sgd", "loss": loss}}


# Keras 3 names layers by a global counter (a second model's first layer is dense_3) but
# files their weights by class and position: layers/dense, layers/dense_1, …
LAYERS = [{"class_name": "InputLayer", "config": {"batch_shape": [None, 4]}},
          dense("dense_3", 6, "tanh"), dense("dense_4", 5, {"class_name": "function", "config": "tanh"}),
          dense("dense_5", 3, "softmax")]


def keras3_weights(names=NAMES, dtype=np.float32) -> bytes:
    """``model.weights.h5`` of Keras 3: ``layers/<name>/vars/0`` (kernel) and ``1`` (bias)."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        f.create_group("vars")
        f.create_group("optimizer/vars").create_dataset("0", data=np.zeros(()))
        for name, w, b in zip(names, PARAMS.weights, PARAMS.biases):
            group = f.create_group(f"layers/{name}/vars")
            group.create_dataset("0", data=w.astype(dtype))
            group.create_dataset("1", data=b.astype(dtype))
    return buf.getvalue()


def keras_archive(cfg, weights: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("metadata.json", json.dumps({"keras_version": "3.9.0"}))
        zf.writestr("config.json", json.dumps(cfg))
        zf.writestr("model.weights.h5", weights)
    return buf.getvalue()


def legacy_h5(path, cfg=None, training=None, layer_names=None):
    """A Keras 2 ``model.save('x.h5')`` (with config) or ``save_weights`` (``layer_names`` only)."""
    with h5py.File(path, "w") as f:
        root = f.create_group("model_weights") if cfg is not None else f
        if cfg is not None:
            f.attrs["model_config"] = json.dumps(cfg)
        if training is not None:
            f.attrs["training_config"] = json.dumps(training)
        if layer_names is not None:
            root.attrs["layer_names"] = [n.encode() for n in layer_names]
        for name, w, b in zip(NAMES, PARAMS.weights, PARAMS.biases):
            group = root.create_group(f"{name}/{name}")
            group.create_dataset("kernel:0", data=w.astype(np.float32))
            group.create_dataset("bias:0", data=b.astype(np.float32))
        root.create_group("dropout")  # a layer without weights


def check_network(snap, arch=ARCH):
    assert snap.arch == arch
    assert [w.shape for w in snap.params.weights] == [(4, 6), (6, 5), (5, 3)]
    for got, want in zip(snap.params.weights + snap.params.biases, PARAMS.weights + PARAMS.biases):
        np.testing.assert_array_equal(got, want.astype(np.float32))


def test_keras_archive_opens_with_shapes_and_activations(tmp_path):
    path = tmp_path / "model.keras"
    path.write_bytes(keras_archive(config(LAYERS), keras3_weights()))
    snap = load_network(path)
    check_network(snap)
    assert snap.extra["source"] == "keras"


def test_legacy_h5_with_config_and_training_config(tmp_path):
    layers = [dense("dense", 6, "linear"), {"class_name": "Activation", "config": {"name": "a", "activation": "tanh"}},
              dense("dense_1", 5, "tanh"), dense("dense_2", 3, "linear"),
              {"class_name": "Softmax", "config": {"name": "s", "axis": -1}}]
    legacy_h5(tmp_path / "m.h5", {"class_name": "Sequential", "config": {"layers": layers}},
              training={"loss": "categorical_crossentropy"})
    check_network(load_network(tmp_path / "m.h5"))


def test_weights_only_files_need_activations(tmp_path):
    legacy_h5(tmp_path / "w.h5", layer_names=["dense", "dense_1", "dense_2"])
    with pytest.raises(ActivationsNeeded) as info:
        load_network(tmp_path / "w.h5")
    assert info.value.sizes == (4, 6, 5, 3) and not info.value.ordered_by_shapes
    check_network(load_network(tmp_path / "w.h5", Activations("tanh", "softmax")))
    (tmp_path / "w3.weights.h5").write_bytes(keras3_weights(dtype=np.float64))  # Keras 3 save_weights
    snap = load_network(tmp_path / "w3.weights.h5", Activations("tanh", "softmax", "ce"))
    assert snap.params.equals(PARAMS)  # dense before dense_1, float64 kept exactly


def test_loss_from_compile_config_or_from_the_output(tmp_path):
    layers = [dense("dense", 6, "relu"), dense("dense_1", 5, "relu"), dense("dense_2", 3, "sigmoid")]
    for loss, want in (("mse", "mse"), ({"class_name": "BinaryCrossentropy", "config": {}}, "bce"), (None, "bce")):
        (tmp_path / "m.keras").write_bytes(keras_archive(config(layers, loss), keras3_weights()))
        assert load_network(tmp_path / "m.keras").arch.loss == want


REFUSED = {
    "conv layer": ([{"class_name": "Conv2D", "config": {"name": "conv"}}] + LAYERS[1:], "'conv' \\(Conv2D\\) is not supported"),
    "unknown activation": ([dense("dense", 6, "gelu")] + LAYERS[2:], "'gelu'"),
    "keras leaky relu": ([dense("dense", 6, "leaky_relu")] + LAYERS[2:], "slope 0.2"),
    "mixed hidden": ([dense("dense", 6, "relu")] + LAYERS[2:], "relu, tanh"),
    "two activations": (LAYERS[:2] + [{"class_name": "ReLU", "config": {"name": "r"}}] + LAYERS[2:], "already is one"),
    "no bias": ([dense("dense", 6, "tanh", use_bias=False)] + LAYERS[2:], "no bias"),
    "missing weights": (LAYERS + [dense("dense_9", 3, "softmax")], "'dense_3' but the file holds no weights"),
    "weights of no layer": (LAYERS[:-1], "'dense_2', which is not a Dense layer"),
    "no layers": (None, "no list of layers"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_unsupported_models_are_refused_naming_the_layer(tmp_path, case):
    layers, message = REFUSED[case]
    cfg = config(layers) if layers is not None else {"class_name": "Sequential", "config": {}}
    path = tmp_path / "m.keras"
    path.write_bytes(keras_archive(cfg, keras3_weights()))
    with pytest.raises(SnapshotError, match=message) as info:
        load_network(path)
    assert str(path) in str(info.value)


def test_hostile_keras_files_are_refused(tmp_path, monkeypatch):
    cases = {
        "not.keras": (b"PK\x03\x04 not really a zip", "damaged Keras archive"),
        "nothing.keras": (_zip({"config.json": b"{}"}), "no model.weights.h5"),
        "garbage.h5": (b"\x89HDF\r\n\x1a\n" + bytes(100), "damaged HDF5"),
        "text.h5": (b"hello", "neither a .keras zip nor HDF5"),
        "badjson.keras": (_zip({"config.json": b"{nope", "model.weights.h5": keras3_weights()}), "not valid JSON"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(SnapshotError, match=message):
            load_network(tmp_path / name)
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        f.create_dataset("layers/dense/vars/0", data=np.zeros((4, 6), np.int32))
        f.create_dataset("layers/dense/vars/1", data=np.zeros(6, np.int32))
    (tmp_path / "int.h5").write_bytes(buf.getvalue())
    with pytest.raises(SnapshotError, match="int32"):
        load_network(tmp_path / "int.h5", Activations("relu", "linear"))
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:  # declared 5000 x 5000: refused before a byte is read
        f.create_dataset("layers/dense/vars/0", shape=(5000, 5000), dtype="f8")
        f.create_dataset("layers/dense/vars/1", shape=(5000,), dtype="f8")
    (tmp_path / "wide.h5").write_bytes(buf.getvalue())
    with pytest.raises(SnapshotError, match="over the limit"):
        load_network(tmp_path / "wide.h5", Activations("relu", "linear"))


def test_keras_zip_bomb_is_refused_from_the_directory(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_members, "MAX_NPZ_TOTAL_BYTES", 50_000)
    path = tmp_path / "bomb.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("config.json", json.dumps(config(LAYERS)))
        zf.writestr("model.weights.h5", bytes(100_000))
    assert path.stat().st_size < 5_000
    with pytest.raises(SnapshotError, match="zip bomb"):
        load_network(path)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::UserWarning")  # Keras's and PyTorch's own notices
def test_files_keras_itself_wrote(tmp_path, monkeypatch):
    """With Keras 3 installed (on PyTorch's backend): .keras, .weights.h5 and legacy .h5 as Keras writes them."""
    pytest.importorskip("torch", reason="Keras is tested on PyTorch's backend, and PyTorch is not installed")
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    keras = pytest.importorskip("keras", reason="Keras is not installed (pip install keras)")
    if keras.backend.backend() != "torch":
        pytest.skip("Keras was already imported with another backend")
    keras.Sequential([keras.Input((2,)), keras.layers.Dense(3)])  # takes the names dense…, so the next model's differ
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6), keras.layers.LeakyReLU(negative_slope=0.01),
                              keras.layers.Dense(5),
                              keras.layers.LeakyReLU(negative_slope=0.01), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    x = np.random.default_rng(3).standard_normal((7, 4))
    want = model.predict(x, verbose=0)
    model.save(tmp_path / "m.keras")
    model.save(tmp_path / "m.h5")
    model.save_weights(tmp_path / "m.weights.h5")
    arch = Architecture((4, 6, 5, 3), "leaky_relu", "softmax", "ce")
    for name, given in (("m.keras", None), ("m.h5", None), ("m.weights.h5", Activations("leaky_relu", "softmax"))):
        snap = load_network(tmp_path / name, given)
        assert snap.arch == arch, name
        np.testing.assert_allclose(forward(arch, snap.params, x).outputs, want, rtol=0, atol=1e-6)  # Keras ran float32
