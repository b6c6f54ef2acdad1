"""What a file opened in mlpviz is, by its name (a lesson, a snapshot, another tool's network, data), and
the title of everything opening it shows: each Open's file dialog and refusal names what was being opened."""

from __future__ import annotations

from pathlib import Path

from mlpviz.document.lesson_file import is_lesson_path
from mlpviz.i18n import Message, msg
from mlpviz.io.network_files import PICKLE_SUFFIXES, READ_SUFFIXES

LESSON, SNAPSHOT, NETWORK, DATA, OTHER = "lesson", "snapshot", "network", "data", "other"
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".data")
SNAPSHOT_SUFFIXES = (".npz", ".json")  # mlpviz's own network files
NETWORK_SUFFIXES = tuple(s for s in READ_SUFFIXES if s not in SNAPSHOT_SUFFIXES) + PICKLE_SUFFIXES  # pickles: refused


def opened_kind(path) -> str:
    """LESSON, SNAPSHOT, NETWORK (safetensors, Keras, ONNX, a refused pickle), DATA, or OTHER, by the name's suffix."""
    if is_lesson_path(path):
        return LESSON
    suffix = Path(path).suffix.lower()
    for kind, suffixes in ((SNAPSHOT, SNAPSHOT_SUFFIXES), (NETWORK, NETWORK_SUFFIXES), (DATA, DATA_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return OTHER


def open_title(kind_or_path) -> Message:
    """"Open lesson", "Open snapshot", "Open network", "Open data" (or "Open"): a kind, or a path's kind."""
    kind = kind_or_path if kind_or_path in (LESSON, SNAPSHOT, NETWORK, DATA, OTHER) else opened_kind(kind_or_path)
    return {LESSON: msg("Open lesson"), SNAPSHOT: msg("Open snapshot"), NETWORK: msg("Open network"),
            DATA: msg("Open data")}.get(kind, msg("Open"))
