"""load_network / save_network: the right reader by suffix or content, pickles never opened, missing extras named."""

from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from mlpviz.engine import Architecture, SnapshotError, init_params
from mlpviz.io import Activations, Snapshot, load_network, missing_extra, network_files, save_network
from mlpviz.io.extras import install_command

SNAP = Snapshot(Architecture((2, 3, 1)), init_params(Architecture((2, 3, 1))), created="2024-01-01T00:00:00+00:00")


class Boom:
    def __reduce__(self):
        return (exec, ("raise SystemExit('unpickled!')",))


@pytest.mark.parametrize("name", ["net.pt", "net.PTH", "weights.bin"])
def test_pickles_are_refused_with_the_lines_that_convert_them(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(pickle.dumps({"0.weight": Boom()}, protocol=4))
    with pytest.raises(SnapshotError, match="never opens pickled files") as info:
        load_network(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "    import torch, safetensors.torch\n" in message
    target = str(path.with_suffix(".safetensors"))
    assert f"save_file(torch.load({str(path)!r}, weights_only=True), {target!r})" in message


@pytest.mark.parametrize("suffix", [".npz", ".json", ".safetensors", ".onnx"])
def test_every_written_format_reads_back(tmp_path, suffix):
    if suffix == ".onnx":
        pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    save_network(tmp_path / f"n{suffix}", SNAP)
    back = load_network(tmp_path / f"n{suffix}")
    assert back.arch == SNAP.arch and back.params.equals(SNAP.params)


def test_content_is_sniffed_when_the_suffix_says_nothing(tmp_path):
    save_network(tmp_path / "n.safetensors", SNAP)
    (tmp_path / "n.weights").write_bytes((tmp_path / "n.safetensors").read_bytes())
    assert load_network(tmp_path / "n.weights").params.equals(SNAP.params)
    save_network(tmp_path / "n.npz", SNAP)
    (tmp_path / "n.data").write_bytes((tmp_path / "n.npz").read_bytes())
    assert load_network(tmp_path / "n.data").params.equals(SNAP.params)


def test_snapshot_with_conflicting_activations_is_refused(tmp_path):
    save_network(tmp_path / "n.json", SNAP)
    assert load_network(tmp_path / "n.json", Activations("relu", "sigmoid", "bce")).equals(SNAP)
    with pytest.raises(SnapshotError, match="snapshot says output 'sigmoid', which conflicts with the 'linear' given"):
        load_network(tmp_path / "n.json", Activations(output="linear"))


def test_writing_refuses_unknown_suffix_and_non_finite(tmp_path):
    with pytest.raises(SnapshotError, match="n.h5: .h5 files are read, not written, by mlpviz; write one of .npz"):
        save_network(tmp_path / "n.h5", SNAP)
    bad = Snapshot(SNAP.arch, SNAP.params.with_weight(0, 0, 0, np.inf))
    with pytest.raises(SnapshotError, match="NaN or infinite"):
        save_network(tmp_path / "n.safetensors", bad)
    assert not (tmp_path / "n.safetensors").exists()


def test_missing_extras_are_named_with_the_install_line(tmp_path, monkeypatch):
    for module in ("h5py", "onnx"):
        monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    (tmp_path / "m.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(8))
    checkout = Path(__file__).resolve().parents[2]  # the tests run from a checkout: pip is given its folder
    with pytest.raises(SnapshotError) as refused:
        load_network(tmp_path / "m.h5")
    assert str(refused.value).endswith(f"needs the h5py package; install it with: {install_command('keras')}")
    with pytest.raises(SnapshotError, match=re.escape(install_command("onnx"))):
        save_network(tmp_path / "m.onnx", SNAP)
    monkeypatch.setattr(network_files.importlib.util, "find_spec", lambda name: None)
    assert missing_extra(".keras") == install_command("keras") and f"{checkout}[keras]" in install_command("keras")
    assert missing_extra(".ONNX") == install_command("onnx") and "'mlpviz[onnx]'" not in install_command("onnx")
    assert missing_extra(".safetensors") is None
