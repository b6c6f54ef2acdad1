"""The kept session when the disk or the folder misbehave: read-only, full at quit, data too large to keep.

Each case ends with a launch that says what happened, never with a wrong reason or a silent
older session.
"""

from __future__ import annotations

import errno
import json
import os

import pytest
from PySide6.QtCore import QLockFile

from mlpviz.app import session_store
from mlpviz.app.session import Session
from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.datasets import make_dataset
from mlpviz.document import run_arrays
from mlpviz.engine import Architecture, SnapshotError
from mlpviz.io import load_snapshot


def _session(steps=3, arch=None, dataset=None) -> Session:
    s = Session()
    s.set_animate(False)
    if arch is not None:
        s.set_data(dataset, arch)
    for _ in range(steps):
        s.step()
    return s


class _ReadOnlyLock(QLockFile):
    """What QLockFile does in a folder this user may not write to."""

    def tryLock(self, timeout=0):  # noqa: N802
        return False

    def error(self):
        return QLockFile.LockError.PermissionError


def test_a_read_only_folder_is_not_another_instance_and_its_session_is_restored(qtbot, tmp_path, monkeypatch):
    saved = _session(4)
    SessionStore(tmp_path).save(saved)
    monkeypatch.setattr(session_store, "QLockFile", _ReadOnlyLock)
    monkeypatch.setattr(session_store.os, "access", lambda path, mode: False)
    store = SessionStore(tmp_path)
    assert store.claim()  # no other mlpviz holds it: the folder is only read-only
    fresh = Session()
    message = restore_session(store, fresh)
    assert message.startswith("Restored the last session") and fresh.step_count == 4
    assert "read-only" in message and "not kept at quit" in message
    assert fresh.params.equals(saved.params)
    with pytest.raises(SnapshotError, match="cannot be written to") as refused:
        store.save(fresh)
    assert "another mlpviz" not in str(refused.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder_restores_its_session(qtbot, tmp_path):
    saved = _session(2)
    SessionStore(tmp_path).save(saved)
    tmp_path.chmod(0o555)
    try:
        fresh = Session()
        store = SessionStore(tmp_path)
        assert store.claim()
        assert restore_session(store, fresh).startswith("Restored") and fresh.step_count == 2
    finally:
        tmp_path.chmod(0o755)


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_save_that_fails_at_quit_is_said_at_the_next_launch(qtbot, tmp_path, monkeypatch):
    store = SessionStore(tmp_path)
    store.save(_session(2))
    newer = _session(5)
    with monkeypatch.context() as m:
        m.setattr(session_store, "atomic_write_text", _disk_full)
        with pytest.raises(OSError):
            store.save(newer)  # at quit: one line on stderr, and word for the next launch
    fresh = Session()
    message = restore_session(SessionStore(tmp_path), fresh)
    assert "could not be saved" in message and "No space left on device" in message
    assert "saved before that" in message and fresh.step_count == 2  # the older one, and said so
    assert "could not be saved" not in restore_session(SessionStore(tmp_path), Session())  # said once


def test_word_of_a_failed_save_needs_no_free_space(qtbot, tmp_path, monkeypatch):
    store = SessionStore(tmp_path)
    store.save(_session(1))
    monkeypatch.setattr(session_store, "atomic_write_text", _disk_full)
    monkeypatch.setattr(type(tmp_path), "write_text", _disk_full)  # even the note's text does not fit
    with pytest.raises(OSError):
        store.save(_session(3))
    monkeypatch.undo()
    message = restore_session(SessionStore(tmp_path), Session())
    assert "could not be saved" in message and "the disk may have been full" in message


def test_a_later_good_save_clears_the_word(qtbot, tmp_path, monkeypatch):
    store = SessionStore(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(session_store, "atomic_write_text", _disk_full)
        with pytest.raises(OSError):
            store.save(_session(1))
    store.save(_session(2))
    assert "could not be saved" not in restore_session(SessionStore(tmp_path), Session())


def test_a_session_whose_data_were_too_large_is_not_called_broken(qtbot, tmp_path, monkeypatch):
    arch = Architecture((3, 4, 2), "tanh", "softmax", "ce")
    data = make_dataset("blobs", n_samples=40, seed=1)
    import numpy as np

    from mlpviz.datasets import Dataset

    wide = Dataset("wide.csv", np.hstack([data.x_train, data.x_train[:, :1]]), data.y_train,
                   np.hstack([data.x_test, data.x_test[:, :1]]), data.y_test, data.labels_train, data.labels_test,
                   data.n_classes)
    saved = _session(3, Architecture((3, 4, wide.n_outputs), "tanh", "sigmoid" if wide.n_outputs == 1 else "softmax",
                                     "bce" if wide.n_outputs == 1 else "ce"), wide)
    monkeypatch.setattr(run_arrays, "MAX_DATA_BYTES", wide.x_train.nbytes)  # too large to keep
    store = SessionStore(tmp_path)
    store.save(saved)
    assert json.loads(store.path.read_text())["data"] is None
    fresh = Session()  # starts on the notebook's 2-input data: the 3-input network cannot go on it
    message = restore_session(store, fresh)
    assert "too large to keep" in message and "wide.csv" in message
    assert "notebook" not in message and "set aside" not in message and not list(tmp_path.glob("*.bad-*"))
    kept = list(tmp_path.glob("network-*.npz"))
    assert len(kept) == 1 and str(kept[0]) in message
    assert load_snapshot(kept[0]).params.equals(saved.params)
    assert fresh.arch == Session().arch  # the app starts on its defaults
