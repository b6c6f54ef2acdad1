"""File ▸ Open of a PyTorch file whose layer order neither names nor shapes tell: the app asks for the order (what
``--layer-order`` gives the command line), then the activations; Cancel keeps the network."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog

from mlpviz.io import Activations, load_network
from mlpviz.ui.snapshots.activations_dialog import ActivationsDialog
from mlpviz.ui.snapshots.layer_order_dialog import LayerOrderDialog

AUTOENCODER = Path(__file__).parents[2] / "io" / "cases" / "torch_autoencoder.safetensors"


@pytest.fixture
def order_dialogs(monkeypatch):
    """Each order dialog shown is typed into with ``order_dialogs.typed`` in turn, then OK (None: Cancel)."""
    class Seen:
        shown: list = []
        typed: list = []
        placeholders: list = []

    def exec_(dialog):
        Seen.shown.append((dialog.windowTitle(), dialog.reason.text(), dialog.layers.text()))
        Seen.placeholders.append(dialog.order.placeholderText())
        text = Seen.typed.pop(0) if Seen.typed else None
        if text is None:
            return QDialog.Rejected
        dialog.order.setText(text)
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        if not ok.isEnabled():
            return QDialog.Rejected
        ok.click()
        return dialog.result()

    monkeypatch.setattr(LayerOrderDialog, "exec", exec_)
    Seen.shown, Seen.typed, Seen.placeholders = [], [], []
    return Seen


@pytest.fixture
def relu_linear(monkeypatch):
    """The activations dialog answered with relu hidden, linear output."""
    def exec_(dialog):
        dialog.hidden.setCurrentText("relu")
        dialog.output.setCurrentText("linear")
        return QDialog.Accepted

    monkeypatch.setattr(ActivationsDialog, "exec", exec_)


def _open(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(AUTOENCODER), ""))
    window.document_actions.open_action.trigger()


def test_the_order_typed_opens_the_network(window, tmp_path, monkeypatch, order_dialogs, relu_linear, message_boxes):
    four = tmp_path / "four.csv"  # an autoencoder's data: 4 inputs, the same 4 as targets
    four.write_text("a,b,c,d,y1,y2,y3,y4\n0.1,0.2,0.3,0.4,0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8,0.5,0.6,0.7,0.8\n")
    assert window.data_opener.open(four)
    order_dialogs.typed = ["encoder, decoder"]
    _open(window, monkeypatch)
    ((title, reason, layers),) = order_dialogs.shown
    assert title == "Layer order of torch_autoencoder.safetensors"
    assert reason.startswith("The order of the layers (decoder.0, decoder.2, encoder.0, encoder.2) cannot be told")
    assert "Type the layers in the order the data flow through them" in reason and "--layer-order" not in reason
    assert layers == "Layers: decoder.0, decoder.2, encoder.0, encoder.2"
    assert reason.endswith("e.g. encoder,decoder") and order_dialogs.placeholders == ["encoder,decoder"]  # 4 inputs
    expected = load_network(AUTOENCODER, Activations("relu", "linear", layer_order=("encoder", "decoder")))
    s = window.session
    assert not message_boxes and s.arch == expected.arch and s.params.equals(expected.params)
    assert s.arch.sizes == (4, 8, 2, 8, 4) and window.canvas.layout_model.sizes == (4, 8, 2, 8, 4)


def test_cancel_keeps_the_network_and_an_order_that_does_not_fit_is_asked_again(window, monkeypatch, order_dialogs,
                                                                               relu_linear, message_boxes):
    params = window.session.params
    _open(window, monkeypatch)  # Cancel
    assert len(order_dialogs.shown) == 1 and window.session.params is params and not message_boxes
    order_dialogs.typed = ["encoder", None]
    _open(window, monkeypatch)
    assert len(order_dialogs.shown) == 3
    assert order_dialogs.shown[2][1].startswith("The layer order given leaves out decoder.0, decoder.2; name every layer")
    assert window.session.params is params and not message_boxes


def test_on_two_input_data_the_example_is_the_order_that_takes_two(window, monkeypatch, order_dialogs, relu_linear,
                                                                     message_boxes):
    assert window.session.dataset.n_inputs == 2  # the notebook's data
    order_dialogs.typed = [None]
    _open(window, monkeypatch)
    assert order_dialogs.shown[0][1].endswith("e.g. decoder,encoder") and order_dialogs.placeholders == ["decoder,encoder"]
