"""The ``.mlpviz`` lesson file: a zip of ``lesson.json`` and ``.npz`` members, written atomically and
read with the checks and limits of snapshots. The README's "Lesson files" section documents it."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile

from mlpviz.engine import MlpvizError, SnapshotError
from mlpviz.i18n import msg
from mlpviz.io.atomic import atomic_write_bytes
from mlpviz.io.limits import MAX_SNAPSHOT_BYTES, read_bytes
from mlpviz.io.snapshot import is_finite, now_iso, npz_bytes
from mlpviz.io.snapshot_read import snapshot_from_npz
from mlpviz.io.zip_members import read_zip_members
from mlpviz.training.settings import TrainingConfig

from .lesson import Checkpoint, Lesson
from .run_arrays import MAX_DATA_BYTES, MAX_LOG_BYTES, check_fits, data_npz, log_npz, read_data_npz, read_log_npz
from .timeline_arrays import MAX_HISTORY_BYTES, history_npz, read_history_npz

FORMAT = "mlpviz.lesson"
VERSION = 2  # 2: the timeline keeps each step's optimizer state; version 1 files are read too
LESSON_SUFFIX = ".mlpviz"
MAX_LESSON_BYTES = 256 * 1024 * 1024
MAX_JSON_BYTES = 8 * 1024 * 1024
DEFAULT_TIMELINE_BYTES = 16 * 1024 * 1024  # the timeline's share of a lesson; evenly fewer steps past it
MEMBERS = {"lesson.json": MAX_JSON_BYTES, "snapshot.npz": MAX_SNAPSHOT_BYTES, "data.npz": MAX_DATA_BYTES,
           "loss.npz": MAX_LOG_BYTES, "timeline.npz": MAX_HISTORY_BYTES}


def lesson_bytes(lesson: Lesson, timeline_bytes: int = DEFAULT_TIMELINE_BYTES) -> bytes:
    """The lesson as the bytes of a ``.mlpviz`` file."""
    snap = lesson.snapshot
    if not is_finite(snap):
        raise SnapshotError(msg("the parameters or the optimizer's state contain NaN or infinite values; a lesson cannot hold them"))
    data = data_npz(lesson.dataset)
    if data is None:
        raise SnapshotError(msg("the data set {name} is too large for a lesson (the most is {value:,.0f} MB)", name=repr(lesson.dataset.name), value=MAX_DATA_BYTES / 1000000.0))
    members = {"snapshot.npz": npz_bytes(snap), "data.npz": data}
    log = log_npz(lesson.loss_log) if lesson.loss_log is not None else None
    if log is not None:
        members["loss.npz"] = log
    timeline = (history_npz(lesson.history, timeline_bytes, lesson.config.make_optimizer())
                if lesson.history is not None else None)
    if timeline is not None:
        members["timeline.npz"] = timeline
    doc = {
        "format": FORMAT, "version": VERSION, "saved": now_iso(), "title": lesson.title, "note": lesson.note,
        "data_name": lesson.dataset.name, "config": dataclasses.asdict(lesson.config),
        "view": dict(lesson.view), "quiz": dict(lesson.quiz),
        "checkpoints": [point.to_json() for point in lesson.checkpoints],
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("lesson.json", json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
        for name, raw in members.items():
            zf.writestr(name, raw)
    return buf.getvalue()


def write_lesson(path, lesson: Lesson, timeline_bytes: int = DEFAULT_TIMELINE_BYTES) -> None:
    """Write ``lesson`` to ``path`` atomically: a crash leaves the old file or the new one, never half."""
    data = lesson_bytes(lesson, timeline_bytes)
    if len(data) > MAX_LESSON_BYTES:
        raise SnapshotError(msg("{path}: the lesson would be {value:,.0f} MB, over the limit of {value2:,.0f} MB; nothing was written", path=path, value=len(data) / 1000000.0, value2=MAX_LESSON_BYTES / 1000000.0))
    atomic_write_bytes(path, data)


def read_lesson(path) -> Lesson:
    """Read and fully check the lesson at ``path``; anything wrong raises SnapshotError naming the file."""
    raw = read_bytes(path, SnapshotError, MAX_LESSON_BYTES, "lesson")
    if not raw.startswith(b"PK"):
        raise SnapshotError(msg("{path}: not an mlpviz lesson (it is not a zip file)", path=path))
    members = read_zip_members(path, raw, MEMBERS, "lesson", max_members=len(MEMBERS),
                               max_total=MAX_LESSON_BYTES, refuse_others=True)
    doc = _document(path, members)
    for name in ("snapshot.npz", "data.npz"):
        if name not in members:
            raise SnapshotError(msg("{path}: the lesson has no {name}", path=path, name=name))
    try:
        snap = snapshot_from_npz(path, members["snapshot.npz"])
        config = TrainingConfig(**{f.name: doc["config"][f.name] for f in dataclasses.fields(TrainingConfig)
                                   if f.name in doc["config"]})
        dataset = read_data_npz(path, members["data.npz"], doc["data_name"])
        check_fits(dataset, snap.arch)
        log = read_log_npz(path, members["loss.npz"], snap.step) if "loss.npz" in members else None
        history = (read_history_npz(path, members["timeline.npz"], snap.arch, snap.step, config.make_optimizer())
                   if "timeline.npz" in members else None)
        points = tuple(Checkpoint.from_json(p) for p in doc["checkpoints"])
        return Lesson(snap, config, dataset, log, history, doc["view"], doc["quiz"], doc["title"], doc["note"],
                      points)
    except SnapshotError as exc:
        text = str(exc)
        raise SnapshotError(text if text.startswith(str(path)) else f"{path}: {text}") from None
    except MlpvizError as exc:
        raise SnapshotError(f"{path}: {exc}") from None


def _document(path, members: dict[str, bytes]) -> dict:
    """``lesson.json``, checked for its format, version and the kinds of its fields."""
    if "lesson.json" not in members:
        raise SnapshotError(msg("{path}: not an mlpviz lesson (no lesson.json inside)", path=path))
    try:
        doc = json.loads(members["lesson.json"].decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SnapshotError(msg("{path}: lesson.json is not valid JSON", path=path)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SnapshotError(msg("{path}: not an mlpviz lesson (lesson.json names no lesson format)", path=path))
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise SnapshotError(msg("{path}: the lesson was saved by a newer mlpviz (format version {version}); this one reads version {version2}: update mlpviz to open it", path=path, version=version, version2=VERSION))
    if version not in (1, VERSION):
        raise SnapshotError(msg("{path}: lesson format version {value} is not supported", path=path, value=str(version)[:20]))
    kinds = {"title": str, "note": str, "data_name": str, "config": dict, "view": dict, "quiz": dict,
             "checkpoints": list}
    for key, kind in kinds.items():
        if not isinstance(doc.get(key), kind):
            raise SnapshotError(msg("{path}: lesson.json's {key} is missing or not {name}", path=path, key=repr(key), name=kind.__name__))
    return doc


def _refuse_constant(name):
    raise ValueError(msg("{name} is not a number JSON allows", name=name))


def is_lesson_path(path) -> bool:
    """Whether ``path`` names a lesson by its suffix (``.mlpviz``)."""
    return str(path).lower().endswith(LESSON_SUFFIX)
