"""File ▸ Open of a network file that asks questions (its layer order, its activations) on data whose columns it
cannot take whatever the answers: the inputs are said first, with Choose data…, before any question is asked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from mlpviz.ui.snapshots.activations_dialog import ActivationsDialog
from mlpviz.ui.snapshots.data_choice import DataChoiceBox
from mlpviz.ui.snapshots.layer_order_dialog import LayerOrderDialog

CASES = Path(__file__).parents[2] / "io" / "cases"
AUTOENCODER = CASES / "torch_autoencoder.safetensors"  # encoder 4-8-2, decoder 2-8-4: 4 or 2 inputs by the order


@pytest.fixture
def asked(monkeypatch, message_boxes):
    """Every question in the order shown: the inputs box (answered from ``asked.boxes``: "choose" or Cancel), the
    file dialogs (from ``asked.paths``), the layer order (from ``asked.orders``) and the activations (relu, linear)."""
    class Asked:
        seen: list = []
        boxes: list = []
        paths: list = []
        orders: list = []

    def box(dialog):
        Asked.seen.append(("inputs", dialog.text()))
        answer = Asked.boxes.pop(0) if Asked.boxes else "cancel"
        (dialog.choose_button if answer == "choose" else dialog.button(QMessageBox.StandardButton.Cancel)).click()
        return 0

    def order(dialog):
        Asked.seen.append(("order", dialog.reason.text()))
        if not Asked.orders:
            return QDialog.Rejected
        dialog.order.setText(Asked.orders.pop(0))
        return QDialog.Accepted

    def activations(dialog):
        Asked.seen.append(("activations", ""))
        dialog.hidden.setCurrentText("relu")
        dialog.output.setCurrentText("linear")
        return QDialog.Accepted

    def get_open(*args, **kwargs):
        return (str(Asked.paths.pop(0)) if Asked.paths else "", "")

    monkeypatch.setattr(DataChoiceBox, "exec", box)
    monkeypatch.setattr(LayerOrderDialog, "exec", order)
    monkeypatch.setattr(ActivationsDialog, "exec", activations)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    Asked.seen, Asked.boxes, Asked.paths, Asked.orders = [], [], [], []
    return Asked


def test_the_autoencoder_on_five_columns_says_its_inputs_before_asking_the_order(window, asked, message_boxes):
    s = window.session
    asked.paths = [CASES / "labels_0_1_5.csv"]
    window.document_actions.open_action.trigger()
    assert s.dataset.n_inputs == 5
    params, data = s.params, s.dataset
    asked.paths = [AUTOENCODER]
    window.document_actions.open_action.trigger()  # Cancel in the inputs box: nothing else is asked
    ((kind, text),) = asked.seen
    assert kind == "inputs"
    assert "This network takes 2 or 4 inputs, by the order of its layers; the loaded data has 5 input columns." in text
    assert "Choose a data file with 2 or 4 input columns" in text
    assert s.params is params and s.dataset is data and not message_boxes
    assert "the network and the data are as they were" in window.statusBar().currentMessage()


def test_data_chosen_first_then_the_order_and_the_activations_open_the_network_on_them(window, asked, tmp_path,
                                                                                       message_boxes):
    three = tmp_path / "three.csv"
    three.write_text("a,b,c,y\n0.1,0.2,0.3,1\n0.4,0.5,0.6,0\n")
    four = tmp_path / "four.csv"
    four.write_text("a,b,c,d,y1,y2,y3,y4\n0.1,0.2,0.3,0.4,0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8,0.5,0.6,0.7,0.8\n")
    asked.paths = [CASES / "labels_0_1_5.csv"]
    window.document_actions.open_action.trigger()
    asked.paths, asked.boxes, asked.orders = [AUTOENCODER, three, four], ["choose", "choose"], ["encoder, decoder"]
    window.document_actions.open_action.trigger()
    assert [kind for kind, _ in asked.seen] == ["inputs", "inputs", "order", "activations"]
    assert "2 or 4 inputs, by the order of its layers; three.csv has 3 input columns" in asked.seen[1][1]
    s = window.session
    assert s.arch.sizes == (4, 8, 2, 8, 4) and s.dataset.name == "four" and not message_boxes
    assert window.canvas.layout_model.sizes == (4, 8, 2, 8, 4)
    assert "at step 0, on the data of four.csv. " in window.statusBar().currentMessage()


def test_on_data_one_order_fits_the_order_is_asked_as_before(window, asked, message_boxes):
    asked.orders = ["decoder, encoder"]  # 2 inputs: the notebook's data
    asked.paths = [AUTOENCODER]
    window.document_actions.open_action.trigger()
    assert [kind for kind, _ in asked.seen] == ["order", "activations"]
    assert window.session.arch.sizes == (2, 8, 4, 8, 2) and not message_boxes


def test_a_file_without_activations_says_its_inputs_before_asking_them(window, asked, tmp_path, message_boxes):
    from safetensors.numpy import save_file

    path = tmp_path / "plain.safetensors"  # fc1, fc2: the order is told, the activations are not: 3 inputs
    rng = np.random.default_rng(0)
    save_file({"fc1.weight": rng.normal(size=(5, 3)).astype(np.float32), "fc1.bias": np.zeros(5, np.float32),
               "fc2.weight": rng.normal(size=(1, 5)).astype(np.float32), "fc2.bias": np.zeros(1, np.float32)},
              str(path))
    asked.paths = [path]
    window.document_actions.open_action.trigger()
    ((kind, text),) = asked.seen
    assert kind == "inputs" and "This network takes 3 inputs; the loaded data has 2 input columns." in text
