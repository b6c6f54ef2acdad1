"""File ▸ Open of a network file: the training settings it records are used; those it leaves out stay the
session's, and the status bar says which and with what values (never a silent momentum from an earlier run)."""

from __future__ import annotations

from pathlib import Path

from mlpviz.app import files

from ..acting import open_through_menu, type_into

CASES = Path(__file__).parents[2] / "io" / "cases"
NOT_RECORDED = "The file does not record these training settings; this session's are used: "


def test_a_file_without_optimizer_settings_says_the_sessions_are_used(window, monkeypatch, message_boxes):
    panel, s = window.control_panel, window.session
    open_through_menu(window, monkeypatch, CASES / "labels_0_1_5.csv")  # five columns: the network opens on them
    for spin, text in ((panel.momentum_spin, "0.5"), (panel.batch_spin, "16"), (panel.lr_spin, "0.3")):
        type_into(spin, text)
    assert (s.config.momentum, s.config.batch_size, s.config.learning_rate) == (0.5, 16, 0.3)
    open_through_menu(window, monkeypatch, CASES / "net_5_50_7.json")  # records its learning rate (0.1), nothing else
    assert s.arch.sizes == (5, 50, 7) and not message_boxes
    assert (s.config.momentum, s.config.batch_size, s.config.learning_rate) == (0.5, 16, 0.1)
    said = window.statusBar().currentMessage()
    assert said == ("Opened net_5_50_7.json: 5-50-7 at step 0. " + NOT_RECORDED
                    + "momentum μ 0.5, weight decay λ 0, batch size 16"), said
    assert panel.momentum_spin.value() == 0.5 and panel.batch_spin.value() == 16  # the panel shows what is used


def test_a_file_that_records_its_settings_brings_them_and_says_nothing_more(window, monkeypatch, tmp_path):
    panel, s = window.control_panel, window.session
    type_into(panel.momentum_spin, "0.5")
    path = tmp_path / "run.json"
    files.write_snapshot(path, s.trainer.snapshot(None))  # momentum 0.5, full batch
    type_into(panel.momentum_spin, "0.9")
    type_into(panel.batch_spin, "3")
    open_through_menu(window, monkeypatch, path)
    assert (s.config.momentum, s.config.batch_size) == (0.5, 0)
    assert NOT_RECORDED not in window.statusBar().currentMessage()
