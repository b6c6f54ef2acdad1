"""The animated step as data: a list of segments derived from a record, no timing state.

A step plays as FORWARD segments (one per weight layer, left to right), one LOSS
segment, BACKWARD segments (right to left) and one UPDATE segment. The player walks
these segments; views only ever see the resulting ViewState.
"""

from __future__ import annotations

from dataclasses import dataclass

from .view_state import Phase, ViewState

# Relative durations: a teacher needs time on the loss and on the update.
FORWARD_WEIGHT = 1.0
LOSS_WEIGHT = 1.0
BACKWARD_WEIGHT = 1.0
UPDATE_WEIGHT = 1.0


@dataclass(frozen=True)
class Segment:
    """One stretch of the animation: ``phase`` at unit layer ``layer`` for ``weight`` time units."""

    phase: Phase
    layer: int
    weight: float


def step_segments(layer_count: int) -> tuple[Segment, ...]:
    """Segments of one step of a network with ``layer_count`` weight layers, in play order."""
    forward = [Segment(Phase.FORWARD, l, FORWARD_WEIGHT) for l in range(layer_count)]
    backward = [Segment(Phase.BACKWARD, l, BACKWARD_WEIGHT) for l in range(layer_count - 1, -1, -1)]
    return tuple(forward + [Segment(Phase.LOSS, layer_count, LOSS_WEIGHT)] + backward
                 + [Segment(Phase.UPDATE, 0, UPDATE_WEIGHT)])


def phase_boundaries(layer_count: int) -> list[int]:
    """Indices into ``step_segments`` where a new phase starts (for phase-by-phase mode)."""
    segs = step_segments(layer_count)
    return [i for i, s in enumerate(segs) if i == 0 or s.phase is not segs[i - 1].phase]


def hold_point(record, step: int, asked) -> tuple[int, float] | None:
    """Where a step waits for a quiz answer: ``(segment index, progress 0 or 1)``, the last point of
    ``step_segments`` at which the views do not yet show ``asked`` (a ``view_state.Asked``), just
    before the point that reveals it; None when the step shows it from its start.

    Read off the ViewState rules, so the hold and what every view shows always agree.
    """
    segments = step_segments(record.arch.layer_count)
    previous = None
    for index, seg in enumerate(segments):
        for progress in (0.0, 1.0):
            state = ViewState(record.arch, record.params, record, seg.phase, seg.layer, progress, step)
            if state.reveals(asked):
                return previous
            previous = (index, progress)
    return previous
