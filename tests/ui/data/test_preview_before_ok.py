"""File ▸ Open data…'s preview says what OK will do with the network in use, before OK: the loading's own refusal
(labels −1/+1 on bce, with the fix) and a file's classes as it holds them, and the loaded result agrees."""

from __future__ import annotations

import pathlib

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from mlpviz.engine import DataError
from mlpviz.io import load_network, read_csv_table
from mlpviz.ui.data.import_preview import ImportPreviewDialog

CASES = pathlib.Path(__file__).parents[2] / "io" / "cases"
REFUSAL = "labels are -1 and 1; binary cross-entropy needs every target between 0 and 1"
SKIPPED = "3 classes (0, 1, 5); numbered up to 5: 6 outputs, 3 of them never a target"


def open_as_a_user(window, qtbot, monkeypatch, path, button=QDialogButtonBox.Ok, how="menu") -> dict:
    """File ▸ Open data… (the file dialog answering ``path``) or a drop; the preview's texts are read, then
    ``button`` is pressed (Cancel when OK is off). Returns what the preview showed."""
    window.data_opener.preview = None  # the real import preview, not the fixture's OK at once
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportPreviewDialog) or not dialog.isVisible():
            QTimer.singleShot(20, answer)
            return
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        seen.update(summary=dialog.summary_label.text(), notes=dialog.notes_label.text(), ok=ok.isEnabled(),
                    error=dialog.error_label.text() if dialog.error_label.isVisibleTo(dialog) else "")
        dialog.buttons.button(button if ok.isEnabled() else QDialogButtonBox.Cancel).click()

    QTimer.singleShot(0, answer)
    if how == "menu":
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
        assert window.data_opener.action in window.file_menu.actions()
        window.data_opener.action.trigger()
    else:
        window.file_drop.open([path])
    qtbot.waitUntil(lambda: "ok" in seen, timeout=20_000)
    return seen


def choose_output(window, name: str) -> None:
    box = window.control_panel.output_box
    box.setCurrentIndex(box.findText(name))


def test_pm1_labels_on_bce_are_refused_in_the_preview_with_the_loadings_own_words(window, qtbot, monkeypatch):
    session = window.session
    dataset, arch = session.dataset, session.arch
    assert arch.loss == "bce"
    seen = open_as_a_user(window, qtbot, monkeypatch, CASES / "xor_pm1.csv")
    assert not seen["ok"] and seen["error"].startswith("With the network in use, OK would refuse this file: ")
    assert REFUSAL in seen["error"] and "map -1 to 0 (and keep 1), or use a tanh (or linear) output with mse" \
        in seen["error"]
    with pytest.raises(DataError) as refused:  # the very check the loading makes, worded once
        session.plan_open(read_csv_table(CASES / "xor_pm1.csv"))
    assert str(refused.value) in seen["error"]
    assert session.dataset is dataset and session.arch == arch
    assert "the import was cancelled" in window.statusBar().currentMessage()


def test_pm1_labels_train_once_the_output_is_tanh_and_the_preview_says_so(window, qtbot, monkeypatch):
    choose_output(window, "tanh")  # the fix the refusal names: the loss follows (mse)
    session = window.session
    assert (session.arch.output_activation, session.arch.loss) == ("tanh", "mse")
    seen = open_as_a_user(window, qtbot, monkeypatch, CASES / "xor_pm1.csv", how="drop")
    assert seen["ok"] and not seen["error"]
    assert f"OK trains network {session.arch.label()}: tanh output with mse" in seen["summary"]
    assert session.dataset.name == "xor_pm1" and sorted(set(session.dataset.y_train[:, 0])) == [-1.0, 1.0]
    before = session.step_count
    session.step()
    assert session.step_count == before + 1 and session.trainer.divergence is None


def test_a_file_with_labels_0_1_5_is_said_as_three_classes_with_six_outputs(window, qtbot, monkeypatch):
    seen = open_as_a_user(window, qtbot, monkeypatch, CASES / "labels_0_1_5.csv")
    assert f"target y: {SKIPPED}" in seen["summary"]
    assert "6 classes" not in seen["summary"] and "2, 3, 4" not in seen["summary"]
    session = window.session
    assert seen["ok"] and f"OK trains network {session.arch.label()}: softmax output with ce" in seen["summary"]
    assert session.arch.sizes[-1] == 6 and session.dataset.n_classes == 6  # the rule kept: class numbers index outputs
    assert SKIPPED in window.statusBar().currentMessage()  # the result says what the preview said


def test_labels_0_1_5_on_a_seven_output_network_keep_it_and_the_preview_says_so(window, qtbot, monkeypatch):
    open_as_a_user(window, qtbot, monkeypatch, CASES / "labels_0_1_5.csv")
    session = window.session
    session.load_snapshot(load_network(CASES / "net_5_50_7.json"))
    seen = open_as_a_user(window, qtbot, monkeypatch, CASES / "labels_0_1_5.csv", how="drop")
    said = "3 classes (0, 1, 5); numbered up to 5: 7 outputs, 4 of them never a target"
    assert said in seen["summary"] and "OK trains network 5-50-7: softmax output with ce" in seen["summary"]
    assert "class(es) 2, 3, 4, 6 do not occur in the data" in seen["notes"]
    assert session.arch.sizes == (5, 50, 7) and session.dataset.n_classes == 7
    assert said in window.statusBar().currentMessage()


def test_the_preview_speaks_chinese(window, qtbot, monkeypatch):
    window.language.choose("zh_CN")
    try:
        refused = open_as_a_user(window, qtbot, monkeypatch, CASES / "xor_pm1.csv")
        classes = open_as_a_user(window, qtbot, monkeypatch, CASES / "labels_0_1_5.csv", QDialogButtonBox.Cancel)
    finally:
        window.language.choose("en")
    assert refused["error"].startswith("用现在的网络，按“确定”会拒绝这个文件：标签为 -1 和 1")
    assert "3 个类别（0, 1, 5）；编号到 5：6 个输出，其中 3 个从来不是目标" in classes["summary"]
    assert "逗号分隔，小数点，UTF-8" in classes["summary"]  # was "comma separators, decimal point" in Chinese
