"""Property tests: mutated safetensors, ONNX and Keras files either load as a checked network or raise MlpvizError."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from mlpviz.engine import Architecture, MlpvizError, init_params
from mlpviz.io import Activations, Snapshot, load_network
from mlpviz.io.onnx_format import onnx_bytes
from mlpviz.io.safetensors_format import safetensors_bytes

from .test_loader_fuzz import mutated

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ARCH = Architecture((2, 3, 2), "tanh", "softmax", "ce")
SNAP = Snapshot(ARCH, init_params(ARCH), created="2024-01-01T00:00:00+00:00")
GIVEN = Activations("relu", "sigmoid")


def loads_or_refuses(path, data: bytes, activations=None):
    path.write_bytes(data)
    try:
        snap = load_network(path, activations)
    except MlpvizError:
        return
    assert snap.params.is_finite() and snap.params.flat.dtype == np.float64


@FUZZ
@given(data=mutated(safetensors_bytes(SNAP)))
def test_mutated_safetensors(tmp_path, data):
    loads_or_refuses(tmp_path / "m.safetensors", data, GIVEN)


try:
    ONNX = onnx_bytes(SNAP)
except MlpvizError:  # onnx is not installed
    ONNX = None


@pytest.mark.skipif(ONNX is None, reason="onnx is not installed (pip install 'mlpviz[onnx]')")
@FUZZ
@given(data=mutated(ONNX or b"-"))
def test_mutated_onnx(tmp_path, data):
    loads_or_refuses(tmp_path / "m.onnx", data, Activations(loss="ce"))


def _keras_bytes():
    try:
        import h5py
    except ImportError:
        return None
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        for l, (w, b) in enumerate(zip(SNAP.params.weights, SNAP.params.biases)):
            name = "dense" if l == 0 else f"dense_{l}"
            f.create_dataset(f"layers/{name}/vars/0", data=w)
            f.create_dataset(f"layers/{name}/vars/1", data=b)
    layers = [{"class_name": "Dense", "config": {"name": "dense", "activation": "tanh"}},
              {"class_name": "Dense", "config": {"name": "dense_1", "activation": "softmax"}}]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("config.json", json.dumps({"class_name": "Sequential", "config": {"layers": layers}}))
        zf.writestr("model.weights.h5", buf.getvalue())
    return out.getvalue()


KERAS = _keras_bytes()


@pytest.mark.skipif(KERAS is None, reason="h5py is not installed (pip install 'mlpviz[keras]')")
@FUZZ
@given(data=mutated(KERAS or b"-"))
def test_mutated_keras(tmp_path, data):
    loads_or_refuses(tmp_path / "m.keras", data)


def test_the_unmutated_files_load(tmp_path):
    """The seeds of the fuzzing are good files, so the mutations start from something that loads."""
    (tmp_path / "s.safetensors").write_bytes(safetensors_bytes(SNAP))
    assert load_network(tmp_path / "s.safetensors").params.equals(SNAP.params)
    for name, data in (("s.onnx", ONNX), ("s.keras", KERAS)):
        if data is not None:
            (tmp_path / name).write_bytes(data)
            assert load_network(tmp_path / name).params.equals(SNAP.params)
