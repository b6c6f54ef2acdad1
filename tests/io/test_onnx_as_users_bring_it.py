"""ONNX files as PyTorch 2.13 and skl2onnx write them: weights beside the graph, label and probability outputs, logits."""

from __future__ import annotations

import os
import pathlib
import shutil

import numpy as np
import pytest

from mlpviz.engine import SnapshotError, forward
from mlpviz.io import load_network
from mlpviz.io.foreign_network import logits_choice, logits_refusal

onnx = pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
CASES = pathlib.Path(__file__).parent / "cases"


def runtime_outputs(path, x):
    ort = pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (pip install 'mlpviz[onnx]')")
    session = ort.InferenceSession(str(path))
    return session.run(None, {session.get_inputs()[0].name: x.astype(np.float32)})


def test_pytorchs_default_export_reads_its_weights_from_the_data_file_beside_it():
    snap = load_network(CASES / "torch_default_export.onnx")
    assert snap.arch.sizes == (64, 32, 10) and snap.arch.hidden_activation == "relu"
    x = np.random.default_rng(0).normal(size=(2, 64))
    (expected,) = runtime_outputs(CASES / "torch_default_export.onnx", x)
    np.testing.assert_allclose(forward(snap.arch, snap.params, x).outputs, expected, atol=1e-5)


def _with_location(tmp_path, location: str) -> pathlib.Path:
    model = onnx.load(str(CASES / "torch_default_export.onnx"), load_external_data=False)
    for tensor in model.graph.initializer:
        for entry in tensor.external_data:
            if entry.key == "location":
                entry.value = location
    path = tmp_path / "model.onnx"
    path.write_bytes(model.SerializeToString())
    return path


@pytest.mark.parametrize("location,why", [
    ("../outside.data", "named without a folder"),
    ("sub/model.data", "named without a folder"),
    ("/etc/passwd", "named without a folder"),
    ("..", "named without a folder"),
    ("missing.data", "there is no such file beside the model"),
])
def test_external_data_that_leaves_the_folder_or_is_missing_is_refused_and_named(tmp_path, location, why):
    path = _with_location(tmp_path, location)
    with pytest.raises(SnapshotError, match=why) as info:
        load_network(path)
    assert repr(location) in str(info.value)


def test_an_external_data_file_that_is_a_link_or_too_short_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(CASES / "torch_default_export.onnx.data", outside / "real.data")
    path = _with_location(tmp_path, "linked.data")
    os.symlink(outside / "real.data", tmp_path / "linked.data")
    with pytest.raises(SnapshotError, match="the data file is a link"):
        load_network(path)
    path = _with_location(tmp_path, "short.data")
    (tmp_path / "short.data").write_bytes(b"\0" * 100)
    with pytest.raises(SnapshotError, match="do not hold the 2,048 numbers of the tensor"):
        load_network(path)


def test_scikit_learns_mlpclassifier_reads_past_its_cast_to_its_probabilities():
    snap = load_network(CASES / "sklearn_mlpclassifier.onnx")
    assert snap.arch.sizes == (4, 5, 3)
    assert (snap.arch.hidden_activation, snap.arch.output_activation, snap.arch.loss) == ("tanh", "softmax", "ce")
    x = np.loadtxt(CASES / "iris_standardized.csv", delimiter=",", skiprows=1)[:, :4]
    labels, probabilities = runtime_outputs(CASES / "sklearn_mlpclassifier.onnx", x)
    ours = forward(snap.arch, snap.params, x).outputs
    np.testing.assert_allclose(ours, [[row[k] for k in sorted(row)] for row in probabilities], atol=1e-5)
    np.testing.assert_array_equal(ours.argmax(axis=1), labels)


def test_a_classifier_saved_as_logits_offers_softmax_with_ce():
    snap = load_network(CASES / "torch_logits_classifier.onnx")
    assert snap.arch.output_activation == "linear" and snap.extra["last_layer"] == "logits"
    needed = logits_choice(snap)
    assert needed.suggested.output == "softmax" and needed.suggested.loss == "ce"
    assert "--output softmax --loss ce" in logits_refusal(snap, 3) and logits_refusal(snap, 0) == ""
    from mlpviz.io import Activations

    given = load_network(CASES / "torch_logits_classifier.onnx", Activations(output="softmax", loss="ce"))
    assert given.arch.output_activation == "softmax" and logits_choice(given) is None
    np.testing.assert_array_equal(given.params.flat, snap.params.flat)
    mlpviz_made = load_network(CASES / "sklearn_mlpclassifier.onnx")
    assert logits_choice(mlpviz_made) is None
