"""``mlpviz convert`` and the foreign formats in ``inspect`` and ``train --init-from``: one line and status 2 on bad input."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from safetensors.numpy import save

from mlpviz.cli.main import main
from mlpviz.engine import Architecture, init_params
from mlpviz.io import Snapshot, load_network, save_network

ARCH = Architecture((2, 4, 3), "tanh", "softmax", "ce")
SNAP = Snapshot(ARCH, init_params(ARCH, "normal", 5), step=9, created="2024-01-01T00:00:00+00:00")


def torch_file(path) -> None:
    """A safetensors file as PyTorch writes it: float32, (out, in), no activations."""
    path.write_bytes(save({f"{k}.{p}": np.ascontiguousarray((w.T if p == "weight" else b), np.float32)
                           for k, w, b in zip(("fc1", "fc2"), SNAP.params.weights, SNAP.params.biases)
                           for p in ("weight", "bias")}))


def test_convert_between_every_written_format(tmp_path, capsys):
    pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    save_network(tmp_path / "a.npz", SNAP)
    chain = ["a.npz", "b.safetensors", "c.onnx", "d.json", "e.npz"]
    for src, dst in zip(chain, chain[1:]):
        assert main(["convert", str(tmp_path / src), str(tmp_path / dst)]) == 0
    printed = capsys.readouterr().out
    assert "wrote" in printed and "model.load_state_dict(load_file(" in printed and "nn.Linear(2, 4)" in printed
    back = load_network(tmp_path / "e.npz")
    assert back.arch == ARCH and back.params.equals(SNAP.params) and back.step == 9
    assert main(["inspect", str(tmp_path / "e.npz")]) == 0  # named by what it is, not where it came from
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'e.npz'}: mlpviz snapshot, version 1\n")
    assert main(["inspect", str(tmp_path / "c.onnx")]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'c.onnx'}: ONNX model\n")


def test_activations_come_from_the_flags_when_the_file_has_none(tmp_path, capsys):
    torch_file(tmp_path / "t.safetensors")
    assert main(["convert", str(tmp_path / "t.safetensors"), str(tmp_path / "t.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("mlpviz convert: ") and "--hidden and --output" in err
    assert main(["convert", str(tmp_path / "t.safetensors"), str(tmp_path / "t.json"),
                 "--hidden", "tanh", "--output", "softmax"]) == 0
    assert load_network(tmp_path / "t.json").arch == ARCH
    capsys.readouterr()
    assert main(["inspect", str(tmp_path / "t.safetensors"), "--hidden", "tanh", "--output", "softmax"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"{tmp_path / 't.safetensors'}: safetensors file\nnetwork    2-4-3")
    assert "activation hidden tanh, output softmax; loss ce" in printed


def test_train_starts_from_a_foreign_file(tmp_path, capsys):
    torch_file(tmp_path / "t.safetensors")
    out = tmp_path / "trained.safetensors"
    args = ["train", "--init-from", str(tmp_path / "t.safetensors"), "--dataset", "blobs", "--steps", "3", "--quiet"]
    assert main(args + ["--export", str(out)]) == 2
    assert "--hidden and --output" in capsys.readouterr().err
    assert main(args + ["--hidden", "tanh", "--output", "softmax", "--export", str(out)]) == 0
    trained = load_network(out)
    assert trained.arch == ARCH and trained.step == 3
    again = ["train", "--init-from", str(out), "--dataset", "blobs", "--hidden", "relu", "--export", str(tmp_path / "x.npz")]
    assert main(again) == 2
    assert "says hidden 'tanh', which conflicts with the 'relu' given" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["inspect", "convert"])
def test_bad_files_give_one_message_and_status_2(tmp_path, capsys, command):
    (tmp_path / "junk.safetensors").write_bytes(b"\xff" * 40)
    extra = [str(tmp_path / "out.npz")] if command == "convert" else []
    assert main([command, str(tmp_path / "junk.safetensors")] + extra) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlpviz {command}: {tmp_path / 'junk.safetensors'}: ") and len(err.splitlines()) == 1
    (tmp_path / "net.pt").write_bytes(pickle.dumps({"w": 1}))
    assert main([command, str(tmp_path / "net.pt")] + extra) == 2
    err = capsys.readouterr().err
    assert "never opens pickled files" in err and "safetensors.torch.save_file(torch.load(" in err
    assert not (tmp_path / "out.npz").exists()
