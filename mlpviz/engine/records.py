"""Immutable records of what a forward pass and a training step did.

These records are the one thing the views draw. Indexing follows the textbook:
``activations[0]`` is the input batch, ``zs[l-1]``/``activations[l]`` belong to unit
layer ``l`` (1 .. L), and ``deltas[l-1]`` is ``δ_l = ∂C_sample/∂z_l`` for every sample.
``Params.weights[l-1]`` connects unit layer ``l-1`` to ``l``. All arrays are read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .architecture import Architecture
from .params import Params


@dataclass(frozen=True, slots=True)
class ForwardRecord:
    """A forward pass: inputs ``(B, n0)``, ``zs[l]`` ``(B, n_{l+1})``, ``activations[l]`` ``(B, n_l)``.

    ``targets`` and ``losses`` (per sample, shape ``(B,)``) are None when no targets
    were given; ``loss`` is then NaN.
    """

    arch: Architecture
    params: Params
    inputs: np.ndarray
    zs: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]
    targets: np.ndarray | None = None
    losses: np.ndarray | None = None
    loss: float = float("nan")

    @property
    def outputs(self) -> np.ndarray:
        """The network's prediction ŷ, shape ``(B, n_L)``."""
        return self.activations[-1]

    @property
    def batch_size(self) -> int:
        return self.inputs.shape[0]


@dataclass(frozen=True, slots=True)
class StepRecord(ForwardRecord):
    """One SGD step: the forward pass plus deltas, gradients and the update.

    ``params`` is the network before the step and ``params_after`` after it. The
    gradients ``grad_weights[l]``/``grad_biases[l]`` are the batch means of
    ``a_{l}ᵀ δ_{l+1}`` and ``δ_{l+1}`` (plus ``weight_decay·W`` when that is on), so
    with plain SGD ``W' = W - learning_rate·dW`` holds number for number.
    If the step ``diverged`` (non-finite loss or parameters) ``params_after`` is
    ``params``: the bad update is reported, never applied.
    """

    deltas: tuple[np.ndarray, ...] = ()
    grad_weights: tuple[np.ndarray, ...] = ()
    grad_biases: tuple[np.ndarray, ...] = ()
    params_after: Params | None = None
    velocity: np.ndarray | None = None  # flat, laid out like Params.flat
    learning_rate: float = 0.0
    momentum: float = 0.0
    weight_decay: float = 0.0
    diverged: bool = False

    @property
    def params_before(self) -> Params:
        return self.params

    def weight_change(self, layer: int) -> np.ndarray:
        """``W' - W`` of weight layer ``layer`` (zeros if the step diverged)."""
        return self.params_after.weights[layer] - self.params.weights[layer]

    def bias_change(self, layer: int) -> np.ndarray:
        return self.params_after.biases[layer] - self.params.biases[layer]

    def delta_of(self, layer: int) -> np.ndarray:
        """δ of unit layer ``layer`` (1 .. L), shape ``(B, n_layer)``."""
        return self.deltas[layer - 1]


def readonly(*arrays: np.ndarray) -> None:
    """Mark arrays the engine made as read-only, so nothing downstream can edit a record."""
    for a in arrays:
        a.setflags(write=False)
