"""Immutable records of what a forward pass and a training step did.

These records are the one thing the views draw. The layer numbering, stated once:
unit layer 0 is the input and unit layers 1 .. L compute ``z_l = a_{l-1} @ W_l + b_l``
and ``a_l = f(z_l)``. ``record.layer(l)`` gives everything of unit layer ``l``, so no
caller does index arithmetic; the tuples underneath are stored 0-based
(``activations[l]``, but ``zs[l-1]``, ``slopes[l-1]``, ``deltas[l-1]``, ``weights[l-1]``).
``δ_l = ∂C_sample/∂z_l`` for every sample. All arrays are read-only.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, fields

import numpy as np

from mlpviz.i18n import msg

from .architecture import Architecture
from .layers import weights_into
from .optimizers import Optimizer, OptimizerState
from .params import Params


@dataclass(frozen=True, slots=True)
class Layer:
    """Everything of unit layer ``index`` (1..L) in one record, shapes ``(B, n)`` per sample.

    ``inputs`` is ``a_{l-1}``; ``slope`` is ``f'(z)`` (None for a softmax output, whose
    derivative is not elementwise); ``delta``, ``grad_w``, ``grad_b``, ``w_after`` and
    ``b_after`` are None for a forward pass alone.
    """

    index: int
    inputs: np.ndarray
    z: np.ndarray
    a: np.ndarray
    slope: np.ndarray | None
    w: np.ndarray
    b: np.ndarray
    delta: np.ndarray | None = None
    grad_w: np.ndarray | None = None
    grad_b: np.ndarray | None = None
    w_after: np.ndarray | None = None
    b_after: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class ForwardRecord:
    """A forward pass: inputs ``(B, n0)``, ``zs[l]`` ``(B, n_{l+1})``, ``activations[l]`` ``(B, n_l)``.

    ``slopes[l]`` is ``f'(zs[l])`` (None for a softmax output). ``targets`` and ``losses``
    (per sample, shape ``(B,)``) are None when no targets were given; ``loss`` is then NaN.
    """

    arch: Architecture
    params: Params
    inputs: np.ndarray
    zs: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]
    slopes: tuple[np.ndarray | None, ...]
    targets: np.ndarray | None = None
    losses: np.ndarray | None = None
    loss: float = float("nan")

    def __setstate__(self, state) -> None:
        _set_read_only_state(self, state)

    def layer(self, l: int) -> Layer:
        """Unit layer ``l`` (1..L): its inputs, z, a, f'(z), W and b (and δ, gradients, update in a step)."""
        if not 1 <= l <= self.arch.layer_count:
            raise IndexError(msg("unit layer {l} is not in 1..{layer_count}", l=l, layer_count=self.arch.layer_count))
        i = weights_into(l)
        return Layer(l, self.activations[i], self.zs[i], self.activations[l], self.slopes[i],
                     self.params.weights[i], self.params.biases[i], **self._step_parts(i))

    def _step_parts(self, i: int) -> dict:
        return {}

    @property
    def outputs(self) -> np.ndarray:
        """The network's prediction ŷ, shape ``(B, n_L)``."""
        return self.activations[-1]

    @property
    def batch_size(self) -> int:
        return self.inputs.shape[0]


@dataclass(frozen=True, slots=True)
class StepRecord(ForwardRecord):
    """One training step: the forward pass plus deltas, gradients and the optimizer's update.

    ``params`` is the network before the step and ``params_after`` after it. The
    gradients ``grad_weights[l]``/``grad_biases[l]`` are the batch means of
    ``a_{l}ᵀ δ_{l+1}`` and ``δ_{l+1}`` (plus ``λ·W`` when the optimizer adds its weight
    decay to the gradient), so with plain SGD ``W' = W - learning_rate·dW`` holds number
    for number. ``state_before``/``state_after`` are the optimizer's state (velocity; m and v;
    …) around the step; ``effective_step()`` is the step each parameter took (e.g. η·m̂/(√v̂ + ε)).
    If the step ``diverged`` (non-finite loss or parameters) ``params_after`` is
    ``params`` and ``state_after`` is ``state_before``: the bad update is reported, never applied.
    """

    _: KW_ONLY
    deltas: tuple[np.ndarray, ...]
    grad_weights: tuple[np.ndarray, ...]
    grad_biases: tuple[np.ndarray, ...]
    params_after: Params
    learning_rate: float
    optimizer: Optimizer
    state_before: OptimizerState
    state_after: OptimizerState
    diverged: bool = False

    @property
    def velocity(self) -> np.ndarray | None:
        """Momentum-SGD's velocity after the step (flat), None for other optimizers or without momentum."""
        return self.state_after.get("velocity") if self.optimizer.name == "sgd" else None

    @property
    def momentum(self) -> float:
        """SGD's momentum μ (0 for the other optimizers)."""
        return float(getattr(self.optimizer, "momentum", 0.0)) if self.optimizer.name == "sgd" else 0.0

    @property
    def weight_decay(self) -> float:
        """The λ whose ``λ·W`` the gradient carries (0 when the optimizer decouples its decay, as AdamW does)."""
        return 0.0 if self.optimizer.decoupled_decay else float(self.optimizer.weight_decay)

    def __setstate__(self, state) -> None:
        _set_read_only_state(self, state)

    def _step_parts(self, i: int) -> dict:
        return {"delta": self.deltas[i], "grad_w": self.grad_weights[i], "grad_b": self.grad_biases[i],
                "w_after": self.params_after.weights[i], "b_after": self.params_after.biases[i]}

    def effective_step(self) -> np.ndarray:
        """The step every parameter took, flat like ``Params.flat`` (``w' = w − step``, apart from AdamW's
        decoupled decay): η·v, η·m̂/(√v̂ + ε), ... as the optimizer computed it up to rounding."""
        return self.optimizer.step_taken(self.params.flat, self.params_after.flat, self.learning_rate,
                                         self.arch.sizes)

    def weight_change(self, layer: int) -> np.ndarray:
        """``W' - W`` of weight layer ``layer`` (zeros if the step diverged)."""
        return self.params_after.weights[layer] - self.params.weights[layer]

    def bias_change(self, layer: int) -> np.ndarray:
        return self.params_after.biases[layer] - self.params.biases[layer]


def readonly(*arrays: np.ndarray) -> None:
    """Mark arrays the engine made as read-only, so nothing downstream can edit a record."""
    for a in arrays:
        a.setflags(write=False)


def _set_read_only_state(record, state) -> None:
    """Unpickling (a record sent from a run in another process): the arrays come back read-only."""
    for field, value in zip(fields(record), state):
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, np.ndarray):
                    item.setflags(write=False)
        object.__setattr__(record, field.name, value)
