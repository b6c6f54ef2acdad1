"""What the views draw: one immutable value, emitted by the session whenever it changes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from mlpviz.engine import Architecture, ForwardRecord, Params, StepRecord

REVEAL_AT = 0.6  # progress at which the layer a pulse travels to takes its new values


class Phase(Enum):
    """Where in a step the picture is: the order a step is played in."""

    IDLE = "idle"  # no step playing: params with the forward pass of the current batch
    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    UPDATE = "update"

    @property
    def title(self) -> str:
        return {
            Phase.IDLE: "",
            Phase.FORWARD: "Forward pass",
            Phase.LOSS: "Loss",
            Phase.BACKWARD: "Backward pass",
            Phase.UPDATE: "Update",
        }[self]


@dataclass(frozen=True)
class ViewState:
    """Everything a view needs to draw one frame.

    ``params`` are the parameters to show as "current" (before the update until the
    UPDATE phase ends, after it from then on). ``record`` explains them: the StepRecord
    being played, or a ForwardRecord of ``params`` on the current batch when idle.
    ``layer`` is the unit layer the phase has reached (FORWARD: signal travelling from
    ``layer`` to ``layer+1``; BACKWARD: from ``layer+1`` back to ``layer``) and
    ``progress`` runs 0..1 within that segment. ``step`` counts completed steps.
    ``output_names`` name what each output unit stands for when the data has classes
    (``unit_names.output_class_names``), else ``()``.
    """

    arch: Architecture
    params: Params
    record: ForwardRecord | None
    phase: Phase = Phase.IDLE
    layer: int = 0
    progress: float = 1.0
    step: int = 0
    compare_to: Params | None = None
    compare_label: str = ""
    output_names: tuple[str, ...] = ()

    @cached_property
    def difference(self) -> Params | None:
        """``params − compare_to`` when comparing (same shapes), else None."""
        if self.compare_to is None or self.compare_to.sizes != self.params.sizes:
            return None
        return self.params.minus(self.compare_to)

    @property
    def step_record(self) -> StepRecord | None:
        """The record as a StepRecord, or None when it is only a forward pass."""
        return self.record if isinstance(self.record, StepRecord) else None

    def shows_activation(self, layer: int) -> bool:
        """Whether unit layer ``layer``'s z and a are known at this point of the step (the forward pass reached it)."""
        if self.phase is not Phase.FORWARD:
            return True
        return layer <= (self.layer + 1 if self.progress >= REVEAL_AT else self.layer)

    def lowest_delta_layer(self) -> int:
        """The lowest unit layer whose δ is known here (L + 1 when none is): the one rule every view follows."""
        L = self.arch.layer_count
        if self.step_record is None or self.phase in (Phase.FORWARD, Phase.LOSS):
            return L + 1
        if self.phase is Phase.BACKWARD:
            return self.layer if self.progress >= REVEAL_AT else self.layer + 1
        return 1

    def shows_delta(self, layer: int) -> bool:
        """Whether unit layer ``layer``'s δ is known at this point of the step (the backward pass reached it)."""
        return layer >= max(self.lowest_delta_layer(), 1)

    @property
    def shows_loss(self) -> bool:
        """Whether the step's loss is known here: not during its forward pass (the loss phase reveals it)."""
        return self.phase is not Phase.FORWARD or self.step_record is None

    @property
    def shows_updated_parameters(self) -> bool:
        """Whether ``params`` are the step's new parameters (its update phase, or after it) rather than
        the ones that produced its z, a and δ; views label them as new (w′, b′)."""
        step = self.step_record
        if step is None:
            return False
        if self.phase is Phase.UPDATE:
            return True
        return self.phase is Phase.IDLE and self.params is step.params_after

    @property
    def is_update_done(self) -> bool:
        return self.phase is Phase.IDLE or (self.phase is Phase.UPDATE and self.progress >= 1.0)
