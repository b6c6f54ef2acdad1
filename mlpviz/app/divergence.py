"""What to tell the user when a step was refused as diverging, worded through Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mlpviz.training.divergence import (
    LOSS_ROSE,
    MOMENTUM,
    NON_FINITE,
    TARGET_SCALE_CAUSE,
    WEIGHT_DECAY,
    Divergence,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Divergence", text)


def divergence_message(d: Divergence) -> str:
    """One paragraph: which step, what went wrong, what is kept, and the likely cause with its fix."""
    if d.reason == NON_FINITE:
        what = _tr("the loss or the parameters became infinite or NaN")
    elif d.reason == LOSS_ROSE:
        what = _tr("the loss rose to {0:.4g}, far above the {1:.4g} the run started at").format(d.loss, d.start_loss)
    else:
        what = _tr("the parameters grew past any useful size")
    head = _tr("Training diverged at step {0}: {1}. The update was not applied; the parameters of step {2}, "
               "before it went bad, are kept.").format(d.step, what, d.kept_step)
    return f"{head} {fix_text(d)}"


def fix_text(d: Divergence) -> str:
    if d.cause == WEIGHT_DECAY:
        return _tr("Likely cause: weight decay {0:g} with learning rate {1:g} shrinks every weight past zero "
                   "each step; use a smaller weight decay.").format(d.weight_decay, d.learning_rate)
    if d.cause == MOMENTUM:
        return _tr("Likely cause: momentum {0:g} keeps adding up steps; use less momentum (e.g. 0.9).").format(d.momentum)
    if d.cause == TARGET_SCALE_CAUSE:
        return _tr("Likely cause: targets as large as {0:.3g} give huge squared errors; scale them down, "
                   "or halve the learning rate.").format(d.target_size)
    return _tr("Likely cause: the learning rate {0:g} is too large; halve it.").format(d.learning_rate)


def halved_learning_rate(learning_rate: float) -> float:
    """The learning rate the notice's button offers: half of the current one."""
    return learning_rate / 2
