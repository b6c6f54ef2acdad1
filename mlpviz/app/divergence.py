"""What to tell the user when a step diverged, from the refused StepRecord."""

from __future__ import annotations

import math

from mlpviz.engine import StepRecord


def divergence_message(record: StepRecord, step: int) -> str:
    """One paragraph: which step, what became non-finite, that nothing was applied, what to try.

    ``step`` is the number the refused step would have had (``session.step_count + 1``).
    """
    if math.isfinite(record.loss):
        what = (f"the update would have made some parameters infinite or NaN "
                f"(loss {record.loss:.4g} before the update)")
    else:
        what = f"the loss became {_name(record.loss)}"
    return (
        f"Training diverged at step {step}: {what}, so the update was not applied and the last good "
        f"parameters are kept. Try a smaller learning rate (now {record.learning_rate:g})."
    )


def _name(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return "+inf" if value > 0 else "-inf"


def halved_learning_rate(learning_rate: float) -> float:
    """The learning rate the notice's button offers: half of the current one."""
    return learning_rate / 2
