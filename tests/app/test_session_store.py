"""Session store: a session survives save and load; a bad file is set aside and the default starts."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from mlpviz.app.session import DEFAULT_ARCH, Session
from mlpviz.app import session_store
from mlpviz.document import run_arrays
from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.engine import SnapshotError
from mlpviz.training.settings import TrainingConfig
from mlpviz.engine import Architecture
from mlpviz.datasets import dataset_from_arrays, make_dataset


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
    assert len(list(tmp_path.glob("session-*.npz"))) == 4  # snapshot, data, loss log and timeline
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
    x = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    default.set_data(dataset_from_arrays("fractions", x, [[0.25], [0.5], [0.75]]))
    other.save(default)
    # data of 2 inputs and one target of fractions (not class indices) with a 2-5-3 softmax network
    (tmp_path / doc["data"]).write_bytes((tmp_path / "other" / json.loads(other.path.read_text())["data"]).read_bytes())
    s = Session()
    message = restore_session(store, s)
    # fractions cannot feed 3 softmax outputs (whole numbers 0..2 could: they would be class indices)
    _assert_default_and_set_aside(s, store, message)



def test_class_names_survive_save_and_load(qtbot, tmp_path):
    s = Session()
    s.set_data(make_dataset("iris", seed=1), Architecture((4, 8, 3), "tanh", "softmax", "ce"))
    SessionStore(tmp_path / "session").save(s)
    fresh = Session()
    assert restore_session(SessionStore(tmp_path / "session"), fresh).startswith("Restored")
    assert fresh.dataset.class_names == ("setosa", "versicolor", "virginica")


def test_standardized_inputs_stay_standardized_and_say_by_what(qtbot, tmp_path):
    from mlpviz.datasets import standardize

    s = Session()
    s.set_data(standardize(make_dataset("iris", seed=1), ("a", "b", "c", "d")),
               Architecture((4, 8, 3), "tanh", "softmax", "ce"))
    SessionStore(tmp_path / "session").save(s)
    fresh = Session()
    assert restore_session(SessionStore(tmp_path / "session"), fresh).startswith("Restored")
    scaling = fresh.dataset.input_scaling
    assert scaling is not None and scaling.names == ("a", "b", "c", "d")
    np.testing.assert_array_equal(scaling.std, s.dataset.input_scaling.std)
    np.testing.assert_array_equal(fresh.dataset.x_test, s.dataset.x_test)
    assert fresh.trainer.snapshot().extra["input_scaling"] == scaling.describe()

# --- issue 17: every value read back follows the rules of user input; a bad session goes aside whole


def _saved(tmp_path) -> tuple[SessionStore, dict]:
    store = SessionStore(tmp_path)
    store.save(_trained_session())
    return store, json.loads(store.path.read_text())


def _assert_whole_session_aside(tmp_path, doc, message):
    """session.json and its companions renamed with one suffix, and the message says where."""
    assert not (tmp_path / "session.json").exists()
    aside = sorted(p.name for p in tmp_path.glob("*.bad-*"))
    assert len(aside) == 5, aside
    suffix = aside[0][aside[0].index(".bad-"):]
    names = ("session.json", doc["snapshot"], doc["data"], doc["loss"], doc["timeline"])
    assert sorted(aside) == sorted(f"{n}{suffix}" for n in names)
    assert str(tmp_path) in message and doc["snapshot"] in message


RAW_CONFIGS = {
    "400-digit learning rate": '"learning_rate": ' + "9" * 400,
    "400-digit momentum": '"momentum": ' + "9" * 400,
    "400-digit decay": '"weight_decay": ' + "9" * 400,
    "batch size 2.5": '"batch_size": 2.5',
    "huge batch size": '"batch_size": ' + str(10**30),
    "seed 1.5": '"seed": 1.5',
    "learning rate true": '"learning_rate": true',
    "init a list": '"init_method": ["normal"]',
}


@pytest.mark.parametrize("case", list(RAW_CONFIGS))
def test_settings_of_any_wrong_type_set_the_whole_session_aside(qtbot, tmp_path, case):
    store, doc = _saved(tmp_path)
    key = RAW_CONFIGS[case].split('"')[1]
    text = store.path.read_text()
    old = f'"{key}": {json.dumps(doc["config"][key])}'
    assert old in text
    store.path.write_text(text.replace(old, RAW_CONFIGS[case]))
    s = Session()
    message = restore_session(SessionStore(tmp_path), s)
    assert s.arch == DEFAULT_ARCH and s.config == TrainingConfig() and s.step_count == 0
    _assert_whole_session_aside(tmp_path, doc, message)


def _rewrite_data(tmp_path, doc, **changes):
    path = tmp_path / doc["data"]
    with np.load(path) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays.update(changes)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    path.write_bytes(buf.getvalue())
    return arrays


@pytest.mark.parametrize("change", [
    {"n_classes": np.array(10**18)},
    {"n_classes": np.array(2.0)},
    {"labels_train": np.full(48, 7)},
    {"labels_test": np.array([-1] * 12)},
    {"labels_train": np.zeros(48)},
    {"x_test": np.zeros((12, 5))},
    {"x_train": np.full((48, 2), 1e151)},
], ids=["n_classes 1e18", "float n_classes", "label over range", "negative label", "float labels", "test columns",
        "values over 1e150 (the rule of CSV files and cells)"])
def test_saved_data_are_checked_like_opened_data(qtbot, tmp_path, change):
    store, doc = _saved(tmp_path)
    with np.load(tmp_path / doc["data"]) as npz:
        assert len(npz["labels_train"]) == 48 and len(npz["labels_test"]) == 12
    _rewrite_data(tmp_path, doc, **change)
    s = Session()
    message = restore_session(SessionStore(tmp_path), s)
    assert s.arch == DEFAULT_ARCH
    _assert_whole_session_aside(tmp_path, doc, message)


def test_any_exception_while_reading_sets_the_session_aside(qtbot, tmp_path, monkeypatch):
    store, doc = _saved(tmp_path)

    def overflow(_path):
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(session_store, "load_snapshot", overflow)
    s = Session()
    message = restore_session(SessionStore(tmp_path), s)
    assert "OverflowError" in message and s.arch == DEFAULT_ARCH
    _assert_whole_session_aside(tmp_path, doc, message)


def test_a_failure_while_applying_returns_to_the_defaults(qtbot, tmp_path, monkeypatch):
    store, doc = _saved(tmp_path)
    s = Session()
    original, calls = Session.load_snapshot, []

    def fail_once_after_data(self, *args, **kwargs):  # the data are in by then: a half-restored session
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Session, "load_snapshot", fail_once_after_data)
    message = restore_session(SessionStore(tmp_path), s)
    assert "RuntimeError" in message and s.arch == DEFAULT_ARCH and s.dataset.name == Session().dataset.name
    _assert_whole_session_aside(tmp_path, doc, message)


def test_companions_of_a_set_aside_session_survive_the_next_save(qtbot, tmp_path):
    store, doc = _saved(tmp_path)
    store.path.write_text("not json")  # merely unreadable: its companions cannot be named from it
    s = Session()
    restore_session(store, s)
    store.save(s)  # what quitting does
    assert (tmp_path / f"{doc['snapshot']}").exists() is False
    kept = [p for p in tmp_path.glob(f"{doc['snapshot']}.bad-*")]
    assert len(kept) == 1 and session_store.load_snapshot(kept[0]).step == 7


def test_a_session_folder_that_is_a_file_gives_one_error(qtbot, tmp_path):
    folder = tmp_path / "session"
    folder.write_text("I am a file")
    store = SessionStore(folder)
    assert "not a folder" in store.problem()
    assert restore_session(store, Session()) == ""
    with pytest.raises(SnapshotError, match="not a folder"):
        store.save(_trained_session())
    assert folder.read_text() == "I am a file"


def test_data_too_large_to_read_back_are_not_written_and_the_network_is_kept(qtbot, tmp_path, monkeypatch):
    s = Session()
    s.set_animate(False)
    s.step()
    monkeypatch.setattr(run_arrays, "MAX_DATA_BYTES", s.dataset.x_train.nbytes)  # data over it
    store = SessionStore(tmp_path)
    store.save(s)
    doc = json.loads(store.path.read_text())
    assert doc["data"] is None and not list(tmp_path.glob("*-data.npz"))
    fresh = Session()
    message = restore_session(store, fresh)
    assert "too large" in message and fresh.step_count == 1 and fresh.params.equals(s.params)


def test_a_zip_bomb_as_session_data_is_refused_quickly(qtbot, tmp_path):
    import time
    import zipfile

    store, doc = _saved(tmp_path)
    with zipfile.ZipFile(tmp_path / doc["data"], "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("x_train.npy", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(run_arrays.MAX_DATA_BYTES // len(chunk) + 2):
                f.write(chunk)
    start = time.perf_counter()
    message = restore_session(SessionStore(tmp_path), Session())
    assert time.perf_counter() - start < 5 and "over the limit" in message
    _assert_whole_session_aside(tmp_path, doc, message)


def test_stale_temporaries_of_a_killed_save_are_removed_at_load(qtbot, tmp_path):
    store, _doc = _saved(tmp_path)
    stale = [tmp_path / ".session.json.abc123.tmp", tmp_path / ".session-1234-data.npz.x.tmp"]
    for path in stale:
        path.write_bytes(b"half")
    other = tmp_path / ".notes.txt.tmp"
    other.write_bytes(b"not ours")
    assert restore_session(store, Session()).startswith("Restored")
    assert not any(p.exists() for p in stale) and other.exists()


def _log_columns(session: Session):
    return session.trainer.loss_log.entries()


def test_the_loss_log_comes_back_with_the_session(qtbot, tmp_path):
    s = _trained_session()
    s.trainer.measure_test_loss()
    store = SessionStore(tmp_path)
    store.save(s)
    assert json.loads(store.path.read_text())["loss"].endswith("-loss.npz")
    fresh = Session()
    assert restore_session(SessionStore(tmp_path), fresh).startswith("Restored")
    assert len(fresh.loss_log) == 7
    for a, b in zip(_log_columns(s), _log_columns(fresh)):
        assert np.array_equal(a, b, equal_nan=True)
    assert fresh.loss_log.latest_accuracy() == s.loss_log.latest_accuracy()
    assert not np.isnan(fresh.loss_log.latest_accuracy()[0])
    assert not fresh.undo_stack.canUndo()  # the restored session, log included, is where undo starts
    fresh.step()  # the run goes on from it
    assert list(fresh.loss_log.steps[-2:]) == [7, 8]


def test_an_older_session_without_a_loss_log_still_loads(qtbot, tmp_path):
    s = _trained_session()
    store = SessionStore(tmp_path)
    store.save(s)
    doc = json.loads(store.path.read_text())
    del doc["loss"]
    store.path.write_text(json.dumps(doc))
    fresh = Session()
    assert restore_session(store, fresh).startswith("Restored")
    assert fresh.step_count == 7 and len(fresh.loss_log) == 0


def _tamper_steps(path):
    with np.load(path) as npz:
        arrays = dict(npz)
    arrays["steps"] = arrays["steps"] + 100  # steps past the snapshot's
    np.savez(path, **arrays)


def _foreign(path):
    path.write_bytes(b"PK\x03\x04 not a loss log at all")


@pytest.mark.parametrize("spoil", [_tamper_steps, _foreign, lambda p: p.unlink()])
def test_a_loss_log_that_does_not_fit_is_dropped_and_the_session_kept(qtbot, tmp_path, spoil):
    s = _trained_session()
    store = SessionStore(tmp_path)
    store.save(s)
    spoil(tmp_path / json.loads(store.path.read_text())["loss"])
    fresh = Session()
    message = restore_session(store, fresh)
    assert message.startswith("Restored") and "loss curve and timeline were dropped" in message
    assert fresh.step_count == 7 and fresh.params.equals(s.params) and len(fresh.loss_log) == 0
    assert store.path.exists() and not list(tmp_path.glob("*.bad-*"))


def test_a_loss_log_named_outside_the_folder_is_not_read(qtbot, tmp_path):
    store = SessionStore(tmp_path / "inner")
    store.save(_trained_session())
    doc = json.loads(store.path.read_text())
    doc["loss"] = "../elsewhere.npz"
    store.path.write_text(json.dumps(doc))
    fresh = Session()
    assert "loss curve and timeline were dropped" in restore_session(store, fresh)
    assert fresh.step_count == 7 and len(fresh.loss_log) == 0
