"""A race of optimizers: from the same parameters, N steps of each, as separate runs of the same rules.

Each runner is a ``Trainer`` of its own, built from the run's settings with the optimizer (and its
learning rate) swapped, started at the run's parameters and step, with the optimizer at rest; it
takes its steps through ``training.loop.take_steps`` like Step, Run and ``mlpviz train``. So the
race uses the run's batches, schedule and weight decay, and a runner that diverges stops where the
divergence rule refuses its step. Qt-free: the window runs a race on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.datasets import Dataset
from mlpviz.engine import Architecture, MlpvizError, Params, forward
from mlpviz.i18n import msg

from .loop import DIVERGED, take_steps
from .settings import TrainingConfig
from .trainer import Trainer

DEFAULT_STEPS = 100
MAX_STEPS = 10_000
RACE_HISTORY_BYTES = 16 * 1024 * 1024  # per runner: a large network's path is thinned, never the machine's memory


@dataclass(frozen=True)
class Racer:
    """An optimizer that can race: ``key``, its name in the legend, the settings it changes and its
    learning rate when the user gives none (None: the run's own when the run uses SGD, else 0.1)."""

    key: str
    label: object  # str, or a msg() shown in the user's language
    changes: tuple[tuple[str, object], ...]
    learning_rate: float | None = None


RACERS: dict[str, Racer] = {r.key: r for r in (
    Racer("sgd", "SGD", (("optimizer", "sgd"), ("momentum", 0.0), ("nesterov", False))),
    Racer("momentum", msg("momentum"), (("optimizer", "sgd"), ("momentum", 0.9), ("nesterov", False))),
    Racer("nesterov", "Nesterov", (("optimizer", "sgd"), ("momentum", 0.9), ("nesterov", True))),
    Racer("adam", "Adam", (("optimizer", "adam"),), 0.01),
    Racer("adamw", "AdamW", (("optimizer", "adamw"),), 0.01),
    Racer("rmsprop", "RMSProp", (("optimizer", "rmsprop"), ("momentum", 0.0)), 0.01),
    Racer("adagrad", "AdaGrad", (("optimizer", "adagrad"),), 0.1),
)}
DEFAULT_RACERS = ("sgd", "momentum", "adam")


def racer_label(key: str) -> str:
    """The name a racer has in the legend, in the user's language (momentum μ 0.9: "momentum")."""
    return str(RACERS[key].label)


def default_learning_rate(key: str, config: TrainingConfig) -> float:
    """The learning rate a racer starts with in the race form: its own, else the run's (SGD runs) or 0.1."""
    racer = RACERS[key]
    if racer.learning_rate is not None:
        return racer.learning_rate
    return config.learning_rate if config.optimizer == "sgd" else 0.1


def racer_config(config: TrainingConfig, key: str, learning_rate: float) -> TrainingConfig:
    """The run's settings with racer ``key``'s optimizer and ``learning_rate`` (checked by TrainingConfig's rules)."""
    if key not in RACERS:
        raise MlpvizError(msg("unknown optimizer {name}; choose one of {items}", name=repr(key), items=", ".join(RACERS)))
    return config.with_(**dict(RACERS[key].changes), learning_rate=learning_rate)


@dataclass(frozen=True)
class RacePath:
    """One runner's race: the kept ``steps`` (run step numbers, from the start), their parameters ``flats``
    ``(k, P)`` and the training loss at each (``losses``, on the rows the race was given); ``stopped`` is
    the step whose update was refused as diverging, or None."""

    key: str
    label: str
    learning_rate: float
    steps: np.ndarray
    flats: np.ndarray
    losses: np.ndarray
    stopped: int | None = None


def run_race(arch: Architecture, dataset: Dataset, config: TrainingConfig, params: Params, step: int,
             runners: list[tuple[str, float]], steps: int = DEFAULT_STEPS, loss_rows=None,
             history_bytes: int = RACE_HISTORY_BYTES) -> tuple[RacePath, ...]:
    """``steps`` steps of each ``(racer key, learning rate)`` from ``params`` at run step ``step``.

    ``loss_rows`` ``(inputs, targets)``: where each kept point's loss is measured (default: every
    training row, with the targets fitted to the network); the landscape passes the rows of its surface.
    """
    if not 1 <= steps <= MAX_STEPS:
        raise MlpvizError(msg("a race takes from 1 to {max_steps:,} steps, got {steps_}", max_steps=MAX_STEPS, steps_=steps))
    configs = [(key, lr, racer_config(config, key, lr)) for key, lr in runners]  # every rule checked first
    paths = []
    for key, lr, settings in configs:
        trainer = Trainer(arch, dataset, settings, params, step=step, history_budget=history_bytes)
        x, y = loss_rows if loss_rows is not None else (dataset.x_train, trainer.targets)
        done = take_steps(trainer, steps, measure_test=False)
        kept = trainer.history.steps
        flats = np.stack([trainer.history.params_at(s).flat for s in kept])
        losses = np.array([forward(arch, Params.from_flat(f, arch.sizes), x, y).loss for f in flats])
        stopped = trainer.step + 1 if done.ended == DIVERGED else None
        paths.append(RacePath(key, racer_label(key), float(lr), kept, flats, losses, stopped))
    return tuple(paths)
