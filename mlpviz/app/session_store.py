"""The session kept across launches: architecture, settings, data and last parameters.

A folder (default ``AppDataLocation/session``) holds ``session.json`` — settings, step
and the names of the companion files written first: an engine snapshot (``.npz``:
architecture and parameters), the data arrays (``.npz``) and the loss log's columns
(``.npz``; older sessions have none, and a log that does not fit the snapshot is
dropped, the rest restored). Every file is written
atomically and companions carry a fresh token, so ``session.json`` always names a
complete set: a crash mid-save leaves the previous session readable. Saving and loading
hold ``session.lock`` (a QLockFile), so two instances closing together take turns and
no save deletes files another is about to name. Everything read back is checked by the
rules that check user input; a session that fails in any way is set aside whole
(``session.json`` and its companions renamed ``….bad-<time>``) and the caller starts the default.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QLockFile, QStandardPaths

from mlpviz.datasets import Dataset, InputScaling
from mlpviz.datasets.dataset import MAX_SAMPLES

from mlpviz.engine import Architecture, MlpvizError, SnapshotError

from mlpviz.io import Snapshot
from mlpviz.io.atomic import atomic_write_bytes, atomic_write_text, remove_temporaries
from mlpviz.io.limits import MAX_SNAPSHOT_BYTES, read_bytes
from mlpviz.io.snapshot import load_snapshot, save_snapshot
from mlpviz.io.zip_members import read_npz_arrays

from mlpviz.training.loss_log import DEFAULT_MAX_ENTRIES, LossEntries, LossLog
from mlpviz.training.settings import TrainingConfig

FORMAT = "mlpviz.session"
VERSION = 1
FILE_NAME = "session.json"
MAX_SESSION_JSON_BYTES = 1024 * 1024
MAX_SESSION_DATA_BYTES = MAX_SNAPSHOT_BYTES  # one limit: what is written must read back
LOCK_NAME = "session.lock"  # held while saving or loading
INSTANCE_LOCK_NAME = "instance.lock"  # held by the first running instance that uses the folder
LOCK_WAIT_MS = 15_000
LOCK_STALE_MS = 60_000  # a lock older than this (its writer died) is taken over
MAX_DATA_NAME = 200
_DATA_KEYS = ("x_train", "y_train", "x_test", "y_test")
_SCALING_KEYS = ("input_mean", "input_std", "input_rows", "input_names")
_LABEL_KEYS = ("labels_train", "labels_test")
_LOG_KEYS = LossEntries._fields  # steps, train, test, diverged, accuracy, test_accuracy
MAX_SESSION_LOG_BYTES = 48 * DEFAULT_MAX_ENTRIES + 65536  # a full log's six columns (41 bytes an entry) and the zip


def default_folder() -> Path:
    """``AppDataLocation/session`` (per user, per platform)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "session"


@dataclass(frozen=True)
class SavedSession:
    """What a session file holds, checked and ready to apply."""

    snapshot: Snapshot
    config: TrainingConfig
    dataset: Dataset | None  # None: the data were too large to keep, only the network was saved
    loss_log: LossLog | None = None  # None: none saved (an older session), or it was dropped
    loss_problem: str = ""  # why a saved loss log was dropped


class SessionStore:
    """Save and load the session in ``folder``; ``load`` sets a bad session aside whole."""

    def __init__(self, folder=None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self._instance_lock: QLockFile | None = None

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def problem(self) -> str:
        """Why the session cannot be kept here ('' if it can): the folder's path is a file, say."""
        if self.folder.exists() and not self.folder.is_dir():
            return f"{self.folder} is a file, not a folder, so the session cannot be saved there"
        return ""

    def claim(self) -> bool:
        """Mark this instance as using the folder; False if another running instance already does."""
        if self._instance_lock is not None or self.problem():
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True  # saving will say what is wrong
        lock = QLockFile(str(self.folder / INSTANCE_LOCK_NAME))
        lock.setStaleLockTime(0)  # held for the whole run; only a dead owner frees it
        if not lock.tryLock(0):
            return False
        self._instance_lock = lock
        return True

    def release(self) -> None:
        """Give up the claim from ``claim`` (the app does at quit)."""
        if self._instance_lock is not None:
            self._instance_lock.unlock()
            self._instance_lock = None

    @contextlib.contextmanager
    def _locked(self):
        """Hold ``session.lock``: one instance at a time saves, loads or sets aside."""
        problem = self.problem()
        if problem:
            raise SnapshotError(problem)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SnapshotError(f"{self.folder}: cannot create the session folder ({exc.strerror or exc})") from None
        lock = QLockFile(str(self.folder / LOCK_NAME))
        lock.setStaleLockTime(LOCK_STALE_MS)
        if not lock.tryLock(LOCK_WAIT_MS):
            raise SnapshotError(f"{self.folder}: another mlpviz kept the session locked for {LOCK_WAIT_MS // 1000} s")
        try:
            yield
        finally:
            lock.unlock()

    # --- saving ----------------------------------------------------------------------

    def save(self, session) -> Path:
        """Write ``session`` (a Session: arch, params, step_count, config, dataset); returns the path.

        Data larger as saved than the reader accepts are not copied: the JSON records
        their name only, and the next launch keeps the network if it fits the data it has.
        """
        config = session.config
        snap = session.snapshot()
        data = _data_bytes(session.dataset)
        log = _log_bytes(session.trainer.loss_log)
        with self._locked():
            token = secrets.token_hex(8)
            snap_name, data_name, log_name = (f"session-{token}.npz", f"session-{token}-data.npz",
                                              f"session-{token}-loss.npz")
            try:
                save_snapshot(self.folder / snap_name, snap)
                if data is not None:
                    atomic_write_bytes(self.folder / data_name, data)
                if log is not None:
                    atomic_write_bytes(self.folder / log_name, log)
                doc = {
                    "format": FORMAT, "version": VERSION, "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "step": int(session.step_count), "config": dataclasses.asdict(config),
                    "snapshot": snap_name, "data": data_name if data is not None else None,
                    "data_name": session.dataset.name[:MAX_DATA_NAME],
                    "loss": log_name if log is not None else None,
                }
                atomic_write_text(self.path, json.dumps(doc, indent=2) + "\n")
            except BaseException:
                for name in (snap_name, data_name, log_name):
                    with contextlib.suppress(OSError):
                        (self.folder / name).unlink()
                raise
            self._remove_stale({snap_name, data_name, log_name})
        return self.path

    def _remove_stale(self, keep: set[str]) -> None:
        """Companions no ``session.json`` names any more (called under the lock, after a save)."""
        for old in self.folder.glob("session-*.npz"):
            if old.name not in keep:
                with contextlib.suppress(OSError):
                    old.unlink()

    # --- loading ---------------------------------------------------------------------

    def load(self) -> SavedSession | None:
        """The saved session, None if there is none; a bad one is set aside and raises SnapshotError."""
        if self.problem() or not self.path.exists():
            return None
        with self._locked():
            remove_temporaries(self.folder, ("session.json", "session-"))  # left by a killed save
            if not self.path.exists():
                return None
            try:
                return self._read()
            except Exception as exc:  # noqa: BLE001 - whatever is wrong, the app must start
                where = self._set_aside()
                raise SnapshotError(
                    f"The saved session could not be loaded ({_reason(exc)}); {where}"
                ) from None

    def set_aside(self) -> str:
        """Rename the session (JSON and companions) to ``….bad-<time>``; returns a sentence saying where."""
        with self._locked():
            return self._set_aside()

    def _set_aside(self) -> str:
        suffix = f".bad-{time.strftime('%Y%m%d-%H%M%S')}"
        n = 1
        while any(self.folder.glob(f"*{suffix}")):
            suffix = f".bad-{time.strftime('%Y%m%d-%H%M%S')}-{n}"
            n += 1
        moved = []
        for path in [self.path, *sorted(self.folder.glob("session-*.npz"))]:
            with contextlib.suppress(FileNotFoundError):
                os.replace(path, path.with_name(path.name + suffix))
                moved.append(path.name + suffix)
        return f"it was kept in {self.folder} as {', '.join(moved) or 'nothing'}"

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
        except MlpvizError as exc:
            raise SnapshotError(f"{self.path}: bad training settings: {exc}") from None
        name = doc.get("data_name", "saved data")
        if not isinstance(name, str):
            raise SnapshotError(f"{self.path}: 'data_name' must be text")
        snap = load_snapshot(self._companion(doc, "snapshot"))
        dataset = None
        if doc.get("data") is not None:
            dataset = _read_data(self._companion(doc, "data"), name[:MAX_DATA_NAME])
            _check_fits(dataset, snap.arch)
        log, problem = None, ""
        if doc.get("loss") is not None:  # a log that cannot be used is dropped; the session is still good
            try:
                log = _read_log(self._companion(doc, "loss"), snap.step)
            except Exception as exc:  # noqa: BLE001 - whatever is wrong with it, the rest is restored
                problem = _reason(exc)
        return SavedSession(snap, config, dataset, log, problem)

    def _companion(self, doc: dict, key: str) -> Path:
        name = doc.get(key)
        if not isinstance(name, str) or not name.startswith("session-") or "/" in name or "\\" in name:
            raise SnapshotError(f"{self.path}: {key!r} does not name a session file")
        return self.folder / name


def _reason(exc: BaseException) -> str:
    """An exception as a short message: mlpviz's own text, or its type and the start of its text."""
    if isinstance(exc, MlpvizError):
        return str(exc)
    return f"{type(exc).__name__}: {str(exc)[:160]}"


def _check_fits(dataset: Dataset, arch: Architecture) -> None:
    """The data feed the network (the checks ``Session.set_data`` makes), before anything is applied."""
    if dataset.n_inputs != arch.sizes[0]:
        raise SnapshotError(f"the saved data have {dataset.n_inputs} inputs; the saved network needs {arch.sizes[0]}")
    dataset.targets_for(arch.sizes[-1])
    if dataset.n_test:
        dataset.targets_for(arch.sizes[-1], test=True)


def apply_saved(session, saved: SavedSession) -> None:
    """Put ``saved`` into ``session``: data and network first (they check), then settings and the run."""
    if saved.dataset is not None:
        session.set_data(saved.dataset, saved.snapshot.arch)
    session.set_config(saved.config)
    session.load_snapshot(saved.snapshot, saved.loss_log)
    session.forget_undo()  # the restored session is where undo starts


def restore_session(store: SessionStore, session) -> str:
    """Load the saved session into ``session``; returns a status message ('' if there was none).

    Anything wrong, whatever the exception, leaves ``session`` on its defaults and the
    whole saved session set aside; the message says where it went.
    """
    try:
        saved = store.load()
    except Exception as exc:  # noqa: BLE001 - load sets the session aside itself
        return f"{_reason(exc)}. Starting afresh."
    if saved is None:
        return ""
    try:
        apply_saved(session, saved)
    except Exception as exc:  # noqa: BLE001 - a restore must never stop the launch
        try:
            _reset_to_defaults(session)
        except Exception:  # noqa: BLE001 - start with what there is rather than not at all
            pass
        try:
            where = store.set_aside()
        except MlpvizError as second:
            where = f"it could not be set aside ({second})"
        return f"The saved session could not be used ({_reason(exc)}); {where}. Starting afresh."
    note = "" if saved.dataset is not None else " (its data were too large to keep; using the current data)"
    if saved.loss_problem:
        note += QCoreApplication.translate("SessionStore", " (its loss curve was dropped: {0})").format(
            saved.loss_problem)
    return f"Restored the last session: {saved.snapshot.arch.label()} at step {saved.snapshot.step}{note}"


def _reset_to_defaults(session) -> None:
    """Put a half-restored ``session`` back to what a new Session starts with."""
    fresh = type(session)()
    session.set_config(fresh.config)
    session.set_data(fresh.dataset, fresh.arch)
    session.set_network(fresh.arch, fresh.params)
    session.forget_undo()
    fresh.deleteLater()


def _data_bytes(dataset: Dataset) -> bytes | None:
    """The data as an ``.npz``, or None if it is over what the reader accepts (then only its name is kept)."""
    arrays = {k: np.asarray(getattr(dataset, k)) for k in _DATA_KEYS}
    for k in _LABEL_KEYS:
        if getattr(dataset, k) is not None:
            arrays[k] = np.asarray(getattr(dataset, k))
    if sum(a.nbytes for a in arrays.values()) > MAX_SESSION_DATA_BYTES:  # no need to build it to know
        return None
    arrays["n_classes"] = np.array(int(dataset.n_classes))
    if dataset.class_names:
        arrays["class_names"] = np.array(dataset.class_names, dtype=str)
    scaling = dataset.input_scaling
    if scaling is not None:
        arrays.update(input_mean=scaling.mean, input_std=scaling.std, input_rows=np.array(scaling.rows),
                      input_names=np.array(scaling.names, dtype=str))
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    data = buf.getvalue()
    return data if len(data) <= MAX_SESSION_DATA_BYTES else None


def _log_bytes(log: LossLog) -> bytes | None:
    """The loss log's filled columns as an ``.npz``, or None if empty or over what the reader accepts."""
    if not len(log):
        return None
    buf = io.BytesIO()
    np.savez(buf, **dict(zip(_LOG_KEYS, log.entries())))
    data = buf.getvalue()
    return data if len(data) <= MAX_SESSION_LOG_BYTES else None


def _read_arrays(path: Path, limit: int, what: str, keys: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The arrays ``keys`` (those present) of the session's ``.npz`` at ``path``, refused as ``what`` when
    over ``limit`` bytes packed or unpacked, or damaged."""
    return read_npz_arrays(path, read_bytes(path, SnapshotError, limit, what), keys, limit, what)


def _read_log(path: Path, step: int) -> LossLog:
    """The saved loss log, checked as a LossLog of a run at ``step`` (MlpvizError if it is not one)."""
    arrays = _read_arrays(path, MAX_SESSION_LOG_BYTES, "session loss log", _LOG_KEYS)
    missing = [k for k in _LOG_KEYS if k not in arrays]
    if missing:
        raise SnapshotError(f"{path}: missing {', '.join(missing)}")
    return LossLog.from_columns(LossEntries(*(arrays[k] for k in _LOG_KEYS)), step)


def _read_data(path: Path, name: str) -> Dataset:
    """The saved data set, checked like data a user opens: shapes, finite values, labels in range."""
    arrays = _read_arrays(path, MAX_SESSION_DATA_BYTES, "session data file",
                          _DATA_KEYS + _LABEL_KEYS + ("n_classes", "class_names") + _SCALING_KEYS)
    missing = [k for k in _DATA_KEYS + ("n_classes",) if k not in arrays]
    if missing:
        raise SnapshotError(f"{path}: missing {', '.join(missing)}")
    for k in _DATA_KEYS:
        a = arrays[k]
        if a.dtype.kind != "f" or a.ndim != 2 or not np.isfinite(a).all():
            raise SnapshotError(f"{path}: {k} must be a 2-D array of finite numbers")
    x_train, y_train, x_test, y_test = (arrays[k] for k in _DATA_KEYS)
    if not 1 <= len(x_train) <= MAX_SAMPLES or len(x_train) + len(x_test) > MAX_SAMPLES:
        raise SnapshotError(f"{path}: the saved data must have 1 to {MAX_SAMPLES:,} samples")
    if x_test.shape[1] != x_train.shape[1] or y_test.shape[1] != y_train.shape[1] or len(y_test) != len(x_test):
        raise SnapshotError(f"{path}: the saved test data do not match the training data's columns")
    n_classes = arrays["n_classes"]
    most = max(2, y_train.shape[1])  # a 0/1 column holds 2 classes; one-hot targets one per column
    if n_classes.shape != () or n_classes.dtype.kind not in "iu" or not (
            int(n_classes) == 0 or 2 <= int(n_classes) <= most):
        raise SnapshotError(f"{path}: the number of classes must be 0 or 2 to {most} for these targets")
    n_classes = int(n_classes)
    labels = {}
    for k, rows in zip(_LABEL_KEYS, (len(x_train), len(x_test))):
        a = arrays.get(k)
        if a is None:
            continue
        if a.dtype.kind not in "iu" or a.shape != (rows,) or (rows and not (0 <= a.min() and a.max() < n_classes)):
            raise SnapshotError(f"{path}: {k} must hold {rows} whole numbers from 0 to {n_classes - 1}")
        labels[k] = a
    if n_classes and len(labels) != 2:
        raise SnapshotError(f"{path}: data with {n_classes} classes must have labels for training and test")
    names = arrays.get("class_names")
    if names is not None and (names.dtype.kind != "U" or names.shape != (n_classes,)):
        raise SnapshotError(f"{path}: class_names must be one text per class ({n_classes})")
    return Dataset(name, x_train, y_train, x_test, y_test, labels.get("labels_train"), labels.get("labels_test"),
                   n_classes=n_classes, class_names=() if names is None else tuple(names.tolist()),
                   input_scaling=_read_scaling(path, arrays, x_train.shape[1]))


def _read_scaling(path: Path, arrays: dict, n_inputs: int) -> InputScaling | None:
    """How the saved inputs were standardized (all of its arrays or none), checked; None when they were not."""
    present = [k for k in _SCALING_KEYS if k in arrays]
    if not present:
        return None
    if len(present) != len(_SCALING_KEYS):
        raise SnapshotError(f"{path}: the input scaling needs {', '.join(_SCALING_KEYS)} together")
    mean, std, rows, names = (arrays[k] for k in _SCALING_KEYS)
    if (mean.dtype.kind != "f" or std.dtype.kind != "f" or mean.shape != (n_inputs,) or std.shape != (n_inputs,)
            or rows.shape != () or rows.dtype.kind not in "iu" or names.dtype.kind != "U" or names.ndim != 1):
        raise SnapshotError(f"{path}: the input scaling must hold a mean and a std per input, a row count and names")
    try:
        return InputScaling(mean, std, int(rows), tuple(names.tolist()))
    except MlpvizError as exc:
        raise SnapshotError(f"{path}: {exc}") from None
