"""File ▸ Open of a network whose inputs are not the loaded data's columns: both numbers said, Choose data…
opens it on a data file with the right columns, Cancel (at any point) keeps the network and the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mlpviz.io import load_network
from mlpviz.ui.snapshots.data_choice import DataChoiceBox

CASES = Path(__file__).parents[2] / "io" / "cases"
NETWORK = CASES / "sklearn_mlpclassifier.onnx"  # scikit-learn's MLPClassifier on Iris: 4 inputs, 3 classes


@pytest.fixture
def chooser(monkeypatch):
    """The file dialogs answer with the paths queued in ``chooser.paths`` ("" : Cancel), titles and folders recorded."""
    class Chooser:
        paths: list = []
        titles: list = []

    def get_open(parent, title, folder="", *args, **kwargs):
        Chooser.titles.append((title, folder))
        return (str(Chooser.paths.pop(0)) if Chooser.paths else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    Chooser.paths, Chooser.titles = [], []
    return Chooser


@pytest.fixture
def boxes(monkeypatch, message_boxes):
    """The Choose data… boxes shown (their title and text); each is answered with ``boxes.answers`` in turn."""
    class Boxes:
        shown: list = []
        answers: list = []

    def exec_(box):
        Boxes.shown.append((box.windowTitle(), box.text(), box.textFormat()))
        answer = Boxes.answers.pop(0) if Boxes.answers else "cancel"
        (box.choose_button if answer == "choose" else box.button(QMessageBox.StandardButton.Cancel)).click()
        return 0

    monkeypatch.setattr(DataChoiceBox, "exec", exec_)
    Boxes.shown, Boxes.answers = [], []
    return Boxes


def test_choose_data_opens_the_network_on_a_file_with_its_columns(window, chooser, boxes, message_boxes):
    before_arch, before_data = window.session.arch, window.session.dataset
    chooser.paths = [NETWORK, CASES / "iris_standardized.csv"]
    boxes.answers = ["choose"]
    window.document_actions.open_action.trigger()
    ((title, text, _),) = boxes.shown
    assert title == "Open network"
    assert "This network takes 4 inputs; the loaded data has 2 input columns." in text
    assert "Choose a data file with 4 input columns" in text
    assert chooser.titles[1] == ("Data for sklearn_mlpclassifier.onnx", str(CASES)) and not message_boxes  # beside it
    s = window.session
    assert s.arch == load_network(NETWORK).arch and s.params.equals(load_network(NETWORK).params)
    assert s.dataset.n_inputs == 4 and s.dataset.name == "iris_standardized"
    assert window.canvas.layout_model.sizes == (4, 5, 3) and window.canvas.node_count == 12  # drawn
    assert window.statusBar().currentMessage() == ("Opened sklearn_mlpclassifier.onnx: 4-5-3 at step 0, on the data "
                                                   "of iris_standardized.csv")
    s.undo_stack.undo()  # one change: the network and its data went in together
    assert s.arch == before_arch and s.dataset.n_inputs == before_data.n_inputs == 2


def test_cancel_keeps_the_network_and_the_data(window, chooser, boxes, message_boxes):
    s = window.session
    params, data = s.params, s.dataset
    chooser.paths = [NETWORK]
    window.document_actions.open_action.trigger()  # the box's Cancel
    assert len(boxes.shown) == 1 and s.params is params and s.dataset is data and not message_boxes
    chooser.paths = [NETWORK]  # Choose data…, then Cancel in the file dialog
    boxes.answers = ["choose"]
    window.document_actions.open_action.trigger()
    assert len(boxes.shown) == 2 and s.params is params and s.dataset is data and not message_boxes
    assert "the network and the data are as they were" in window.statusBar().currentMessage()


def test_a_data_file_that_does_not_fit_either_is_named_and_asked_about_again(window, chooser, boxes, message_boxes):
    s = window.session
    params, data = s.params, s.dataset
    chooser.paths = [NETWORK, CASES / "xor_pm1.csv", CASES / "classes3.csv"]
    boxes.answers = ["choose", "choose"]
    window.document_actions.open_action.trigger()
    assert len(boxes.shown) == 2
    assert "This network takes 4 inputs; xor_pm1.csv has 2 input columns." in boxes.shown[1][1]
    assert s.arch.sizes == (4, 5, 3) and s.dataset.name == "classes3" and not message_boxes
    s.undo_stack.undo()
    assert s.params.equals(params) and s.dataset.n_inputs == data.n_inputs


def test_a_snapshot_of_five_inputs_dropped_on_the_window_is_offered_data_too(window, chooser, boxes, message_boxes):
    chooser.paths = [CASES / "labels_0_1_5.csv"]
    boxes.answers = ["choose"]
    window.file_drop.open([CASES / "net_5_50_7.json"])
    ((title, text, _),) = boxes.shown
    assert title == "Open snapshot" and "This network takes 5 inputs; the loaded data has 2 input columns." in text
    assert window.session.arch.sizes == (5, 50, 7) and window.session.dataset.n_inputs == 5
