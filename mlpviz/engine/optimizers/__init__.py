"""The optimizers, one file each, and the table that names them.

A new optimizer is a new file here with a subclass of ``Optimizer`` (see ``base.py``) and one
line in ``OPTIMIZERS``; the settings, command line, snapshots and views find it there.
"""

from __future__ import annotations

from mlpviz.i18n import msg

from .adagrad import AdaGrad
from .adam import Adam
from .adamw import AdamW
from .base import Line, Optimizer, OptimizerState, Setting, frozen_state
from .rmsprop import RMSProp
from .sgd import MAX_MOMENTUM, MAX_WEIGHT_DECAY, SGD

OPTIMIZERS: dict[str, type[Optimizer]] = {o.name: o for o in (SGD, Adam, AdamW, RMSProp, AdaGrad)}


def make_optimizer(name: str, values: dict | None = None) -> Optimizer:
    """The optimizer ``name`` with those of ``values`` it has settings for (the rest are its defaults).

    The values are not range-checked here: ``training/settings.py`` does that with the user's messages.
    """
    cls = OPTIMIZERS.get(name)
    if cls is None:
        raise ValueError(msg("unknown optimizer {name}; choose one of {items}", name=repr(name), items=', '.join(OPTIMIZERS)))
    values = values or {}
    return cls(**{s.name: values[s.name] for s in cls.settings if values.get(s.name) is not None})


__all__ = ["OPTIMIZERS", "Line", "Optimizer", "OptimizerState", "Setting", "make_optimizer", "frozen_state",
           "SGD", "Adam", "AdamW", "RMSProp", "AdaGrad", "MAX_MOMENTUM", "MAX_WEIGHT_DECAY"]
