"""A snapshot opened in a fresh window brings the data it was trained on: a built-in set it names is loaded;
a file it names that is not here is asked for, and cancelling changes nothing (never the current data)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.io import Snapshot, save_snapshot
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer
from mlpviz.ui.main_window import MainWindow


def fresh_window(qtbot, tmp_path) -> MainWindow:
    w = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.IniFormat))
    qtbot.addWidget(w, before_close_func=lambda window: setattr(window.document, "modified", False))
    w.session.set_animate(False)
    return w


def iris_snapshot(tmp_path, data_note: str):
    trainer = Trainer(Architecture((4, 8, 3), "relu", "softmax", "ce"), make_dataset("iris"), TrainingConfig())
    for _ in range(3):
        trainer.advance()
    snap = trainer.snapshot(notes={"data": data_note})
    path = tmp_path / "teacher.npz"
    save_snapshot(path, snap)
    return path, snap


def test_a_snapshot_of_a_built_in_set_opens_with_that_set(qtbot, tmp_path, monkeypatch, message_boxes):
    path, snap = iris_snapshot(tmp_path, "iris")
    window = fresh_window(qtbot, tmp_path)
    assert window.session.dataset.name == "notebook"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.document_actions.open_action.trigger()
    assert not message_boxes
    assert window.session.dataset.name == "iris" and window.session.arch == snap.arch
    assert np.array_equal(window.session.params.flat, snap.params.flat) and window.session.step_count == 3
    window.undo_action.trigger()  # one undoable change: data and network come back together
    assert window.session.dataset.name == "notebook" and window.session.arch.sizes == (2, 3, 1)


def test_a_snapshot_whose_data_file_is_missing_asks_for_it(qtbot, tmp_path, monkeypatch, message_boxes):
    path, _snap = iris_snapshot(tmp_path, str(tmp_path / "gone" / "flowers.csv"))
    window = fresh_window(qtbot, tmp_path)
    before = window.session.params
    asked = []

    def dialog(parent, title, *args, **kwargs):
        asked.append(title)
        return (str(path), "") if "Open" == title else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    window.document_actions.open_action.trigger()
    assert any("flowers.csv" in title for title in asked)
    assert message_boxes and "flowers.csv" in message_boxes[-1][1] and "nothing was changed" in message_boxes[-1][1]
    assert window.session.params.equals(before) and window.session.dataset.name == "notebook"


def test_a_snapshot_whose_data_file_has_other_columns_changes_nothing_until_data_that_fit(qtbot, tmp_path, monkeypatch,
                                                                                         message_boxes):
    from pathlib import Path

    from mlpviz.ui.snapshots.data_choice import DataChoiceBox
    from ..conftest import accept_as_detected

    cases = Path(__file__).parents[2] / "io" / "cases"
    path, snap = iris_snapshot(tmp_path, str(cases / "xor_pm1.csv"))  # its data file now holds 2 columns
    window = fresh_window(qtbot, tmp_path)
    window.data_opener.preview = accept_as_detected
    params, data = window.session.params, window.session.dataset
    answers, shown = ["cancel", "choose"], []

    def exec_(box):
        shown.append(box.text())
        (box.choose_button if answers.pop(0) == "choose" else box.button(box.StandardButton.Cancel)).click()
        return 0

    monkeypatch.setattr(DataChoiceBox, "exec", exec_)
    paths = [path, path, cases / "iris_standardized.csv"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(paths.pop(0)), ""))
    window.document_actions.open_action.trigger()  # Cancel
    assert "This network takes 4 inputs; the loaded data has 2 input columns." in shown[0] and not message_boxes
    assert window.session.params is params and window.session.dataset is data
    window.document_actions.open_action.trigger()  # Choose data…: Iris, 4 columns
    assert window.session.arch == snap.arch and window.session.params.equals(snap.params)
    assert window.session.dataset.name == "iris_standardized" and not message_boxes
