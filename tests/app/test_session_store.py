"""Session store: a session survives save and load; a bad file is set aside and the default starts."""

from __future__ import annotations

import json

import numpy as np

from mlpviz.app.session import DEFAULT_ARCH, Session
from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.settings import TrainingConfig


def _trained_session() -> Session:
    s = Session()
    s.set_animate(False)
    s.set_data(make_dataset("blobs", n_samples=60, seed=4), Architecture((2, 5, 3), "tanh", "softmax", "ce"))
    s.set_config(TrainingConfig(seed=9, learning_rate=0.3, batch_size=8, momentum=0.5))
    for _ in range(7):
        s.step()
    return s


def test_round_trip_restores_everything(qtbot, tmp_path):
    s = _trained_session()
    store = SessionStore(tmp_path / "session")
    store.save(s)
    fresh = Session()
    assert restore_session(SessionStore(tmp_path / "session"), fresh).startswith("Restored")
    assert fresh.arch == s.arch and fresh.step_count == 7 and fresh.config == s.config
    assert fresh.params.equals(s.params)
    for key in ("x_train", "y_train", "x_test", "y_test", "labels_train"):
        assert np.array_equal(getattr(fresh.dataset, key), getattr(s.dataset, key))
    assert fresh.dataset.name == s.dataset.name and fresh.dataset.n_classes == s.dataset.n_classes


def test_saving_again_leaves_one_set_of_files(qtbot, tmp_path):
    s = _trained_session()
    store = SessionStore(tmp_path)
    store.save(s)
    s.step()
    store.save(s)
    assert len(list(tmp_path.glob("session-*.npz"))) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("session-")) == ["session.json"]


def test_no_saved_session_is_quiet(qtbot, tmp_path):
    s = Session()
    assert restore_session(SessionStore(tmp_path), s) == ""
    assert s.arch == DEFAULT_ARCH


def _assert_default_and_set_aside(session, store, message):
    assert "could not" in message and "bad-" in message
    assert session.arch == DEFAULT_ARCH and session.step_count == 0
    assert session.params.equals(Session().params)
    assert not store.path.exists()
    assert len(list(store.folder.glob("session.json.bad-*"))) == 1


def test_corrupt_session_file_starts_default_and_keeps_it_aside(qtbot, tmp_path):
    store = SessionStore(tmp_path)
    store.save(_trained_session())
    store.path.write_text('{"format": "mlpviz.session", "vers')
    s = Session()
    _assert_default_and_set_aside(s, store, restore_session(store, s))
    assert next(tmp_path.glob("session.json.bad-*")).read_text().endswith("vers")


def test_damaged_companion_snapshot_is_refused(qtbot, tmp_path):
    store = SessionStore(tmp_path)
    store.save(_trained_session())
    snap = tmp_path / json.loads(store.path.read_text())["snapshot"]
    snap.write_bytes(snap.read_bytes()[:100])
    s = Session()
    _assert_default_and_set_aside(s, store, restore_session(store, s))


def test_companion_outside_the_folder_is_refused(qtbot, tmp_path):
    store = SessionStore(tmp_path / "inner")
    store.save(_trained_session())
    doc = json.loads(store.path.read_text())
    doc["data"] = "../elsewhere.npz"
    store.path.write_text(json.dumps(doc))
    s = Session()
    _assert_default_and_set_aside(s, store, restore_session(store, s))


def test_mismatched_data_and_network_are_refused_untouched(qtbot, tmp_path):
    store = SessionStore(tmp_path)
    store.save(_trained_session())
    doc = json.loads(store.path.read_text())
    other = SessionStore(tmp_path / "other")
    default = Session()
    default.set_data(make_dataset("notebook"))
    other.save(default)
    # the default session's data (2 inputs, 1 target) with a 2-5-3 softmax network
    (tmp_path / doc["data"]).write_bytes((tmp_path / "other" / json.loads(other.path.read_text())["data"]).read_bytes())
    s = Session()
    message = restore_session(store, s)
    # blobs targets have 3 classes; the notebook data has 2 classes and cannot feed 3 outputs
    _assert_default_and_set_aside(s, store, message)


def test_class_names_survive_save_and_load(qtbot, tmp_path):
    s = Session()
    s.set_data(make_dataset("iris", seed=1), Architecture((4, 8, 3), "tanh", "softmax", "ce"))
    SessionStore(tmp_path / "session").save(s)
    fresh = Session()
    assert restore_session(SessionStore(tmp_path / "session"), fresh).startswith("Restored")
    assert fresh.dataset.class_names == ("setosa", "versicolor", "virginica")
