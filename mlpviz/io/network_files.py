"""One entry point for every network file mlpviz reads or writes, picked by suffix (or content when the suffix says nothing).

mlpviz snapshots (``.npz``, ``.json``), safetensors, Keras (``.keras``, ``.h5``) and ONNX
are read; snapshots, safetensors and ONNX are written. Pickles (``.pt``, ``.pth``) are
never opened: the refusal shows how to turn one into safetensors.
"""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

from mlpviz.engine.errors import SnapshotError
from mlpviz.i18n import msg

from .extras import EXTRA_OF, install_command
from .foreign_network import Activations
from .keras_format import HDF5_MAGIC, load_keras
from .limits import MAX_SNAPSHOT_BYTES, file_size
from .onnx_format import load_onnx, save_onnx
from .safetensors_format import load_safetensors, save_safetensors
from .snapshot import Snapshot, save_snapshot
from .snapshot_read import load_snapshot

READ_SUFFIXES = (".npz", ".json", ".safetensors", ".keras", ".h5", ".hdf5", ".onnx")
WRITE_SUFFIXES = (".npz", ".json", ".csv", ".safetensors", ".onnx")
PICKLE_SUFFIXES = (".pt", ".pth", ".pkl", ".pickle")
NEEDS = {".keras": "h5py", ".h5": "h5py", ".hdf5": "h5py", ".onnx": "onnx"}


def load_network(path, activations: Activations | None = None) -> Snapshot:
    """Read and fully check any network file mlpviz knows; anything wrong raises SnapshotError naming the file.

    ``activations`` fills in what a foreign file does not say (safetensors from PyTorch);
    without them such a file raises ``ActivationsNeeded``.
    """
    kind = file_kind(path)
    if kind == "pickle":
        raise SnapshotError(pickle_refusal(path))
    if kind == "safetensors":
        return load_safetensors(path, activations)
    if kind == "keras":
        return load_keras(path, activations)
    if kind == "onnx":
        return load_onnx(path, activations)
    snap = load_snapshot(path)
    if activations is not None:
        for key, value in activations.given().items():
            has = getattr(snap.arch, "loss" if key == "loss" else f"{key}_activation")
            if value != has:
                raise SnapshotError(msg("{path}: the snapshot says {key} {has}, which conflicts with the {value} given", path=path, key=key, has=repr(has), value=repr(value)))
    return snap


def save_network(path, snap: Snapshot, exclusive: bool = False) -> None:
    """Write ``snap`` atomically; the suffix picks the format (``WRITE_SUFFIXES``).

    ``exclusive`` (mlpviz's own formats): never replace an existing file; FileExistsError if taken.
    """
    suffix = Path(path).suffix.lower()
    if exclusive and suffix not in (".npz", ".json", ".csv"):
        raise SnapshotError(msg("{path}: only .npz, .json and .csv snapshots are written exclusively", path=path))
    if not snap.params.is_finite():
        raise SnapshotError(msg("{path}: the parameters contain NaN or infinite values; nothing was written", path=path))
    if suffix == ".safetensors":
        save_safetensors(path, snap)
    elif suffix == ".onnx":
        save_onnx(path, snap)
    elif suffix in (".npz", ".json", ".csv"):
        save_snapshot(path, snap, exclusive)
    elif suffix in READ_SUFFIXES:
        raise SnapshotError(msg("{path}: {suffix} files are read, not written, by mlpviz; write one of {items} (.safetensors and .onnx for PyTorch and ONNX tools)", path=path, suffix=suffix, items=', '.join(WRITE_SUFFIXES)))
    else:
        raise SnapshotError(msg("{path}: unknown file type {value}; use {items}", path=path, value=repr(suffix or '(no suffix)'), items=', '.join(WRITE_SUFFIXES)))


def dropped_on_save(path, snap: Snapshot) -> str:
    """What writing ``snap`` to ``path`` leaves out that a continued run needs, as a sentence ('' if nothing).

    Only mlpviz's own ``.npz``/``.json`` keep the optimizer's state (momentum's velocity, Adam's m and
    v, ...); from a framework file a run goes on with the optimizer at rest, so it is not the same run.
    """
    state = snap.state
    if state is None or not state.names or Path(path).suffix.lower() in (".npz", ".json"):
        return ""
    return (f"{Path(path).name} does not keep the {state.optimizer} optimizer's state ({', '.join(state.names)}): "
            "a run continued "
            "from it starts at rest and differs from this one; export .npz or .json to continue exactly")


def file_kind(path) -> str:
    """``snapshot``, ``safetensors``, ``keras``, ``onnx`` or ``pickle``: by suffix, else by the first bytes."""
    suffix = Path(path).suffix.lower()
    by_suffix = {".safetensors": "safetensors", ".keras": "keras", ".h5": "keras", ".hdf5": "keras", ".onnx": "onnx"}
    if suffix in PICKLE_SUFFIXES:
        return "pickle"
    if suffix in by_suffix:
        return by_suffix[suffix]
    if suffix in (".npz", ".json", ".csv"):
        return "snapshot"
    return _sniff(path)


def _sniff(path) -> str:
    file_size(path, SnapshotError, MAX_SNAPSHOT_BYTES, "file")
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise SnapshotError(msg("{path}: cannot read the file: {value}", path=path, value=exc.strerror or exc)) from None
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        return "pickle"
    if head.startswith(HDF5_MAGIC):
        return "keras"
    if len(head) >= 9 and struct.unpack("<Q", head[:8])[0] < MAX_SNAPSHOT_BYTES and head[8:9] == b"{":
        return "safetensors"
    return "snapshot"


def pickle_refusal(path) -> str:
    """Why a ``.pt``/``.pth`` file is refused, and the two lines of PyTorch that convert it."""
    target = Path(path).with_suffix(".safetensors")
    return (
        f"{path}: mlpviz never opens pickled files (.pt, .pth): loading one can run any code. "
        "If it holds a state dict, convert it to safetensors with PyTorch:\n"
        "    import torch, safetensors.torch\n"
        f"    safetensors.torch.save_file(torch.load({str(path)!r}, weights_only=True), {str(target)!r})\n"
        f"then open {target.name}."
    )


def missing_extra(suffix: str) -> str | None:
    """The command that installs what reading or writing ``suffix`` needs (``install_command``), None if installed."""
    module = NEEDS.get(suffix.lower())
    if module is None or importlib.util.find_spec(module) is not None:
        return None
    return install_command(EXTRA_OF[module])
