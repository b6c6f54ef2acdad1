"""What the views draw: one immutable value, emitted by the session whenever it changes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from mlpviz.engine import Architecture, ForwardRecord, Params, StepRecord
from mlpviz.engine.layers import layer_fed_by, weights_into
from mlpviz.i18n import msg

REVEAL_AT = 0.6  # progress at which the layer a pulse travels to takes its new values


UNIT_KINDS = ("z", "a", "delta")  # an asked quantity of a unit; "grad" and "new" are of an edge or bias


@dataclass(frozen=True)
class Asked:
    """The one quantity a quiz question hides until it is answered.

    Unit kinds (``z``, ``a``, ``delta``): unit ``index`` of unit layer ``layer`` (1..L) for batch
    sample ``sample``. Edge kinds (``grad`` = ∂C/∂w, ``new`` = w after the update):
    ``W[layer-1][row, index]`` into unit layer ``layer``, ``row`` -1 being the bias.
    """

    kind: str
    layer: int
    index: int
    row: int = 0
    sample: int = 0

    @property
    def is_unit(self) -> bool:
        return self.kind in UNIT_KINDS


class Phase(Enum):
    """Where in a step the picture is: the order a step is played in."""

    IDLE = "idle"  # no step playing: params with the forward pass of the current batch
    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    UPDATE = "update"

    @property
    def title(self) -> str:
        return str({
            Phase.IDLE: "",
            Phase.FORWARD: msg("Forward pass"),
            Phase.LOSS: msg("Loss"),
            Phase.BACKWARD: msg("Backward pass"),
            Phase.UPDATE: msg("Update"),
        }[self])


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
    (``unit_names.output_class_names``), else ``()``. ``asked`` is the quantity a quiz question
    hides: every view that would draw it asks ``hides_unit`` / ``hides_parameter`` and draws "?".
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
    asked: Asked | None = None  # a quiz question waits for this number: views draw "?" in its place

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
    def shown_step(self) -> int:
        """The step whose numbers are on screen: the one being played, else the last completed (or scrubbed to).
        The status bar and the loss panel name this one, beside its own loss."""
        return self.step + 1 if self.step_record is not None and not self.is_update_done else self.step

    @property
    def is_update_done(self) -> bool:
        return self.phase is Phase.IDLE or (self.phase is Phase.UPDATE and self.progress >= 1.0)

    def hides_unit(self, kind: str, layer: int, index: int) -> bool:
        """Whether a view must draw "?" instead of unit ``index``'s ``kind`` (z, a, delta) in unit layer ``layer``."""
        q = self.asked
        return q is not None and q.kind == kind and q.layer == layer and q.index == index

    def hides_parameter(self, kind: str, weight_layer: int, row: int, col: int) -> bool:
        """Whether a view must draw "?" instead of ``kind`` (grad, new) of ``W[weight_layer][row, col]``
        (``row`` -1: the bias of unit ``col``)."""
        q = self.asked
        return q is not None and q.kind == kind and q.layer == layer_fed_by(weight_layer) and q.index == col and q.row == row

    def reveals(self, asked: Asked) -> bool:
        """Whether the views show ``asked``'s number at this point of the step (the rules above)."""
        if asked.kind in ("z", "a"):
            return self.shows_activation(asked.layer)
        if asked.kind == "delta":
            return self.shows_delta(asked.layer)
        if asked.kind == "grad":  # ∂C/∂W[l-1] = a_(l-1)·δ_l is drawn once the backward pass has gone past it
            if self.step_record is None or self.phase in (Phase.FORWARD, Phase.LOSS):
                return False
            return self.phase is not Phase.BACKWARD or self.lowest_delta_layer() <= weights_into(asked.layer)
        return self.shows_updated_parameters
