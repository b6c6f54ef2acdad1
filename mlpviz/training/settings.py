"""The training settings a user chooses beside the architecture."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from mlpviz.engine import INIT_METHODS, MlpvizError

MAX_LEARNING_RATE = 1e6
MAX_WEIGHT_DECAY = 1e3
MAX_MOMENTUM = 0.9999  # below 1: at 1 the steps add up for ever; the app's field and the CLI share this bound


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
        if self.init_method not in INIT_METHODS:
            raise MlpvizError(f"unknown initialisation {self.init_method!r}; choose one of {', '.join(INIT_METHODS)}")
        if not (0 <= self.seed < 2**63):
            raise MlpvizError(f"the seed must be a whole number from 0 up, got {self.seed}")
        if not (math.isfinite(self.learning_rate) and 0 < self.learning_rate <= MAX_LEARNING_RATE):
            raise MlpvizError(f"the learning rate must be a number above 0, got {self.learning_rate}")
        if not (math.isfinite(self.momentum) and 0 <= self.momentum <= MAX_MOMENTUM):
            raise MlpvizError(f"momentum must be from 0 to {MAX_MOMENTUM} (below 1), got {self.momentum}")
        if not (math.isfinite(self.weight_decay) and 0 <= self.weight_decay <= MAX_WEIGHT_DECAY):
            raise MlpvizError(f"weight decay must be 0 or more, got {self.weight_decay}")
        if self.batch_size < 0:
            raise MlpvizError(f"the batch size must be 0 (full batch) or more, got {self.batch_size}")

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
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < 2**63:
            changes["seed"] = seed
        if notes.get("init") in INIT_METHODS:
            changes["init_method"] = notes["init"]
        for key in ("momentum", "weight_decay", "batch_size", "shuffle"):
            if key in notes and notes[key] is not None:
                changes[key] = notes[key]
        return replace(self, **changes)
