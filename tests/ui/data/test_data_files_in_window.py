"""Data in the window: Iris and digits from the chooser, and files whose targets do not suit the loss."""

from __future__ import annotations

from mlpviz.app import files

import pathlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from mlpviz.app.selection import UnitRef
from mlpviz.datasets import make_dataset
from mlpviz.ui.plots.class_colours import class_rgb

CASES = pathlib.Path(__file__).parents[2] / "io" / "cases"


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


def test_class_names_are_shown_wherever_the_classes_are(window, tmp_path):
    path = tmp_path / "fruit.csv"
    path.write_text("w,h,kind\n1,2,pear\n2,1,apple\n3,3,<fig>\n1,1,apple\n")
    table = files.read_table(path, target="kind")
    window.session.load_data(table)
    names = ("<fig>", "apple", "pear")
    state = window.session.state
    assert state.output_names == names and window.session.arch.sizes[-1] == 3
    assert window.canvas.target_labels._texts == list(names)
    weights = window.weights_view.models[-1]
    assert [weights.headerData(j, Qt.Horizontal) for j in range(3)] == ["y1 (<fig>)", "y2 (apple)", "y3 (pear)"]
    values = window.step_values_view.model
    top = values.index(2, 0)
    assert values.data(values.index(1, 0, top)) == "y2 (apple)"
    assert "&lt;fig&gt;" in window.canvas.tooltip_for(UnitRef(2, 0))
    window.selection.set_item(UnitRef(2, 2))
    assert window.formula_panel.text().startswith("y3 (pear) (outputs")
    data = window.data_panel.model
    assert data.headerData(2, Qt.Horizontal) == "y1 (<fig>)" and "class pear" in data.data(data.index(0, 2), Qt.ToolTipRole)
    key = window.decision_map.class_key  # a swatch and the name of each class, painted as plain text
    assert key.names == list(names) and window.data_panel.class_key.names == list(names)


def test_two_named_classes_get_one_output_named_after_class_1(window, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("a,b,label\n0,0,no\n1,1,yes\n0,1,no\n")
    window.session.load_data(files.read_table(path, target="label"))
    assert window.session.arch.sizes[-1] == 1 and window.session.state.output_names == ("yes",)
    assert window.data_panel.model.data(window.data_panel.model.index(1, 2)) == "1 (yes)"
    key = window.decision_map.class_key  # "no" in the orange of ŷ = 0, "yes" in the blue of ŷ = 1
    assert key.names == ["no", "yes"] and [c.name() for c in key.colours] == [
        QColor(*c).name() for c in class_rgb(2).tolist()]
    assert "orange\u00a00" in window.decision_map.legend_label.text()  # (kept on one line)


def test_the_status_bar_shows_the_accuracy_for_classes(window):
    window.session.load_data(make_dataset("iris"))
    window.session.step()
    window._refresh_status()
    text = window.status_numbers.accuracy_label.text()
    assert text.startswith("accuracy ") and "% train, " in text and text.endswith("% test")
    assert not window.status_numbers.accuracy_label.isHidden()


def test_the_status_bar_accuracy_follows_the_step_shown(window):
    session = window.session
    session.load_data(make_dataset("iris"))
    for _ in range(30):
        session.step()
    log = session.loss_log
    session.navigation.show(5)
    window._refresh_status()
    assert window.status_numbers.accuracy_label.text().startswith(f"accuracy {100 * log.accuracy[4]:.1f}% train")
    assert log.latest_accuracy(5) == (log.accuracy[4], log.test_accuracy[4])


def _ok_with(monkeypatch, window, target, *boxes):
    """The preview as a user works it: choose the target, tick ``boxes`` (attribute names), press OK."""
    from PySide6.QtWidgets import QDialog

    from mlpviz.ui.data import import_preview, open_data

    def ok(dialog):
        dialog.target_box.setCurrentIndex(dialog.target_box.findData(target))
        for name in boxes:
            getattr(dialog, name).click()
        return QDialog.Accepted

    monkeypatch.setattr(import_preview.ImportPreviewDialog, "exec", ok)
    window.data_opener.preview = open_data.preview_csv


def test_wine_standardized_in_the_preview_trains_and_the_session_says_so(window, monkeypatch):
    _ok_with(monkeypatch, window, "target", "standardize_box")
    assert window.data_opener.open(CASES / "wine_unscaled.csv")
    session = window.session
    assert session.dataset.input_scaling is not None and abs(session.dataset.x_train.mean()) < 1e-9
    assert "Inputs standardized: z-scores from the 178 training rows." in window.statusBar().currentMessage()
    assert session.trainer.snapshot().extra["input_scaling"].startswith("inputs standardized")
    session.set_config(session.config.with_(learning_rate=0.1))
    for _ in range(100):
        session.step()
    assert session.trainer.divergence is None and session.trainer.accuracy()[0] > 0.9


def test_a_divergence_on_raw_inputs_offers_to_standardize_them(window, monkeypatch, qtbot):
    from mlpviz.engine import Architecture

    _ok_with(monkeypatch, window, "target")
    assert window.data_opener.open(CASES / "wine_unscaled.csv")
    session = window.session
    session.set_architecture(Architecture((13, 16, 3), "relu", "softmax", "ce"))
    session.set_config(session.config.with_(learning_rate=0.1))
    while session.trainer.divergence is None:
        session.step()
    notice = window.divergence_notice
    assert "inputs as large as 1,680 feed the first layer" in notice.text
    assert [b.text() for b in notice.buttons] == ["Standardize inputs", "Halve learning rate"]
    notice.buttons[0].click()
    assert session.dataset.input_scaling is not None and notice.isHidden()
    assert session.config.learning_rate == 0.1
    for _ in range(50):
        session.step()
    assert session.trainer.divergence is None


def test_class_indices_on_a_network_with_more_outputs_keep_the_network(window):
    from mlpviz.io import load_network

    session = window.session
    assert window.data_opener.open(CASES / "labels_0_1_5.csv")
    assert session.arch.sizes[-1] == 6 and session.dataset.n_classes == 6
    session.load_snapshot(load_network(CASES / "net_5_50_7.json"))  # 7 outputs: classes 0..5 fit within them
    assert session.arch.sizes == (5, 50, 7)
    assert window.data_opener.open(CASES / "labels_0_1_5.csv")
    assert session.arch.sizes == (5, 50, 7) and session.arch.loss == "ce"  # never a silent regression
    assert session.dataset.n_classes == 7 and session.dataset.class_names == tuple("0123456")
    assert "class(es) 2, 3, 4, 6 do not occur in the data" in window.statusBar().currentMessage()
    session.step()
    assert session.step_count == 1 and session.state.output_names[5] == "5"
