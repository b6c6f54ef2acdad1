"""How training is going, as one value the session publishes beside the ViewState."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrainingStatus:
    """Run/pause, the player's settings, the step count and the measured rate.

    ``steps_per_second`` is measured during Run (0 when paused); ``loss`` is the loss of
    the batch the shown record belongs to (NaN before any).
    """

    running: bool = False
    animate: bool = True
    speed: float = 1.0
    phase_by_phase: bool = False
    step: int = 0
    steps_per_second: float = 0.0
    loss: float = float("nan")
