"""The training settings a user chooses beside the architecture.

The same rules check a spin box, a command-line option and a value read back from a
file, so every check here copes with any JSON value: wrong types, bools, huge integers.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, replace

from mlpviz.engine import INIT_METHODS, MlpvizError
from mlpviz.engine.optimizers import MAX_MOMENTUM, MAX_WEIGHT_DECAY, OPTIMIZERS, Optimizer, Setting, make_optimizer
from mlpviz.engine.schedules import GAMMA, SCHEDULES
from mlpviz.i18n import msg

MAX_LEARNING_RATE = 1e6
MAX_SEED = 2**63 - 1
MAX_BATCH_SIZE = 1_000_000  # the most samples a data set may hold
MAX_SCHEDULE_STEPS = 2**31 - 1  # as many as a run can take


def _shown(value) -> str:
    """A short rendering of any value for a message (huge ints are not turned into 4,000 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a {len(hex(abs(value))) - 2}-hex-digit number"
    return repr(value)[:40]


def _whole(value, what: str) -> int:
    """``value`` as an int if it is a whole number (not a bool, not 1.5, not "3"); else MlpvizError."""
    if isinstance(value, bool):
        raise MlpvizError(msg("{what} must be a whole number, got {value}", what=what, value=repr(value)))
    try:
        return operator.index(value)
    except TypeError:
        raise MlpvizError(msg("{what} must be a whole number, got {value}", what=what, value=_shown(value))) from None


def _number(value, what: str) -> float:
    """``value`` as a finite float (ints too, however long); bools, text and overflow are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise MlpvizError(msg("{what} must be a number, got {value}", what=what, value=_shown(value)))
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        raise MlpvizError(msg("{what} must be a number of sensible size, got {value}", what=what, value=_shown(value))) from None
    return number  # NaN and infinity fail the range checks, with the rule's own message


SETTING_WORDS = {"momentum": msg("momentum"), "weight_decay": msg("weight decay")}
"""The settings named in words (the others, beta1, eps, ..., by their names)."""


def setting_label(setting: Setting) -> str:
    """How messages name an optimizer setting: ``momentum μ``, ``beta1 β₁``, ``weight decay λ``."""
    label = str(SETTING_WORDS.get(setting.name, setting.name.replace("_", " ")))
    return f"{label} {setting.symbol}" if setting.symbol else label


def setting_rule(setting: Setting) -> str:
    """The allowed range of a numeric optimizer setting, as the messages write it (``from 0 to below 1``)."""
    low, high = f"{setting.low:g}", f"{setting.high:g}"
    if setting.low_open:
        rule = (msg("above {low} and at most {high}", low=low, high=high) if not setting.high_open
                else msg("above {low} and below {high}", low=low, high=high))
    else:
        rule = (msg("from {low} to below {high}", low=low, high=high) if setting.high_open
                else msg("from {low} to {high}", low=low, high=high))
    return str(rule)


def check_setting(setting: Setting, value) -> float | bool:
    """``value`` checked against ``setting``'s rule: the one message of that rule if it breaks it."""
    label = setting_label(setting)
    if setting.low is None:
        if not isinstance(value, bool):
            raise MlpvizError(msg("{label} must be true or false, got {value}", label=label, value=_shown(value)))
        return value
    number = _number(value, label)
    inside = (math.isfinite(number)
              and (setting.low < number if setting.low_open else setting.low <= number)
              and (number < setting.high if setting.high_open else number <= setting.high))
    if not inside:
        raise MlpvizError(msg("{label} must be {value}, got {number}", label=label, value=setting_rule(setting), number=number))
    return number


def _optimizer_settings() -> dict[str, Setting]:
    """Every optimizer setting by name, as the optimizers declare them (one rule per name)."""
    found: dict[str, Setting] = {}
    for cls in OPTIMIZERS.values():
        for setting in cls.settings:
            found.setdefault(setting.name, setting)
    return found


OPTIMIZER_SETTINGS = _optimizer_settings()
OPTIMIZER_FIELDS = ("momentum", "nesterov", "beta1", "beta2", "eps", "alpha", "weight_decay")
SCHEDULE_FIELDS = ("schedule", "gamma", "schedule_steps", "warmup")

@dataclass(frozen=True)
class TrainingConfig:
    """Initialisation, seed, the optimizer and its settings; ``batch_size`` 0 means the full batch.

    The optimizer settings form one pool (``OPTIMIZER_FIELDS``); the chosen optimizer uses those it
    declares, and every one is checked by its rule whichever optimizer is chosen.
    """

    init_method: str = "normal"
    seed: int = 0
    learning_rate: float = 0.1
    momentum: float = 0.0
    weight_decay: float = 0.0
    batch_size: int = 0
    shuffle: bool = True
    optimizer: str = "sgd"
    nesterov: bool = False
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float | None = None  # None: the chosen optimizer's own default (1e-8; AdaGrad 1e-10)
    alpha: float = 0.99
    schedule: str = "constant"  # the learning rate as a function of the step (engine/schedules.py)
    gamma: float = 0.5
    schedule_steps: int = 100
    warmup: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.init_method, str) or self.init_method not in INIT_METHODS:
            raise MlpvizError(
                msg("unknown initialisation {value}; choose one of {items}", value=_shown(self.init_method), items=', '.join(INIT_METHODS))
            )
        seed = _whole(self.seed, msg("the seed"))
        if not 0 <= seed <= MAX_SEED:
            raise MlpvizError(msg("the seed must be a whole number from 0 to {max_seed}, got {value}", max_seed=MAX_SEED, value=_shown(seed)))
        lr = _number(self.learning_rate, msg("the learning rate"))
        if not (math.isfinite(lr) and 0 < lr <= MAX_LEARNING_RATE):
            raise MlpvizError(msg("the learning rate must be a number above 0, got {lr}; the most is {max_learning_rate:g}", lr=lr, max_learning_rate=MAX_LEARNING_RATE))
        if not isinstance(self.optimizer, str) or self.optimizer not in OPTIMIZERS:
            raise MlpvizError(msg("unknown optimizer {value}; choose one of {items}", value=_shown(self.optimizer), items=', '.join(OPTIMIZERS)))
        for name in OPTIMIZER_FIELDS:
            value = getattr(self, name)
            if value is not None or name != "eps":
                object.__setattr__(self, name, check_setting(OPTIMIZER_SETTINGS[name], value))
        if not isinstance(self.schedule, str) or self.schedule not in SCHEDULES:
            raise MlpvizError(msg("unknown schedule {value}; choose one of {items}", value=_shown(self.schedule), items=', '.join(SCHEDULES)))
        object.__setattr__(self, "gamma", check_setting(GAMMA, self.gamma))
        period = _whole(self.schedule_steps, msg("the schedule's steps"))
        if not 1 <= period <= MAX_SCHEDULE_STEPS:
            raise MlpvizError(msg("the schedule's steps must be a whole number from 1 to {max_schedule_steps:,}, got {value}", max_schedule_steps=MAX_SCHEDULE_STEPS, value=_shown(period)))
        warmup = _whole(self.warmup, msg("the warm-up"))
        if not 0 <= warmup <= MAX_SCHEDULE_STEPS:
            raise MlpvizError(msg("the warm-up must be a whole number of steps from 0 to {max_schedule_steps:,}, got {value}", max_schedule_steps=MAX_SCHEDULE_STEPS, value=_shown(warmup)))
        object.__setattr__(self, "schedule_steps", period)
        object.__setattr__(self, "warmup", warmup)
        if self.nesterov and self.optimizer == "sgd" and not self.momentum:
            raise MlpvizError(msg("Nesterov momentum needs a momentum above 0; set momentum (e.g. 0.9) or turn Nesterov off"))
        batch = _whole(self.batch_size, msg("the batch size"))
        if not 0 <= batch <= MAX_BATCH_SIZE:
            raise MlpvizError(
                msg("the batch size must be 0 (full batch) or more, got {value}; the most is {max_batch_size:,}", value=_shown(batch), max_batch_size=MAX_BATCH_SIZE)
            )
        if not isinstance(self.shuffle, bool):
            raise MlpvizError(msg("shuffle must be true or false, got {value}", value=_shown(self.shuffle)))
        for name, value in (("seed", seed), ("learning_rate", lr), ("batch_size", batch)):
            object.__setattr__(self, name, value)  # plain Python numbers from here on

    def with_(self, **changes) -> "TrainingConfig":
        return replace(self, **changes)

    def make_optimizer(self) -> Optimizer:
        """The chosen optimizer with these settings."""
        return make_optimizer(self.optimizer, {name: getattr(self, name) for name in OPTIMIZER_FIELDS})

    def snapshot_notes(self) -> dict:
        """The settings a snapshot carries beside its learning rate and seed, so a run resumes exactly."""
        notes = {"init": self.init_method, "optimizer": self.optimizer, "momentum": float(self.momentum),
                 "weight_decay": float(self.weight_decay), "batch_size": int(self.batch_size),
                 "shuffle": bool(self.shuffle)}
        for name in ("nesterov", "beta1", "beta2", "eps", "alpha", *SCHEDULE_FIELDS):
            if getattr(self, name) is not None:
                notes[name] = getattr(self, name)
        return notes

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
        changes["optimizer"] = notes.get("optimizer", "sgd")  # older snapshots were all taken with SGD
        for key in (*OPTIMIZER_FIELDS, *SCHEDULE_FIELDS, "batch_size", "shuffle"):
            if key in notes and notes[key] is not None:
                changes[key] = notes[key]
        return replace(self, **changes)


def unrecorded_settings(recorded: dict, used: dict) -> str:
    """The settings a run opened from a snapshot takes from the session because the file leaves them out:
    "momentum μ 0.5, weight decay λ 0, batch size 16" (``recorded``: the file's notes; ``used``: the run's
    ``snapshot_notes``). "" when the file records them all, or when those taken are mlpviz's defaults (as in a
    fresh window): said when an earlier run's setting would otherwise carry on unnoticed."""
    names = [setting.name for setting in OPTIMIZERS[used["optimizer"]].settings] + ["batch_size"]
    missing = [name for name in names if name not in recorded and used.get(name) is not None]
    defaults = TrainingConfig().snapshot_notes()
    if all(used[name] == defaults.get(name) for name in missing):
        return ""
    parts = []
    for setting in OPTIMIZERS[used["optimizer"]].settings:
        value = used.get(setting.name)
        if setting.name in missing and value is not False:
            parts.append(setting_label(setting) if value is True else f"{setting_label(setting)} {value:g}")
    if "batch_size" in missing:
        parts.append(str(msg("batch size {n}", n=used["batch_size"]) if used["batch_size"] else msg("full batch")))
    return ", ".join(parts)
