"""The one loop over ``Trainer.advance()``: Step, Run (in the worker process or in the window's slices)
and ``mlpviz train`` all take their steps here, so the last countable step, the snapshots due
and a refused (diverging) step are handled once."""

from __future__ import annotations

import time
from dataclasses import dataclass

from mlpviz.engine import StepRecord
from mlpviz.io import Snapshot
from mlpviz.io.limits import MAX_STEP

from .trainer import Trainer

DIVERGED, LAST_STEP = "diverged", "last step"  # why a run cannot go on


def due_for_snapshot(step: int, every: int) -> bool:
    """Whether Run keeps a snapshot of step ``step`` when asked for one every ``every`` steps (0: never)."""
    return every > 0 and step % every == 0


@dataclass(frozen=True)
class Steps:
    """What a stretch of ``take_steps`` did: ``taken`` steps applied, ``record`` the last of them (None
    when none was), the ``snapshots`` due meanwhile, and ``ended`` (DIVERGED or LAST_STEP) when the
    run cannot go on; ``refused`` is then the step the divergence rule refused."""

    taken: int
    record: StepRecord | None
    snapshots: tuple[Snapshot, ...] = ()
    ended: str | None = None
    refused: StepRecord | None = None


def take_steps(trainer: Trainer, steps: int | None = 1, seconds: float | None = None, *,
               measure_test: bool = True, snapshot_every: int = 0) -> Steps:
    """Advance ``trainer`` ``steps`` steps (None: no count), or until ``seconds`` have passed (checked after
    each step: at least one is taken), or until the run cannot go on: its step count is at MAX_STEP (the
    last step number a snapshot and the timeline hold) or a step was refused as diverging.

    ``measure_test=False`` leaves the test loss of each step unmeasured (see ``Trainer.advance``);
    every ``snapshot_every`` steps (0: never) a snapshot is kept and returned.
    """
    end = None if seconds is None else time.perf_counter() + seconds
    taken, last, snapshots = 0, None, []
    while steps is None or taken < steps:
        if trainer.step >= MAX_STEP:
            return Steps(taken, last, tuple(snapshots), LAST_STEP)
        record = trainer.advance(measure_test)
        if record.diverged:
            return Steps(taken, last, tuple(snapshots), DIVERGED, record)
        taken, last = taken + 1, record
        if due_for_snapshot(trainer.step, snapshot_every):
            snapshots.append(trainer.snapshot())
        if end is not None and time.perf_counter() >= end:
            break
    return Steps(taken, last, tuple(snapshots))
