"""Learning-rate schedules: the learning rate of a step as a pure function of the step number.

Like the batch schedule nothing is remembered, so a resumed run (or a run in another
process) gets the same rate at the same step. ``t`` is the number of steps already taken
(0 for the first step), η the configured learning rate, γ ``gamma``, S ``steps``, W ``warmup``:

- warm-up (any schedule, W > 0): ``η·(t+1)/W`` for t < W; the schedule then starts at ``u = t − W``
- ``constant``: η
- ``step``: ``η·γ^⌊u/S⌋`` (γ once every S steps)
- ``exponential``: ``η·γ^u``
- ``cosine``: ``γη + (η − γη)·(1 + cos(π·u/S))/2`` for u < S, then γη (so γ is the final fraction)

With γ in (0, 1] and η > 0 the rate is never negative or NaN (an exponential one may reach 0).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from mlpviz.i18n import msg

from .optimizers import Setting

GAMMA = Setting("gamma", "γ", 0.5, 0.0, 1.0, low_open=True, help="the factor of step and exponential decay; "
                "cosine's final fraction of the learning rate")


class Schedule(NamedTuple):
    """One schedule's name, title and formula (``u`` counts the steps after the warm-up)."""

    name: str
    title: str
    formula: str
    uses_steps: bool


SCHEDULES: dict[str, Schedule] = {s.name: s for s in (
    Schedule("constant", msg("constant"), "η", False),
    Schedule("step", msg("step decay"), "η·γ^⌊u/S⌋", True),
    Schedule("exponential", msg("exponential"), "η·γ^u", False),
    Schedule("cosine", msg("cosine"), "γη + (1 − γ)η·(1 + cos(π·u/S))/2", True),
)}


def learning_rate_at(step: int, learning_rate: float, schedule: str = "constant", gamma: float = 0.5,
                     steps: int = 100, warmup: int = 0) -> float:
    """The learning rate of the step taken after ``step`` steps (the settings are checked by TrainingConfig)."""
    if schedule == "constant" and not warmup:
        return learning_rate
    if step < warmup:
        return learning_rate * (step + 1) / warmup
    u = step - warmup
    if schedule == "constant":
        return learning_rate
    if schedule == "step":
        return learning_rate * gamma ** (u // steps)
    if schedule == "exponential":
        return learning_rate * gamma ** u
    if schedule == "cosine":
        low = gamma * learning_rate
        return low if u >= steps else low + (learning_rate - low) * (1.0 + math.cos(math.pi * u / steps)) / 2.0
    raise ValueError(msg("unknown schedule {schedule}; choose one of {items}", schedule=repr(schedule), items=', '.join(SCHEDULES)))
