"""The divergence and dead-unit messages of ``training.divergence``, in the user's language (mlpviz.i18n)."""

from __future__ import annotations

from mlpviz.i18n import translated
from mlpviz.training.divergence import DeadUnits, Divergence


def divergence_message(d: Divergence) -> str:
    """One paragraph: which step, what went wrong, what is kept, and the likely cause with its fix."""
    return d.describe(translated)


def dead_units_message(dead: DeadUnits) -> str:
    """Which hidden layer stopped passing gradient, and the fix."""
    return dead.describe(translated)


def halved_learning_rate(learning_rate: float) -> float:
    """The learning rate the notice's button offers: half of the current one."""
    return learning_rate / 2
