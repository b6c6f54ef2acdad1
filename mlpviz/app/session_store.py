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
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QStandardPaths

from mlpviz.datasets import Dataset
from mlpviz.engine import MlpvizError, SnapshotError
from mlpviz.document.run_arrays import (
    MAX_DATA_BYTES, MAX_LOG_BYTES, check_fits, data_npz, log_npz, read_data_npz, read_log_npz,
)
from mlpviz.document.timeline_arrays import MAX_HISTORY_BYTES, history_npz, read_history_npz
from mlpviz.i18n import msg
from mlpviz.io import Snapshot
from mlpviz.io.atomic import atomic_write_bytes, atomic_write_text, remove_temporaries
from mlpviz.io.limits import read_bytes
from mlpviz.io.snapshot import save_snapshot
from mlpviz.io.snapshot_read import load_snapshot
from mlpviz.training.history import History
from mlpviz.training.loss_log import LossLog
from mlpviz.training.settings import TrainingConfig

FORMAT = "mlpviz.session"
VERSION = 1
FILE_NAME = "session.json"
MAX_SESSION_JSON_BYTES = 1024 * 1024
NOT_SAVED_NAME = "session.not-saved"  # left when a save fails (at quit: a full disk); the next launch says so
LOCK_NAME = "session.lock"  # held while saving or loading
INSTANCE_LOCK_NAME = "instance.lock"  # held by the first running instance that uses the folder
LOCK_WAIT_MS = 15_000
LOCK_STALE_MS = 60_000  # a lock older than this (its writer died) is taken over
MAX_DATA_NAME = 200


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
    loss_problem: str = ""  # why a saved loss log (and timeline) was dropped
    data_name: str = ""  # the name of the data it was trained on
    history: History | None = None  # the timeline's kept steps (None: none saved, or dropped with the log's problem)


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
            return str(msg("{folder} is a file, not a folder, so the session cannot be saved there", folder=self.folder))
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
        if not lock.tryLock(0):  # held by another instance, or not writable here (saving will say so)
            return lock.error() != QLockFile.LockError.LockFailedError
        self._instance_lock = lock
        return True

    def release(self) -> None:
        """Give up the claim from ``claim`` (the app does at quit)."""
        if self._instance_lock is not None:
            self._instance_lock.unlock()
            self._instance_lock = None

    @contextlib.contextmanager
    def _locked(self, writing: bool = True):
        """Hold ``session.lock``: one instance at a time saves, loads or sets aside.

        In a folder nobody may write to (read-only) there is no lock to take, and nothing to
        guard against: loading goes on without it; saving is refused, saying why.
        """
        problem = self.problem()
        if problem:
            raise SnapshotError(problem)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SnapshotError(msg("{folder}: cannot create the session folder ({value})", folder=self.folder, value=exc.strerror or exc)) from None
        lock = QLockFile(str(self.folder / LOCK_NAME))
        lock.setStaleLockTime(LOCK_STALE_MS)
        if not lock.tryLock(LOCK_WAIT_MS):
            if lock.error() == QLockFile.LockError.LockFailedError:
                raise SnapshotError(msg("{folder}: another mlpviz kept the session locked for {value} s", folder=self.folder, value=LOCK_WAIT_MS // 1000))
            if writing:
                raise SnapshotError(msg("{folder}: the session folder cannot be written to (read-only, or not yours), so the session is not saved there", folder=self.folder))
            yield  # read-only: nothing can change the files while they are read
            return
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
        snap = session.trainer.snapshot()
        data = data_npz(session.dataset)
        log = log_npz(session.trainer.loss_log)
        timeline = history_npz(session.trainer.history, MAX_HISTORY_BYTES, config.make_optimizer())
        with self._locked():
            token = secrets.token_hex(8)
            snap_name, data_name, log_name, timeline_name = (
                f"session-{token}.npz", f"session-{token}-data.npz", f"session-{token}-loss.npz",
                f"session-{token}-timeline.npz")
            try:
                save_snapshot(self.folder / snap_name, snap)
                for name, raw in ((data_name, data), (log_name, log), (timeline_name, timeline)):
                    if raw is not None:
                        atomic_write_bytes(self.folder / name, raw)
                doc = {
                    "format": FORMAT, "version": VERSION, "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "step": int(session.step_count), "config": dataclasses.asdict(config),
                    "snapshot": snap_name, "data": data_name if data is not None else None,
                    "data_name": session.dataset.name[:MAX_DATA_NAME],
                    "loss": log_name if log is not None else None,
                    "timeline": timeline_name if timeline is not None else None,
                }
                atomic_write_text(self.path, json.dumps(doc, indent=2) + "\n")
            except BaseException as exc:
                for name in (snap_name, data_name, log_name, timeline_name):
                    with contextlib.suppress(OSError):
                        (self.folder / name).unlink()
                self._note_not_saved(exc)
                raise
            self._remove_stale({snap_name, data_name, log_name, timeline_name})
            with contextlib.suppress(OSError):
                (self.folder / NOT_SAVED_NAME).unlink()
        return self.path

    def _note_not_saved(self, exc: BaseException) -> None:
        """Leave word for the next launch that this save failed: an empty file needs no free space, its
        text (why) is written if it fits."""
        marker = self.folder / NOT_SAVED_NAME
        with contextlib.suppress(OSError):
            marker.touch()
            marker.write_text(_reason(exc)[:300], encoding="utf-8")

    def not_saved_note(self) -> str:
        """If the last save failed: a sentence saying so (and why, if known); the note is then removed."""
        marker = self.folder / NOT_SAVED_NAME
        if not marker.is_file():
            return ""
        try:
            why = marker.read_text(encoding="utf-8", errors="replace")[:300].strip()
        except OSError:
            why = ""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(marker.stat().st_mtime))
        with contextlib.suppress(OSError):
            marker.unlink()
        return QCoreApplication.translate("SessionStore", "The session could not be saved when mlpviz quit at {0} ({1}); "
                                          "what opened is the session saved before that.").format(
            when, why or QCoreApplication.translate("SessionStore", "the disk may have been full"))

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
        with self._locked(writing=False):
            remove_temporaries(self.folder, ("session.json", "session-"))  # left by a killed save
            if not self.path.exists():
                return None
            try:
                return self._read()
            except Exception as exc:  # noqa: BLE001 - whatever is wrong, the app must start
                where = self._set_aside()
                raise SnapshotError(
                    msg("The saved session could not be loaded ({value}); {where}", value=_reason(exc), where=where)
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
            try:
                os.replace(path, path.with_name(path.name + suffix))
            except FileNotFoundError:
                continue
            except OSError as exc:  # a read-only folder: it stays where it is
                return str(msg("it could not be set aside ({value}) and stays in {folder}", value=exc.strerror or exc, folder=self.folder))
            moved.append(path.name + suffix)
        return str(msg("it was kept in {folder} as {value}", folder=self.folder, value=', '.join(moved) or 'nothing'))

    def _read(self) -> SavedSession:
        raw = read_bytes(self.path, SnapshotError, MAX_SESSION_JSON_BYTES, str(msg("session file")))
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise SnapshotError(msg("{path}: not valid JSON", path=self.path)) from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise SnapshotError(msg("{path}: not an mlpviz session file", path=self.path))
        if doc.get("version") != VERSION:
            raise SnapshotError(msg("{path}: session version {value} is not supported", path=self.path, value=str(doc.get('version'))[:20]))
        config = doc.get("config")
        if not isinstance(config, dict):
            raise SnapshotError(msg("{path}: 'config' must be an object", path=self.path))
        known = {f.name for f in dataclasses.fields(TrainingConfig)}
        try:
            config = TrainingConfig(**{k: v for k, v in config.items() if k in known})
        except MlpvizError as exc:
            raise SnapshotError(msg("{path}: bad training settings: {exc}", path=self.path, exc=exc)) from None
        name = doc.get("data_name", "saved data")
        if not isinstance(name, str):
            raise SnapshotError(msg("{path}: 'data_name' must be text", path=self.path))
        snap = load_snapshot(self._companion(doc, "snapshot"))
        dataset = None
        if doc.get("data") is not None:
            path = self._companion(doc, "data")
            dataset = read_data_npz(path, _read_companion(path, MAX_DATA_BYTES, str(msg("session data file"))),
                                    name[:MAX_DATA_NAME])
            check_fits(dataset, snap.arch)
        log, history, problem = None, None, ""
        try:  # a log or timeline that cannot be used is dropped; the session is still good
            if doc.get("loss") is not None:
                path = self._companion(doc, "loss")
                log = read_log_npz(path, _read_companion(path, MAX_LOG_BYTES, str(msg("session loss log"))), snap.step)
            if doc.get("timeline") is not None:
                path = self._companion(doc, "timeline")
                history = read_history_npz(path, _read_companion(path, MAX_HISTORY_BYTES, str(msg("session timeline"))),
                                           snap.arch, snap.step, config.make_optimizer())
        except Exception as exc:  # noqa: BLE001 - whatever is wrong with it, the rest is restored
            log, history, problem = None, None, _reason(exc)
        return SavedSession(snap, config, dataset, log, problem, name[:MAX_DATA_NAME], history)

    def _companion(self, doc: dict, key: str) -> Path:
        name = doc.get(key)
        if not isinstance(name, str) or not name.startswith("session-") or "/" in name or "\\" in name:
            raise SnapshotError(msg("{path}: {key} does not name a session file", path=self.path, key=repr(key)))
        return self.folder / name


def _reason(exc: BaseException) -> str:
    """An exception as a short message: mlpviz's own text, or its type and the start of its text."""
    if isinstance(exc, MlpvizError):
        return str(exc)
    return f"{type(exc).__name__}: {str(exc)[:160]}"


def apply_saved(session, saved: SavedSession) -> None:
    """Put ``saved`` into ``session``: data and network first (they check), then settings and the run."""
    if saved.dataset is not None:
        session.set_data(saved.dataset, saved.snapshot.arch)
    session.set_config(saved.config)
    session.load_snapshot(saved.snapshot, saved.loss_log, saved.history)
    session.undo_stack.forget()  # the restored session is where undo starts


def restore_session(store: SessionStore, session) -> str:
    """Load the saved session into ``session``; returns a status message ('' if there was none).

    Anything wrong, whatever the exception, leaves ``session`` on its defaults and the
    whole saved session set aside; the message says where it went.
    """
    try:
        saved = store.load()
    except Exception as exc:  # noqa: BLE001 - load sets the session aside itself
        return str(msg("{value}. Starting afresh.", value=_reason(exc)))
    if saved is None:
        return store.not_saved_note()
    note_not_saved = store.not_saved_note()
    if saved.dataset is None and not _fits(session.dataset, saved.snapshot.arch):
        return " ".join(m for m in (note_not_saved, _kept_apart(store, saved)) if m)
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
            where = str(msg("it could not be set aside ({second})", second=second))
        return str(msg("The saved session could not be used ({value}); {where}. Starting afresh.", value=_reason(exc), where=where))
    note = "" if saved.dataset is not None else str(msg(" (its data were too large to keep; using the current data)"))
    if saved.loss_problem:
        note += QCoreApplication.translate("SessionStore", " (its loss curve and timeline were dropped: {0})").format(
            saved.loss_problem)
    restored = str(msg("Restored the last session: {value} at step {step}{note}", value=saved.snapshot.arch.label(), step=saved.snapshot.step, note=note))
    if not os.access(store.folder, os.W_OK):
        restored += QCoreApplication.translate("SessionStore", ". Its folder {0} is read-only: what you do now is "
                                               "not kept at quit").format(store.folder)
    return f"{note_not_saved} {restored}" if note_not_saved else restored


def _fits(dataset: Dataset, arch) -> bool:
    try:
        check_fits(dataset, arch)
    except MlpvizError:
        return False
    return True


def _kept_apart(store: SessionStore, saved: SavedSession) -> str:
    """A session whose data were too large to keep and whose network does not fit the data of this launch:
    its network is kept as a snapshot in the session folder (nothing is wrong with it), and the message
    says how to go on. The session itself is replaced at the next quit."""
    snap = saved.snapshot
    path = store.folder / f"network-{time.strftime('%Y%m%d-%H%M%S')}.npz"
    try:
        save_snapshot(path, snap, exclusive=True)
        kept = QCoreApplication.translate("SessionStore", "its network is kept as {0}").format(path)
    except (MlpvizError, OSError) as exc:
        kept = QCoreApplication.translate("SessionStore", "its network could not be kept ({0})").format(_reason(exc))
    return QCoreApplication.translate(
        "SessionStore", "The last session ({0} at step {1}) was not restored: its data, {2}, were too large to keep, "
        "and its network does not fit the data mlpviz starts with; {3}. Open that data file, then the network "
        "(File ▸ Open snapshot), to go on.").format(snap.arch.label(), snap.step, saved.data_name or "?", kept)


def _reset_to_defaults(session) -> None:
    """Put a half-restored ``session`` back to what a new Session starts with."""
    fresh = type(session)()
    session.set_config(fresh.config)
    session.set_data(fresh.dataset, fresh.arch)
    session.set_network(fresh.arch, fresh.params)
    session.undo_stack.forget()
    fresh.deleteLater()


def _read_companion(path: Path, limit: int, what: str) -> bytes:
    return read_bytes(path, SnapshotError, limit, what)
