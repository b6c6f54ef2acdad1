"""The optimizer protocol: what every optimizer file declares and does, and its state as a value.

An optimizer is a frozen dataclass of its settings (hyperparameters) with class-level
declarations (name, title, the state it keeps, its settings' ranges, its formula) and two
methods: ``initial_state(size)`` and ``update(flat, grad, state, lr, layout)``. The state
is a set of flat vectors laid out like ``Params.flat`` plus the count of updates taken, so
a snapshot can keep all of it and a resumed run continues bit for bit.

Weight decay, for every optimizer: it applies to the weights, never the biases. SGD, Adam,
RMSProp and AdaGrad add ``λ·w`` to the gradient (L2, as ``torch.optim``'s
``weight_decay``); AdamW shrinks the weights by ``η·λ·w`` apart from the gradient (decoupled).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, NamedTuple

import numpy as np

from mlpviz.i18n import msg


class Setting(NamedTuple):
    """One hyperparameter: its name, symbol, default and allowed range (``low``..``high``, open ends
    excluded). A bool setting has ``low`` and ``high`` None. ``training/settings.py`` checks every
    value against these bounds and writes the one message of each rule."""

    name: str
    symbol: str
    default: float | bool
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    help: str = ""


class Line(NamedTuple):
    """One equation of a parameter's update: ``lhs = symbolic = numbers = value``.

    ``symbolic`` and ``numbers`` are token tuples: a float is a number, one of ``+ − · / ( ) ²`` an
    operator, any other text a symbol (``w``, ``g``, ``w'`` and the state's symbols, ``m_prev`` for
    its value before the step, are the parameter's own; ``η``, ``β₁``, ``ε``… the settings').
    """

    lhs: str
    symbolic: tuple
    numbers: tuple
    value: float


@dataclass(frozen=True, slots=True)
class OptimizerState:
    """What an optimizer carries from step to step: ``count`` updates taken and one read-only flat
    vector per name in ``names`` (laid out like ``Params.flat``)."""

    optimizer: str
    count: int
    names: tuple[str, ...]
    arrays: tuple[np.ndarray, ...]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[self.names.index(name)]

    def get(self, name: str) -> np.ndarray | None:
        return self.arrays[self.names.index(name)] if name in self.names else None

    def equals(self, other: "OptimizerState | None") -> bool:
        """Bit-for-bit equality of everything the state holds."""
        return (other is not None and self.optimizer == other.optimizer and self.count == other.count
                and self.names == other.names
                and all(np.array_equal(a, b) for a, b in zip(self.arrays, other.arrays)))

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.arrays)

    def __getstate__(self):
        return (self.optimizer, self.count, self.names, self.arrays)

    def __setstate__(self, state) -> None:
        """Unpickling (a state sent from a run in another process): the arrays come back read-only."""
        for name, value in zip(("optimizer", "count", "names", "arrays"), state):
            object.__setattr__(self, name, value)
        for a in self.arrays:
            a.setflags(write=False)


def frozen_state(optimizer: str, count: int, names: tuple[str, ...], arrays) -> OptimizerState:
    """An OptimizerState over ``arrays`` (taken over and made read-only)."""
    arrays = tuple(np.asarray(a, dtype=np.float64) for a in arrays)
    for a in arrays:
        a.setflags(write=False)
    return OptimizerState(optimizer, int(count), tuple(names), arrays)


@dataclass(frozen=True)
class Optimizer:
    """Base of every optimizer: subclasses add their settings as fields and fill in the declarations.

    ``update`` returns ``(new_flat, new_state)`` and never changes its inputs; ``step_taken`` reads
    the effective step back from the parameters before and after (``new = old − step``).
    """

    name: ClassVar[str]
    title: ClassVar[str]
    settings: ClassVar[tuple[Setting, ...]]
    formula: ClassVar[tuple[str, ...]]   # the update rule, one equation a line, g = ∂C/∂w
    step_formula: ClassVar[str]          # the effective step written as a formula
    symbols: ClassVar[dict[str, str]]    # each state vector's symbol in the formulas (velocity: v)
    squares: ClassVar[tuple[str, ...]] = ()  # state vectors that add up squares: never negative
    decoupled_decay: ClassVar[bool] = False

    @property
    def state_names(self) -> tuple[str, ...]:
        """The vectors this optimizer keeps with these settings (none for plain SGD)."""
        return ()

    def values(self) -> dict:
        """The settings as plain Python values, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def initial_state(self, size: int) -> OptimizerState:
        """The state at rest: no updates taken, every vector zero."""
        return frozen_state(self.name, 0, self.state_names, (np.zeros(size) for _ in self.state_names))

    def update(self, flat: np.ndarray, grad: np.ndarray, state: OptimizerState, lr: float, weights):
        raise NotImplementedError

    def explain(self, g: float, w: float, before: dict, after: dict, lr: float, t: int, new: float,
                weight: bool) -> tuple[Line, ...]:
        """One parameter's update with its numbers: the state's equations, then ``w' = …`` (``new``, as applied).

        ``before``/``after`` map each state name to this parameter's value; ``t`` counts the updates with
        this one; ``weight`` is False for a bias (no decay)."""
        raise NotImplementedError

    def step_taken(self, old: np.ndarray, new: np.ndarray, lr: float, sizes) -> np.ndarray:
        """The step each parameter took from ``old`` to ``new`` (a decoupled decay is not part of it)."""
        return np.subtract(old, new)

    def check_state(self, state: OptimizerState, size: int) -> None:
        """Raise ValueError unless ``state`` belongs to this optimizer and fits ``size`` parameters."""
        if state.optimizer != self.name or state.names != self.state_names:
            raise ValueError(msg("a state of {optimizer} ({value}) does not fit {name} ({value2})", optimizer=state.optimizer, value=', '.join(state.names) or 'nothing', name=self.name, value2=', '.join(self.state_names) or 'nothing'))
        if any(a.shape != (size,) for a in state.arrays):
            raise ValueError(msg("the {name} state does not fit a network of {size} parameters", name=self.name, size=size))
        if state.count < 0:
            raise ValueError(msg("an optimizer state cannot have taken a negative number of steps"))


def bias_correction(beta: float, count: int) -> float:
    """``1 − βᵗ`` for Adam's t-th update."""
    return 1.0 - beta ** count

