"""Snapshots keep the optimizer's whole state (names, step count, vectors) bit for bit, and check it."""

import io
import json
import zipfile

import numpy as np
import pytest

from mlpviz.engine import Architecture, SnapshotError, init_params, train_step
from mlpviz.engine.optimizers import OPTIMIZERS, make_optimizer
from mlpviz.io import Snapshot, dropped_on_save, load_snapshot, save_snapshot
from mlpviz.io.snapshot import npz_bytes

ARCH = Architecture((2, 3, 1), "tanh", "sigmoid", "bce")
X, Y = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [[1.0], [1.0], [0.0]]


def trained(name: str, settings: dict | None = None) -> Snapshot:
    settings = {"momentum": 0.5, **(settings or {})}
    optimizer = make_optimizer(name, settings)
    params, state = init_params(ARCH), None
    for _ in range(4):
        record = train_step(ARCH, params, X, Y, 0.1, optimizer=optimizer, state=state)
        params, state = record.params_after, record.state_after
    return Snapshot(ARCH, params, step=4, extra={"optimizer": name, **settings}, state=state)


@pytest.mark.parametrize("suffix", [".npz", ".json"])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_state_comes_back_bit_for_bit(tmp_path, name, suffix):
    snap = trained(name)
    save_snapshot(tmp_path / f"s{suffix}", snap)
    back = load_snapshot(tmp_path / f"s{suffix}")
    assert back.equals(snap) and back.state.count == 4 and back.state.names == snap.state.names
    assert all(a.tobytes() == b.tobytes() for a, b in zip(back.state.arrays, snap.state.arrays))


def test_a_velocity_written_by_an_older_mlpviz_is_read_as_momentum_sgd(tmp_path):
    snap = trained("sgd")
    v = snap.velocity
    arrays = {"meta": np.array(json.dumps({**snap.meta(), "momentum": 0.5}))}
    for l, (w, b) in enumerate(zip(snap.params.weights, snap.params.biases)):
        arrays |= {f"W{l}": w, f"b{l}": b, f"v{l}": v.weights[l], f"vb{l}": v.biases[l]}
    np.savez(tmp_path / "old.npz", **arrays)
    back = load_snapshot(tmp_path / "old.npz")
    assert back.state.optimizer == "sgd" and back.state.names == ("velocity",)
    assert back.velocity.equals(v)


def _rewritten(tmp_path, snap, change) -> str:
    path = tmp_path / "bad.json"
    save_snapshot(path, snap)
    obj = json.loads(path.read_text())
    change(obj)
    path.write_text(json.dumps(obj))
    return str(path)


@pytest.mark.parametrize("change, message", [
    (lambda o: o["optimizer_state"].update(optimizer="lion"), "unknown optimizer 'lion'"),
    (lambda o: o["optimizer_state"].update(names=["m"]), "a adam state with these settings holds m, v, not m"),
    (lambda o: o["optimizer_state"].update(count=-1), "'count' must be a whole number"),
    (lambda o: o["optimizer_state"]["arrays"].update(v=[1.0] * 3), "v must be 13 numbers"),
    (lambda o: o["optimizer_state"]["arrays"].pop("v"), "must hold exactly m, v"),
    (lambda o: o["optimizer_state"]["arrays"]["m"].__setitem__(0, 1e400), "finite"),
])
def test_a_tampered_state_is_refused_naming_the_file(tmp_path, change, message):
    with pytest.raises(SnapshotError, match="bad.json") as info:
        load_snapshot(_rewritten(tmp_path, trained("adam"), change))
    assert message in str(info.value)


def test_an_npz_state_must_be_the_vectors_its_description_names(tmp_path):
    data = npz_bytes(trained("adagrad"))
    members = dict(np.load(io.BytesIO(data)))
    members["state_extra"] = members["state_sum"]
    np.savez(tmp_path / "more.npz", **members)
    with pytest.raises(SnapshotError, match="unknown array"):
        load_snapshot(tmp_path / "more.npz")
    del members["state_extra"], members["state_sum"]
    np.savez(tmp_path / "less.npz", **members)
    with pytest.raises(SnapshotError, match="missing state_sum"):
        load_snapshot(tmp_path / "less.npz")
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_framework_exports_say_the_state_is_not_kept(tmp_path):
    snap = trained("adam")
    note = dropped_on_save(tmp_path / "net.safetensors", snap)
    assert "does not keep the adam optimizer's state (m, v)" in note and "export .npz or .json" in note
    assert "(m, v)" in dropped_on_save(tmp_path / "net.onnx", snap)
    assert dropped_on_save(tmp_path / "net.npz", snap) == ""
    plain = trained("sgd", {"momentum": 0.0})
    assert dropped_on_save(tmp_path / "net.onnx", plain) == ""  # plain SGD keeps nothing a run needs
