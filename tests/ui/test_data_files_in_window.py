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


def test_the_import_preview_comes_first_and_cancel_replaces_nothing(window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from mlpviz.ui.data import import_preview, open_data

    seen = []

    def run(dialog):
        assert dialog.table is None  # no column is named y: the user picks the target
        dialog.target_box.setCurrentIndex(dialog.target_box.findData("species"))
        seen.append((dialog.path, dialog.table.n_classes))
        return QDialog.Rejected

    monkeypatch.setattr(import_preview.ImportPreviewDialog, "exec", run)
    window.data_opener.preview = open_data.preview_csv
    dataset, arch = window.session.dataset, window.session.arch
    assert not window.data_opener.open(CASES / "iris_species.csv")
    assert seen == [(str(CASES / "iris_species.csv"), 3)]
    assert window.session.dataset is dataset and window.session.arch == arch
    assert "cancelled" in window.statusBar().currentMessage()


def test_ok_in_the_preview_loads_the_file_and_says_what_network_was_built_and_why(window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from mlpviz.ui.data import import_preview, open_data

    def ok(dialog):
        if dialog.table is None:
            dialog.target_box.setCurrentIndex(dialog.target_box.findData("species"))
        return QDialog.Accepted

    monkeypatch.setattr(import_preview.ImportPreviewDialog, "exec", ok)
    window.data_opener.preview = open_data.preview_csv
    assert window.data_opener.open(CASES / "pandas_index.csv")
    message = window.statusBar().currentMessage()
    assert message.startswith("Loaded pandas_index.csv: ") and "index" in message
    assert window.data_opener.open(CASES / "iris_species.csv")
    message = window.statusBar().currentMessage()
    assert window.session.arch.sizes[-1] == 3 and window.session.arch.loss == "ce"
    assert "3 classes (setosa, versicolor, virginica)" in message
    assert "3 softmax outputs with cross-entropy (ce), one per class" in message
