"""Opening safetensors/Keras/ONNX files in the app: the activations dialog, the PyTorch snippet after export, pickles refused."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from safetensors.numpy import save

from mlpviz.engine import Architecture, init_params
from mlpviz.io import ActivationsNeeded, load_network
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.snapshots import snapshot_actions
from mlpviz.ui.snapshots.activations_dialog import ActivationsDialog
from mlpviz.ui.snapshots.preferences import SnapshotPreferences

ARCH = Architecture((2, 5, 5, 1), "tanh", "linear", "mse")
PARAMS = init_params(ARCH, "normal", 3)


@pytest.fixture
def refusals(monkeypatch):
    calls = []
    monkeypatch.setattr(snapshot_actions, "show_refusal", lambda *args: calls.append(args))
    return calls


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.snapshots.set_preferences(SnapshotPreferences(str(tmp_path / "snaps")))
    w.session.set_animate(False)
    return w


def torch_file(path, names=("fc1", "fc2", "out")):
    path.write_bytes(save({f"{n}.{p}": np.ascontiguousarray(w.T if p == "weight" else b)
                           for n, w, b in zip(names, PARAMS.weights, PARAMS.biases) for p in ("weight", "bias")}))
    return path


def answer_dialog(monkeypatch, hidden=None, output=None, loss=None, accept=True):
    """Replace the dialog's exec: pick the given values like a user would, then OK or Cancel."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        for combo, value in ((dialog.hidden, hidden), (dialog.output, output), (dialog.loss, loss)):
            if value is not None:
                combo.setCurrentText(value)
        return QDialog.Accepted if accept else QDialog.Rejected

    monkeypatch.setattr(ActivationsDialog, "exec", exec_)
    return seen


def test_a_file_without_activations_asks_for_them_and_shows_the_layer_order(window, tmp_path, monkeypatch, refusals):
    seen = answer_dialog(monkeypatch, hidden="tanh", output="linear")
    assert window.snapshot_actions.open_snapshot(torch_file(tmp_path / "t.safetensors"))
    assert window.session.arch == ARCH and window.session.params.equals(PARAMS) and not refusals
    dialog = seen[0]
    assert dialog.loss.currentText() == "mse"  # followed the output
    assert not dialog.order_warning.isHidden()  # fc1, fc2, out: told by the shapes
    assert "fc1 → fc2 → out" in " ".join(label.text() for label in dialog.findChildren(type(dialog.order_warning)))


def test_cancelling_the_dialog_keeps_the_network(window, tmp_path, monkeypatch, refusals):
    answer_dialog(monkeypatch, accept=False)
    before = window.session.params
    assert not window.snapshot_actions.open_snapshot(torch_file(tmp_path / "t.safetensors", ("0", "2", "4")))
    assert window.session.params.equals(before) and not refusals


def test_dialog_defaults_and_a_network_without_hidden_layers(qtbot):
    needed = ActivationsNeeded("x", (3, 2), ("0",), False)
    dialog = ActivationsDialog("n.safetensors", needed)
    qtbot.addWidget(dialog)
    assert not dialog.hidden.isEnabled() and dialog.order_warning.isHidden()
    dialog.output.setCurrentText("softmax")
    assert dialog.loss.currentText() == "ce"
    assert dialog.activations().given() == {"output": "softmax", "loss": "ce"}


def test_a_network_with_several_outputs_is_offered_softmax_with_ce(window, tmp_path, monkeypatch, refusals):
    """Issue 22: a 4-8-3 network was offered sigmoid with bce (one yes/no per output), rarely what 3 outputs are."""
    arch = Architecture((4, 8, 3), "tanh", "softmax", "ce")
    params = init_params(arch, "xavier", 1)
    path = tmp_path / "iris.safetensors"
    path.write_bytes(save({f"{n}.{p}": np.ascontiguousarray(w.T if p == "weight" else b)
                           for n, w, b in zip(("fc1", "fc2"), params.weights, params.biases) for p in ("weight", "bias")}))
    import pathlib

    from ..conftest import accept_as_detected

    window.data_opener.preview = accept_as_detected
    assert window.data_opener.open(pathlib.Path(__file__).parents[2] / "io" / "cases" / "classes3.csv")
    seen = answer_dialog(monkeypatch)  # the user takes what is offered
    assert window.snapshot_actions.open_snapshot(path) and not refusals
    (dialog,) = seen
    assert (dialog.output.currentText(), dialog.loss.currentText()) == ("softmax", "ce")
    loaded = window.session.arch
    assert (loaded.sizes, loaded.output_activation, loaded.loss) == ((4, 8, 3), "softmax", "ce")
    one = ActivationsDialog("n.safetensors", ActivationsNeeded("x", (2, 4, 1), ("0", "2"), False))
    dialog.deleteLater()
    assert (one.output.currentText(), one.loss.currentText()) == ("sigmoid", "bce")  # one output: yes or no
    one.deleteLater()


def test_safetensors_export_shows_the_pytorch_snippet(window, tmp_path, monkeypatch, refusals):
    window.session.step()
    path = tmp_path / "net.safetensors"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.snapshot_actions.export_snapshot() == path
    assert load_network(path).params.equals(window.session.params)
    dialog = window.snapshot_actions.snippet_dialog
    assert dialog.isVisible()
    assert "nn.Linear(2, 3)" in dialog.snippet() and repr(str(path)) in dialog.snippet()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.snippet()


def test_dropped_pickle_is_refused_with_the_conversion(window, tmp_path, refusals):
    (tmp_path / "net.pt").write_bytes(pickle.dumps({"w": 1}))
    before = window.session.params
    window.file_drop.open([tmp_path / "net.pt"])
    assert len(refusals) == 1 and "safetensors.torch.save_file(torch.load(" in refusals[0][2]
    assert window.session.params.equals(before)


def test_dialogs_list_the_new_formats(window, monkeypatch):
    actions = window.snapshot_actions
    assert "*.safetensors" in actions.open_filter() and "*.onnx" in actions.open_filter()
    assert set(actions.export_filters()) >= {".npz", ".json", ".csv", ".safetensors", ".onnx"}
    monkeypatch.setattr(snapshot_actions, "missing_extra", lambda suffix: "pip install 'mlpviz[onnx]'")
    assert "needs pip install 'mlpviz[onnx]' (*.onnx)" in actions.export_filters()[".onnx"]


def test_a_classifier_saved_as_logits_is_offered_softmax_with_ce(window, monkeypatch):
    pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    import pathlib

    from ..conftest import accept_as_detected

    cases = pathlib.Path(__file__).parents[2] / "io" / "cases"
    window.data_opener.preview = accept_as_detected
    assert window.data_opener.open(cases / "classes3.csv")
    seen = answer_dialog(monkeypatch)  # the user takes what is offered
    assert window.snapshot_actions.open_snapshot(cases / "torch_logits_classifier.onnx")
    (dialog,) = seen
    assert dialog.logits_note.isVisibleTo(dialog) and "nn.CrossEntropyLoss" in dialog.logits_note.text()
    assert (dialog.output.currentText(), dialog.loss.currentText()) == ("softmax", "ce")
    arch = window.session.arch
    assert arch.sizes == (4, 8, 3) and (arch.output_activation, arch.loss) == ("softmax", "ce")
    window.session.step()
    assert window.session.step_count == 1


def test_an_onnx_file_without_onnx_installed_says_how_to_install_it_from_this_checkout(window, monkeypatch, refusals):
    """The tests run from a checkout: the refusal names its folder (``pip install 'mlpviz[onnx]'`` asked an index)."""
    import pathlib
    import shlex
    import sys

    checkout = pathlib.Path(__file__).resolve().parents[3]
    monkeypatch.setitem(sys.modules, "onnx", None)  # import raises ImportError
    onnx_file = pathlib.Path(__file__).parents[2] / "io" / "cases" / "sklearn_mlpclassifier.onnx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(onnx_file), ""))
    before = window.session.params
    window.document_actions.open_action.trigger()
    ((_parent, _title, text),) = refusals
    command = text.rsplit("install it with: ", 1)[1]
    assert shlex.split(command)[:2] == ["pip", "install"] and shlex.split(command)[-1] == f"{checkout}[onnx]"
    assert "'mlpviz[onnx]'" not in text and window.session.params is before
