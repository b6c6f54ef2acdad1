"""Data in the window: Iris and digits from the chooser, and files whose targets do not suit the loss."""

from __future__ import annotations

import pathlib

import pytest

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"


@pytest.mark.parametrize("name,sizes,rows", [("iris", (4, 3, 3), 150), ("digits", (64, 3, 10), 1797)])
def test_chooser_applies_a_shipped_data_set_and_a_step_trains(window, name, sizes, rows):
    chooser = window.dataset_chooser
    chooser.name_box.setCurrentIndex(chooser.name_box.findData(name))
    assert chooser.size_spin.value() == rows
    assert chooser.apply()
    session = window.session
    assert session.dataset.name == name and session.dataset.n_train + session.dataset.n_test == rows
    assert session.arch.sizes == sizes and (session.arch.output_activation, session.arch.loss) == ("softmax", "ce")
    assert len(session.dataset.class_names) == sizes[-1]
    session.step()
    assert session.step_count == 1
    assert window.data_panel.model.rowCount() == rows


def test_pm1_labels_on_the_bce_network_are_refused_and_nothing_is_replaced(window, message_boxes):
    dataset, arch = window.session.dataset, window.session.arch
    assert arch.loss == "bce" and not window.data_opener.open(CASES / "xor_pm1.csv")
    shown = [text for _title, text, _format in message_boxes]
    assert len(shown) == 1 and "labels are -1 and 1; binary cross-entropy needs" in shown[0]
    assert window.session.dataset is dataset and window.session.arch == arch


def test_a_class_file_opened_builds_a_softmax_network_with_the_classes(window, tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("a;b;y\n0,5;0;0\n1;0;1\n0;1;2\n1;1;2\n")
    assert window.data_opener.open(path)
    assert window.session.arch.sizes[-1] == 3 and window.session.arch.loss == "ce"
    assert window.session.dataset.class_names == ("0", "1", "2")
