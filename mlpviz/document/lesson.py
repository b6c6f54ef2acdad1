"""What a lesson holds: the run to continue (network, optimizer state, settings, data, loss log,
timeline), how it was being looked at, and the author's title, note and checkpoints."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from mlpviz.datasets import Dataset
from mlpviz.engine import SnapshotError
from mlpviz.i18n import msg
from mlpviz.io.snapshot import Snapshot
from mlpviz.training.history import History
from mlpviz.training.loss_log import LossLog
from mlpviz.training.settings import TrainingConfig

MAX_TITLE = 200
MAX_NOTE = 20_000
MAX_CHECKPOINTS = 200
MAX_SETTINGS = 64  # keys in ``view`` or ``quiz``
MAX_KEY = 40
MAX_TEXT_VALUE = 200

Scalar = str | int | float | bool | None


def _text(value, what: str, most: int) -> str:
    if not isinstance(value, str):
        raise SnapshotError(msg("{what} must be text", what=what))
    if len(value) > most:
        raise SnapshotError(msg("{what} is {n_value:,} characters long; the most is {most:,}", what=what, n_value=len(value), most=most))
    if "\x00" in value:
        raise SnapshotError(msg("{what} holds a NUL character", what=what))
    return value


def _step(value, what: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise SnapshotError(msg("{what} must be a whole number from 0 to {most:,}", what=what, most=most))
    return int(value)


def checked_settings(values, what: str) -> Mapping[str, Scalar]:
    """A read-only copy of ``values``: at most 64 short keys, each a finite number, bool, null or short text."""
    if not isinstance(values, Mapping):
        raise SnapshotError(msg("{what} must be an object of settings", what=what))
    if len(values) > MAX_SETTINGS:
        raise SnapshotError(msg("{what} holds {n_values} settings; the most is {max_settings}", what=what, n_values=len(values), max_settings=MAX_SETTINGS))
    out = {}
    for key, value in values.items():
        _text(key, f"a key of {what}", MAX_KEY)
        if isinstance(value, str):
            _text(value, f"{what} {key!r}", MAX_TEXT_VALUE)
        elif isinstance(value, float) and not math.isfinite(value):
            raise SnapshotError(msg("{what} {key} must be a finite number", what=what, key=repr(key)))
        elif not (value is None or isinstance(value, (bool, int, float))):
            raise SnapshotError(msg("{what} {key} must be a number, text, true/false or null", what=what, key=repr(key)))
        out[key] = value
    return MappingProxyType(out)


@dataclass(frozen=True)
class Checkpoint:
    """A named moment of a lesson: the step to go to, what to pick and show there, and a note (Markdown)."""

    name: str
    step: int
    note: str = ""
    view: Mapping[str, Scalar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _text(self.name, "a checkpoint's name", MAX_TITLE)
        if not self.name.strip():
            raise SnapshotError(msg("a checkpoint needs a name"))
        _step(self.step, f"the step of checkpoint {self.name[:40]!r}", 2**31 - 1)
        _text(self.note, f"the note of checkpoint {self.name[:40]!r}", MAX_NOTE)
        object.__setattr__(self, "view", checked_settings(self.view, f"the view of checkpoint {self.name[:40]!r}"))

    def to_json(self) -> dict:
        return {"name": self.name, "step": self.step, "note": self.note, "view": dict(self.view)}

    @classmethod
    def from_json(cls, doc) -> "Checkpoint":
        if not isinstance(doc, Mapping):
            raise SnapshotError(msg("a checkpoint must be an object"))
        return cls(doc.get("name"), doc.get("step"), doc.get("note", ""), doc.get("view", {}))


@dataclass(frozen=True)
class Lesson:
    """Everything needed to continue exactly where the author was (``snapshot`` carries the parameters,
    optimizer state and step); ``view`` and ``quiz`` are the app's settings, checked only as JSON scalars."""

    snapshot: Snapshot
    config: TrainingConfig
    dataset: Dataset
    loss_log: LossLog | None = None
    history: History | None = None
    view: Mapping[str, Scalar] = field(default_factory=dict)
    quiz: Mapping[str, Scalar] = field(default_factory=dict)
    title: str = ""
    note: str = ""
    checkpoints: tuple[Checkpoint, ...] = ()

    def __post_init__(self) -> None:
        _text(self.title, "the lesson's title", MAX_TITLE)
        _text(self.note, "the lesson's note", MAX_NOTE)
        object.__setattr__(self, "view", checked_settings(self.view, "the lesson's view"))
        object.__setattr__(self, "quiz", checked_settings(self.quiz, "the lesson's quiz settings"))
        points = tuple(self.checkpoints)
        if len(points) > MAX_CHECKPOINTS:
            raise SnapshotError(msg("a lesson holds at most {max_checkpoints} checkpoints, this one {n_points}", max_checkpoints=MAX_CHECKPOINTS, n_points=len(points)))
        for point in points:
            if not isinstance(point, Checkpoint):
                raise SnapshotError(msg("a lesson's checkpoints must be Checkpoints"))
            if point.step > self.snapshot.step:
                raise SnapshotError(msg("checkpoint {name} is at step {step:,}, after the lesson's step {step2:,}", name=repr(point.name[:40]), step=point.step, step2=self.snapshot.step))
        object.__setattr__(self, "checkpoints", points)

    @property
    def name(self) -> str:
        """The title, or the data and network when there is none (for lists and window titles)."""
        return self.title or f"{self.dataset.name} · {self.snapshot.arch.label()}"
