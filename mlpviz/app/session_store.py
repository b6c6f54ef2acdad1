"""The session kept across launches: architecture, settings, data and last parameters.

A folder (default ``AppDataLocation/session``) holds ``session.json`` — settings, step
and the names of two companion files written first: an engine snapshot (``.npz``:
architecture and parameters) and the data arrays (``.npz``). Every file is written
atomically and companions carry a fresh token, so ``session.json`` always names a
complete set: a crash mid-save leaves the previous session readable. A file that fails
to load is renamed aside (``session.json.bad-<time>``) and the caller starts the default.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QStandardPaths

from mlpviz.datasets import Dataset
from mlpviz.engine import MlpvizError, SnapshotError
from mlpviz.io import Snapshot
from mlpviz.io.atomic import atomic_write_bytes, atomic_write_text
from mlpviz.io.limits import MAX_SNAPSHOT_BYTES, read_bytes
from mlpviz.io.snapshot import load_snapshot, save_snapshot
from mlpviz.training.settings import TrainingConfig

FORMAT = "mlpviz.session"
VERSION = 1
FILE_NAME = "session.json"
MAX_SESSION_JSON_BYTES = 1024 * 1024
_DATA_KEYS = ("x_train", "y_train", "x_test", "y_test")
_LABEL_KEYS = ("labels_train", "labels_test")


def default_folder() -> Path:
    """``AppDataLocation/session`` (per user, per platform)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "session"


@dataclass(frozen=True)
class SavedSession:
    """What a session file holds, checked and ready to apply."""

    snapshot: Snapshot
    config: TrainingConfig
    dataset: Dataset


class SessionStore:
    """Save and load the session in ``folder``; ``load`` sets a bad file aside."""

    def __init__(self, folder=None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    # --- saving ----------------------------------------------------------------------

    def save(self, session) -> Path:
        """Write ``session`` (a Session: arch, params, step_count, config, dataset); returns the path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(4)
        snap_name, data_name = f"session-{token}.npz", f"session-{token}-data.npz"
        config = session.config
        save_snapshot(self.folder / snap_name, session.snapshot())
        atomic_write_bytes(self.folder / data_name, _data_bytes(session.dataset))
        doc = {
            "format": FORMAT, "version": VERSION, "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "step": int(session.step_count), "config": dataclasses.asdict(config),
            "snapshot": snap_name, "data": data_name, "data_name": session.dataset.name,
        }
        atomic_write_text(self.path, json.dumps(doc, indent=2) + "\n")
        self._remove_stale({snap_name, data_name})
        return self.path

    def _remove_stale(self, keep: set[str]) -> None:
        for old in self.folder.glob("session-*.npz"):
            if old.name not in keep:
                try:
                    old.unlink()
                except OSError:
                    pass

    # --- loading ---------------------------------------------------------------------

    def load(self) -> SavedSession | None:
        """The saved session, None if there is none; a bad one is renamed aside and raises SnapshotError."""
        if not self.path.exists():
            return None
        try:
            return self._read()
        except MlpvizError as exc:
            aside = self.set_aside()
            raise SnapshotError(f"The saved session could not be loaded ({exc}); it was kept as {aside.name}") from None

    def set_aside(self) -> Path:
        """Rename ``session.json`` to ``session.json.bad-<time>`` and return the new path."""
        aside = self.path.with_name(f"{FILE_NAME}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        n = 1
        while aside.exists():
            aside = aside.with_name(f"{FILE_NAME}.bad-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
            n += 1
        os.replace(self.path, aside)
        return aside

    def _read(self) -> SavedSession:
        raw = read_bytes(self.path, SnapshotError, MAX_SESSION_JSON_BYTES, "session file")
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise SnapshotError(f"{self.path}: not valid JSON") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise SnapshotError(f"{self.path}: not an mlpviz session file")
        if doc.get("version") != VERSION:
            raise SnapshotError(f"{self.path}: session version {str(doc.get('version'))[:20]} is not supported")
        config = doc.get("config")
        if not isinstance(config, dict):
            raise SnapshotError(f"{self.path}: 'config' must be an object")
        known = {f.name for f in dataclasses.fields(TrainingConfig)}
        try:
            config = TrainingConfig(**{k: v for k, v in config.items() if k in known})
        except (TypeError, MlpvizError) as exc:
            raise SnapshotError(f"{self.path}: bad training settings: {exc}") from None
        snap = load_snapshot(self._companion(doc, "snapshot"))
        dataset = _read_data(self._companion(doc, "data"), str(doc.get("data_name", "saved data")))
        return SavedSession(snap, config, dataset)

    def _companion(self, doc: dict, key: str) -> Path:
        name = doc.get(key)
        if not isinstance(name, str) or not name.startswith("session-") or "/" in name or "\\" in name:
            raise SnapshotError(f"{self.path}: {key!r} does not name a session file")
        return self.folder / name


def apply_saved(session, saved: SavedSession) -> None:
    """Put ``saved`` into ``session``: data and network first (they check), then settings and the run."""
    session.set_data(saved.dataset, saved.snapshot.arch)
    session.set_config(saved.config)
    session.load_snapshot(saved.snapshot)
    session.forget_undo()  # the restored session is where undo starts


def restore_session(store: SessionStore, session) -> str:
    """Load the saved session into ``session``; returns a status message ('' if there was none).

    Anything wrong leaves ``session`` on its default and the bad file set aside.
    """
    try:
        saved = store.load()
        if saved is None:
            return ""
        apply_saved(session, saved)
    except MlpvizError as exc:
        if store.path.exists():
            aside = store.set_aside()
            return f"The saved session could not be used ({exc}); it was kept as {aside.name}. Starting afresh."
        return f"{exc}. Starting afresh."
    return f"Restored the last session: {saved.snapshot.arch.label()} at step {saved.snapshot.step}"


def _data_bytes(dataset: Dataset) -> bytes:
    arrays = {k: np.asarray(getattr(dataset, k)) for k in _DATA_KEYS}
    for k in _LABEL_KEYS:
        if getattr(dataset, k) is not None:
            arrays[k] = np.asarray(getattr(dataset, k))
    arrays["n_classes"] = np.array(int(dataset.n_classes))
    if dataset.class_names:
        arrays["class_names"] = np.array(dataset.class_names, dtype=str)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _read_data(path: Path, name: str) -> Dataset:
    raw = read_bytes(path, SnapshotError, MAX_SNAPSHOT_BYTES, "session data file")
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files if k in _DATA_KEYS + _LABEL_KEYS + ("n_classes", "class_names")}
        missing = [k for k in _DATA_KEYS + ("n_classes",) if k not in arrays]
        if missing:
            raise SnapshotError(f"{path}: missing {', '.join(missing)}")
        for k in _DATA_KEYS:
            if arrays[k].dtype.kind != "f" or arrays[k].ndim != 2 or not np.isfinite(arrays[k]).all():
                raise SnapshotError(f"{path}: {k} must be a 2-D array of finite numbers")
        names = arrays.get("class_names")
        if names is not None and (names.dtype.kind != "U" or names.ndim != 1):
            raise SnapshotError(f"{path}: class_names must be a list of texts")
        return Dataset(
            name, *(arrays[k] for k in _DATA_KEYS), *(arrays.get(k) for k in _LABEL_KEYS),
            n_classes=int(arrays["n_classes"]), class_names=() if names is None else tuple(names.tolist()),
        )
    except MlpvizError:
        raise
    except Exception as exc:  # numpy/zipfile raise many types on damaged files
        raise SnapshotError(f"{path}: damaged session data ({type(exc).__name__}: {str(exc)[:100]})") from None
