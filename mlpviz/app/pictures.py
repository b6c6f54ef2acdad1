"""Every ViewState the session publishes, made complete in one place: the run's numbers, the comparison
and the class names, so nothing patches a state after it is made."""

from __future__ import annotations

import dataclasses

from mlpviz.engine import ForwardRecord, Params, StepRecord
from mlpviz.engine.unit_names import output_class_names
from mlpviz.training.trainer import Trainer

from .view_state import Asked, Phase, ViewState


class Pictures:
    """Makes the ViewStates of one run (``trainer``): a moment of a step being played, a step's end, the
    network now, a kept step of the timeline; each compared with ``compare_to`` while it is set."""

    def __init__(self, trainer: Trainer) -> None:
        self.trainer = trainer
        self.compare_to: Params | None = None
        self.compare_label = ""

    def of(self, record: ForwardRecord, params: Params, step: int, phase: Phase = Phase.IDLE, layer: int = 0,
           progress: float = 1.0, asked: Asked | None = None) -> ViewState:
        """``params`` explained by ``record`` at ``phase`` (``layer``, ``progress``) of step ``step``."""
        arch = record.arch
        names = output_class_names(self.trainer.dataset.class_names, arch.sizes[-1])
        return ViewState(arch, params, record, phase, layer, progress, step, self.compare_to, self.compare_label,
                         names, asked)

    def final(self, record: StepRecord) -> ViewState:
        """The end of ``record``, the latest step: its new parameters."""
        return self.of(record, record.params_after, self.trainer.step)

    def now(self) -> ViewState:
        """The network as it is, explained by the last step or a forward pass on the next batch."""
        return self.of(self.trainer.forward_now(), self.trainer.params, self.trainer.step)

    def kept(self, step: int) -> ViewState:
        """The network after the kept step nearest ``step`` (the timeline), on that step's batch."""
        kept, record = self.trainer.forward_at(step)
        return self.of(record, record.params, kept)

    def compared(self, state: ViewState) -> ViewState:
        """``state`` again, with the comparison now set (or none)."""
        return dataclasses.replace(state, compare_to=self.compare_to, compare_label=self.compare_label)

    def compare(self, params: Params | None, label: str = "") -> None:
        """Compare every state from now on with ``params`` (None: stop), named ``label``."""
        self.compare_to, self.compare_label = params, (label if params is not None else "")
