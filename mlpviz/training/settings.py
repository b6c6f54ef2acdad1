"""The training settings a user chooses beside the architecture.

The same rules check a spin box, a command-line option and a value read back from a
file, so every check here copes with any JSON value: wrong types, bools, huge integers.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, replace

from mlpviz.engine import INIT_METHODS, MlpvizError

MAX_LEARNING_RATE = 1e6
MAX_WEIGHT_DECAY = 1e3
MAX_MOMENTUM = 0.9999  # below 1: at 1 the steps add up for ever; the app's field and the CLI share this bound
MAX_SEED = 2**63 - 1
MAX_BATCH_SIZE = 1_000_000  # the most samples a data set may hold


def _shown(value) -> str:
    """A short rendering of any value for a message (huge ints are not turned into 4,000 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a {len(hex(abs(value))) - 2}-hex-digit number"
    return repr(value)[:40]


def _whole(value, what: str) -> int:
    """``value`` as an int if it is a whole number (not a bool, not 1.5, not "3"); else MlpvizError."""
    if isinstance(value, bool):
        raise MlpvizError(f"{what} must be a whole number, got {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise MlpvizError(f"{what} must be a whole number, got {_shown(value)}") from None


def _number(value, what: str) -> float:
    """``value`` as a finite float (ints too, however long); bools, text and overflow are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise MlpvizError(f"{what} must be a number, got {_shown(value)}")
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        raise MlpvizError(f"{what} must be a number of sensible size, got {_shown(value)}") from None
    return number  # NaN and infinity fail the range checks, with the rule's own message


@dataclass(frozen=True)
class TrainingConfig:
    """Initialisation, seed and optimiser settings; ``batch_size`` 0 means the full batch."""

    init_method: str = "normal"
    seed: int = 0
    learning_rate: float = 0.1
    momentum: float = 0.0
    weight_decay: float = 0.0
    batch_size: int = 0
    shuffle: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.init_method, str) or self.init_method not in INIT_METHODS:
            raise MlpvizError(
                f"unknown initialisation {_shown(self.init_method)}; choose one of {', '.join(INIT_METHODS)}"
            )
        seed = _whole(self.seed, "the seed")
        if not 0 <= seed <= MAX_SEED:
            raise MlpvizError(f"the seed must be a whole number from 0 to {MAX_SEED}, got {_shown(seed)}")
        lr = _number(self.learning_rate, "the learning rate")
        if not (math.isfinite(lr) and 0 < lr <= MAX_LEARNING_RATE):
            raise MlpvizError(f"the learning rate must be a number above 0, got {lr}; the most is {MAX_LEARNING_RATE:g}")
        momentum = _number(self.momentum, "momentum")
        if not (math.isfinite(momentum) and 0 <= momentum <= MAX_MOMENTUM):
            raise MlpvizError(f"momentum must be from 0 to {MAX_MOMENTUM} (below 1), got {momentum}")
        decay = _number(self.weight_decay, "weight decay")
        if not (math.isfinite(decay) and 0 <= decay <= MAX_WEIGHT_DECAY):
            raise MlpvizError(f"weight decay must be 0 or more, got {decay}; the most is {MAX_WEIGHT_DECAY:g}")
        batch = _whole(self.batch_size, "the batch size")
        if not 0 <= batch <= MAX_BATCH_SIZE:
            raise MlpvizError(
                f"the batch size must be 0 (full batch) or more, got {_shown(batch)}; the most is {MAX_BATCH_SIZE:,}"
            )
        if not isinstance(self.shuffle, bool):
            raise MlpvizError(f"shuffle must be true or false, got {_shown(self.shuffle)}")
        for name, value in (("seed", seed), ("learning_rate", lr), ("momentum", momentum),
                            ("weight_decay", decay), ("batch_size", batch)):
            object.__setattr__(self, name, value)  # plain Python numbers from here on

    def with_(self, **changes) -> "TrainingConfig":
        return replace(self, **changes)

    def snapshot_notes(self) -> dict:
        """The settings a snapshot carries beside its learning rate and seed, so a run resumes exactly."""
        return {"init": self.init_method, "momentum": float(self.momentum), "weight_decay": float(self.weight_decay),
                "batch_size": int(self.batch_size), "shuffle": bool(self.shuffle)}

    def from_snapshot(self, learning_rate: float, seed, notes) -> "TrainingConfig":
        """These settings updated with what a snapshot says; what it leaves out stays as it is.

        ``notes`` are the snapshot's extra keys (``snapshot_notes`` wrote them); a value that
        breaks a rule raises MlpvizError with that rule's message. Older snapshots wrote
        ``init: "snapshot"``, which names no method and is ignored.
        """
        changes = {"learning_rate": learning_rate}
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed <= MAX_SEED:
            changes["seed"] = seed
        if notes.get("init") in INIT_METHODS:
            changes["init_method"] = notes["init"]
        for key in ("momentum", "weight_decay", "batch_size", "shuffle"):
            if key in notes and notes[key] is not None:
                changes[key] = notes[key]
        return replace(self, **changes)
