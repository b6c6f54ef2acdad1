"""The run's parameter history as a read-only model with a change signal, for the timeline."""

from __future__ import annotations

from mlpviz.engine import Params
from mlpviz.training.history import History

from .run_log_model import RunLogModel


class HistoryModel(RunLogModel[History]):
    """Which steps are kept and their parameters; ``changed`` fires when the kept steps may differ."""

    def set_budget(self, budget_bytes: int) -> None:
        """Keep the parameters of past steps within ``budget_bytes`` (Preferences)."""
        self.log.budget_bytes = budget_bytes
        self.changed.emit()

    @property
    def first_step(self) -> int | None:
        return self.log.first_step

    @property
    def last_step(self) -> int | None:
        return self.log.last_step

    def nearest(self, step: int) -> int:
        """The kept step nearest ``step`` from below."""
        return self.log.nearest(step)

    def params_at(self, step: int) -> Params:
        return self.log.params_at(step)
