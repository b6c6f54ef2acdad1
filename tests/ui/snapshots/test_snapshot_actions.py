"""Snapshot actions through the GUI: export/open round trips, refused files, quick and auto snapshots, session."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from mlpviz.app.session_store import SessionStore
from mlpviz.engine import Architecture
from mlpviz.datasets import make_dataset
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.snapshots.preferences import SnapshotPreferences
from mlpviz.ui.snapshots.snapshot_actions import EXPORT_FILTERS, snapshot_file_name


@pytest.fixture
def dialogs(message_boxes):
    """Record error dialogs instead of showing them."""
    return message_boxes


def _window(qtbot, tmp_path, name="s.ini") -> MainWindow:
    window = MainWindow(settings=QSettings(str(tmp_path / name), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.snapshots.set_preferences(SnapshotPreferences(str(tmp_path / "snaps")))
    window.session.set_animate(False)
    return window


def _save_to(monkeypatch, path, chosen=""):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def _open(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_default_file_name_carries_architecture_and_step():
    assert snapshot_file_name((2, 3, 1), 42) == "mlpviz-2-3-1-step0042.npz"


@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_export_then_open_is_bit_identical(qtbot, tmp_path, monkeypatch, dialogs, suffix):
    window = _window(qtbot, tmp_path)
    for _ in range(4):
        window.session.step()
    exported = window.session.params
    path = tmp_path / f"net{suffix}"
    _save_to(monkeypatch, path)
    window.snapshot_actions.export_action.trigger()
    assert path.exists()
    window.session.reset()
    assert not window.session.params.equals(exported)
    _open(monkeypatch, path)
    window.snapshot_actions.open_action.trigger()
    assert not dialogs
    assert window.session.params.equals(exported) and window.session.step_count == 4
    assert np.array_equal(window.session.params.flat.view(np.uint64), exported.flat.view(np.uint64))
    assert str(path.resolve()) in window.snapshot_actions.recent_files()


def test_exported_npz_has_the_documented_keys(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    window.session.step()
    path = tmp_path / "net.npz"
    _save_to(monkeypatch, path)
    window.snapshot_actions.export_snapshot()
    with np.load(path, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["W0", "W1", "b0", "b1", "meta"]
        meta = json.loads(str(npz["meta"]))
        assert meta["sizes"] == [2, 3, 1] and meta["step"] == 1
        assert np.array_equal(npz["W0"], window.session.params.weights[0])


def test_the_dialog_file_type_picks_the_format(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    _save_to(monkeypatch, tmp_path / "net", EXPORT_FILTERS[".json"])
    assert window.snapshot_actions.export_snapshot() == tmp_path / "net.json"
    json.loads((tmp_path / "net.json").read_text())
    _save_to(monkeypatch, tmp_path / "table", EXPORT_FILTERS[".csv"])
    assert window.snapshot_actions.export_snapshot() == tmp_path / "table.csv"
    assert "W0" in (tmp_path / "table.csv").read_text()


def test_export_works_on_the_scrubbed_step(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    for _ in range(6):
        window.session.step()
    window.timeline.slider.setValue(2)
    path = window.snapshot_actions.quick_snapshot()
    assert path.name == "mlpviz-2-3-1-step0002.npz" and path.parent == tmp_path / "snaps"
    with np.load(path, allow_pickle=False) as npz:
        assert np.array_equal(npz["W0"], window.session.history.params_at(2).weights[0])
    assert str(path) in window.statusBar().currentMessage()


def _bad_files(tmp_path, good_npz, good_json):
    raw = good_npz.read_bytes()
    doc = json.loads(good_json.read_text())
    wrong_shape = dict(doc, layers=[{"W": [[0.0] * 3] * 3, "b": [0.0] * 3}, doc["layers"][1]])
    files = {
        "truncated.npz": raw[: len(raw) // 2],
        "corrupt.npz": b"PK" + bytes(range(256)) * 4,
        "garbage.json": b"{ this is not json",
        "wrong_shape.json": json.dumps(wrong_shape).encode(),
        "wrong_format.json": json.dumps(dict(doc, format="something.else")).encode(),
        "table.csv": b"format,mlpviz.snapshot\n",
        "picture.png": b"\x89PNG\r\n\x1a\n....",
        "empty.npz": b"",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    # an npz whose W0 has the wrong shape
    with zipfile.ZipFile(good_npz) as src, zipfile.ZipFile(tmp_path / "wrong_shape.npz", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "W0.npy":
                import io

                buf = io.BytesIO()
                np.save(buf, np.zeros((3, 3)))
                data = buf.getvalue()
            dst.writestr(info.filename, data)
    return sorted(files) + ["wrong_shape.npz"]


def test_bad_files_give_a_dialog_and_leave_the_network_unchanged(qtbot, tmp_path, monkeypatch, dialogs):
    window = _window(qtbot, tmp_path)
    window.session.step()
    _save_to(monkeypatch, tmp_path / "good.npz")
    window.snapshot_actions.export_snapshot()
    _save_to(monkeypatch, tmp_path / "good.json")
    window.snapshot_actions.export_snapshot()
    window.session.step()
    before, arch, step = window.session.params, window.session.arch, window.session.step_count
    names = _bad_files(tmp_path, tmp_path / "good.npz", tmp_path / "good.json")
    for name in names:
        dialogs.clear()
        _open(monkeypatch, tmp_path / name)
        window.snapshot_actions.open_action.trigger()
        assert len(dialogs) == 1, name
        assert name in dialogs[0][1]  # the message names the file
        assert window.session.params.equals(before) and window.session.arch == arch
        assert window.session.step_count == step


def test_a_snapshot_that_does_not_fit_the_data_is_refused(qtbot, tmp_path, monkeypatch, dialogs):
    from mlpviz.engine import init_params
    from mlpviz.io import Snapshot, save_snapshot

    window = _window(qtbot, tmp_path)
    arch = Architecture((4, 3, 1), "relu", "sigmoid", "bce")
    save_snapshot(tmp_path / "four.npz", Snapshot(arch, init_params(arch, "normal", 0)))
    before = window.session.params
    assert not window.snapshot_actions.open_snapshot(tmp_path / "four.npz")
    assert dialogs and "input" in dialogs[0][1]
    assert window.session.params.equals(before)


def test_open_rebuilds_for_a_new_architecture(qtbot, tmp_path, dialogs):
    from mlpviz.engine import init_params
    from mlpviz.io import Snapshot, save_snapshot

    window = _window(qtbot, tmp_path)
    arch = Architecture((2, 5, 4, 1), "tanh", "sigmoid", "bce")
    params = init_params(arch, "he", 7)
    save_snapshot(tmp_path / "deep.json", Snapshot(arch, params, step=30))
    with qtbot.waitSignal(window.session.network_rebuilt):
        assert window.snapshot_actions.open_snapshot(tmp_path / "deep.json")
    assert window.session.arch == arch and window.session.params.equals(params)
    assert window.session.state.step == 30 and not dialogs


def test_auto_snapshot_every_n_steps_during_run(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    window.snapshots.set_preferences(SnapshotPreferences(str(tmp_path / "auto"), auto_every=5))
    session = window.session
    session.run()
    qtbot.waitUntil(lambda: session.step_count >= 12, timeout=60_000)  # the worker starts first (Animate is off): 13 s under load
    session.pause()
    files = sorted(p.name for p in (tmp_path / "auto").iterdir())
    assert files[:2] == ["mlpviz-2-3-1-step0005.npz", "mlpviz-2-3-1-step0010.npz"]
    assert len(files) == session.step_count // 5


def test_two_instances_auto_snapshotting_the_same_step_keep_both_files(qtbot, tmp_path, monkeypatch):
    """The other instance writes between our look for a free name and our write: ours takes the next name."""
    from pathlib import Path

    from mlpviz.io import load_snapshot, save_snapshot

    window = _window(qtbot, tmp_path)
    window.snapshots.set_preferences(SnapshotPreferences(str(tmp_path / "auto")))
    other = window.snapshot_actions.shown_snapshot()
    first = tmp_path / "auto" / "mlpviz-2-3-1-step0000.npz"
    real_save, raced = save_snapshot, []

    def racing_save(path, snap, exclusive=False):
        if not raced:  # the other instance wins the race for the first name
            raced.append(1)
            save_snapshot(first, dataclasses_replace(other, step=0, seed=123))
        return real_save(path, snap, exclusive)

    def dataclasses_replace(snap, **changes):
        import dataclasses
        return dataclasses.replace(snap, **changes)

    monkeypatch.setattr(window.snapshot_actions, "_write_snapshot", racing_save)
    path = window.snapshot_actions.quick_snapshot(quiet=True)
    assert path is not None and Path(path).name == "mlpviz-2-3-1-step0000-1.npz"
    assert load_snapshot(first).seed == 123  # the other instance's file is whole
    assert {p.name for p in (tmp_path / "auto").iterdir()} == {first.name, Path(path).name}


def test_stale_temporaries_in_the_snapshots_folder_are_removed_at_start(qtbot, tmp_path):
    import os
    import time

    folder = tmp_path / "snaps"
    folder.mkdir()
    stale = folder / ".mlpviz-2-3-1-step0005.npz.a1b2.tmp"
    stale.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    window = _window(qtbot, tmp_path)
    window.snapshots.set_preferences(SnapshotPreferences(str(folder)))
    window.enable_session_persistence(SessionStore(tmp_path / "store"))
    assert not stale.exists()


def test_preferences_persist_and_set_the_history_budget(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    window.snapshots.set_preferences(SnapshotPreferences(str(tmp_path / "x"), 3, 9, False))
    assert window.session.trainer.history.budget_bytes == 9 * 2**20
    again = _window(qtbot, tmp_path)
    assert SnapshotPreferences.load(again.settings) == SnapshotPreferences(str(tmp_path / "snaps"), 0, 256, True)
    loaded = SnapshotPreferences.load(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    assert loaded == SnapshotPreferences(str(tmp_path / "snaps"), 0, 256, True)


def test_session_survives_quit_and_relaunch(qtbot, tmp_path):
    store_dir = tmp_path / "store"
    window = _window(qtbot, tmp_path)
    window.enable_session_persistence(SessionStore(store_dir))
    window.session.set_data(make_dataset("xor", n_samples=40, seed=2), Architecture((2, 6, 1), "tanh", "sigmoid", "bce"))
    for _ in range(9):
        window.session.step()
    params = window.session.params
    window.close()
    assert (store_dir / "session.json").exists()

    again = _window(qtbot, tmp_path, "s2.ini")
    message = again.enable_session_persistence(SessionStore(store_dir))
    assert message.startswith("Restored")
    assert again.session.params.equals(params) and again.session.step_count == 9
    assert again.session.arch.sizes == (2, 6, 1) and again.session.dataset.name == "xor"


def test_corrupt_session_file_starts_the_default_and_is_kept_aside(qtbot, tmp_path):
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    (store_dir / "session.json").write_text("\x00\x01 not a session")
    window = _window(qtbot, tmp_path)
    default = window.session.params
    message = window.enable_session_persistence(SessionStore(store_dir))
    assert "could not" in message and message in window.statusBar().currentMessage()
    assert window.session.params.equals(default)
    assert [p.name.startswith("session.json.bad-") for p in store_dir.iterdir() if p.suffix != ".lock"] == [True]


def test_opting_out_neither_restores_nor_saves(qtbot, tmp_path):
    store_dir = tmp_path / "store"
    window = _window(qtbot, tmp_path)
    window.snapshots.set_preferences(SnapshotPreferences(str(tmp_path / "snaps"), restore_session=False))
    window.enable_session_persistence(SessionStore(store_dir))
    window.session.step()
    window.close()
    assert not (store_dir / "session.json").exists()


def test_recent_menu_lists_opened_files(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    _save_to(monkeypatch, tmp_path / "a.npz")
    window.snapshot_actions.export_snapshot()
    window.snapshot_actions._fill_recent_menu()
    texts = [a.text() for a in window.snapshot_actions.recent_menu.actions()]
    assert texts[0] == "&1 a.npz"


def test_dropped_snapshot_files_open(qtbot, tmp_path, dialogs):
    from PySide6.QtCore import QMimeData, QUrl

    from mlpviz.engine import init_params

    from mlpviz.io import Snapshot, save_snapshot

    window = _window(qtbot, tmp_path)
    params = init_params(window.session.arch, "xavier", 11)
    save_snapshot(tmp_path / "dropped.NPZ", Snapshot(window.session.arch, params, step=5))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped.NPZ"))])
    paths = window.file_drop.paths_of(mime)
    assert paths == [tmp_path / "dropped.NPZ"]
    window.file_drop.open(paths)
    assert window.session.params.equals(params) and window.session.step_count == 5 and not dialogs
    (tmp_path / "bad.json").write_text("[]")
    window.file_drop.open([tmp_path / "bad.json"])
    assert len(dialogs) == 1 and window.session.params.equals(params)


def test_the_cli_reads_what_the_app_writes_and_the_reverse(qtbot, tmp_path, monkeypatch, capsys, dialogs):
    from mlpviz.cli.main import main
    from mlpviz.io import load_snapshot

    window = _window(qtbot, tmp_path)
    window.session.step()
    _save_to(monkeypatch, tmp_path / "app.json")
    window.snapshot_actions.export_snapshot()
    assert main(["inspect", str(tmp_path / "app.json")]) == 0
    assert "2-3-1" in capsys.readouterr().out

    out = tmp_path / "cli.npz"
    assert main(["train", "--sizes", "2,3,1", "--steps", "7", "--seed", "4", "--export", str(out), "--quiet"]) == 0
    assert window.snapshot_actions.open_snapshot(out) and not dialogs
    assert window.session.params.equals(load_snapshot(out).params) and window.session.step_count == 7
