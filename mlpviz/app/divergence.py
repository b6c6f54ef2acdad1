"""The divergence and dead-unit messages of ``training.divergence``, worded through Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mlpviz.training.divergence import DeadUnits, Divergence


def _tr(text: str) -> str:
    return QCoreApplication.translate("Divergence", text)


def divergence_message(d: Divergence) -> str:
    """One paragraph: which step, what went wrong, what is kept, and the likely cause with its fix."""
    return d.describe(_tr)


def dead_units_message(dead: DeadUnits) -> str:
    """Which hidden layer stopped passing gradient, and the fix."""
    return dead.describe(_tr)


def halved_learning_rate(learning_rate: float) -> float:
    """The learning rate the notice's button offers: half of the current one."""
    return learning_rate / 2
