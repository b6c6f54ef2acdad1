"""The factors of a step written out: what a formula panel needs to show a hand calculation.

Pure functions of a record (numpy only). They return the per-sample terms whose sum or
mean *is* the recorded number (``∂C/∂w = mean_s a_i·δ_j``, ``z_j = Σ_i a_i·w_ij + b_j``,
``δ_j = (Σ_k w_jk·δ_k)·f'(z_j)``), so views can print a sum without doing maths.
Unit layer ``layer`` runs 0..L; weight layer ``layer`` connects unit layers ``layer`` and ``layer+1``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .params import flat_layout, layer_views
from .records import ForwardRecord, StepRecord

MEAN = -1  # sample index meaning "the batch mean" (as in mlpviz.app.selection)


def pick_sample(values: np.ndarray, sample: int) -> np.ndarray:
    """Row ``sample`` of ``values`` ``(B, n)``, or the batch mean ``(n,)`` when ``sample`` < 0."""
    if sample < 0:
        return values.mean(axis=0)
    return values[sample]


def net_input_terms(record: ForwardRecord, layer: int, unit: int) -> np.ndarray:
    """``a_i·w_ij`` for every input ``i`` of unit ``unit`` of unit layer ``layer`` (1..L): ``(B, n_{layer-1})``.

    Their row sum plus the bias ``b_j`` is ``z_j``.
    """
    with np.errstate(all="ignore"):
        here = record.layer(layer)
        return here.inputs * here.w[:, unit]


def backprop_terms(record: StepRecord, layer: int, unit: int) -> np.ndarray:
    """``w_jk·δ_k`` for unit ``unit`` of hidden unit layer ``layer`` over the next layer's units: ``(B, n_{layer+1})``.

    Their row sum times ``f'(z_j)`` is ``δ_j``.
    """
    with np.errstate(all="ignore"):
        return record.params.weights[layer][unit, :] * record.deltas[layer]


def gradient_terms(record: StepRecord, layer: int, row: int, col: int) -> np.ndarray:
    """Per-sample ``a_i·δ_j`` of ``W[layer][row, col]`` (or ``δ_j`` for the bias, ``row`` -1): ``(B,)``.

    Their mean (plus ``weight_decay·w`` for a weight) is the recorded gradient.
    """
    delta = record.deltas[layer][:, col]
    if row < 0:
        return delta
    with np.errstate(all="ignore"):
        return record.activations[layer][:, row] * delta


@dataclass(frozen=True)
class ParameterUpdate:
    """One parameter's update in a step: ``w' = w − lr·v`` with ``v = momentum·v_prev + grad``.

    ``grad = mean_grad + decay_term`` (both from the recorded gradient, so every line agrees); without momentum ``v`` is ``grad``. ``new`` is the
    value the step applied (``old`` when the step diverged).
    """

    old: float
    mean_grad: float  # mean over the batch of a_i·δ_j (δ_j for a bias): the recorded ∂C/∂w less the decay term
    decay_term: float  # weight_decay·w (0 for a bias or without decay)
    grad: float  # ∂C/∂w as recorded
    velocity: float | None  # v after the step, None without momentum
    learning_rate: float
    new: float

    @property
    def change(self) -> float:
        return self.new - self.old


def parameter_update(record: StepRecord, layer: int, row: int, col: int) -> ParameterUpdate:
    """How ``W[layer][row, col]`` (bias ``b[layer][col]`` when ``row`` is -1) changed in ``record``."""
    if row < 0:
        old = float(record.params.biases[layer][col])
        grad = float(record.grad_biases[layer][col])
        new = float(record.params_after.biases[layer][col])
        decay = 0.0
    else:
        old = float(record.params.weights[layer][row, col])
        grad = float(record.grad_weights[layer][row, col])
        new = float(record.params_after.weights[layer][row, col])
        decay = record.weight_decay * old if record.weight_decay else 0.0
    velocity = None
    if record.momentum and record.velocity is not None:
        v_weights, v_biases = layer_views(record.velocity, record.arch.sizes)
        velocity = float(v_biases[layer][col] if row < 0 else v_weights[layer][row, col])
    return ParameterUpdate(
        old=old, mean_grad=grad - decay, decay_term=decay,  # the number the update used: a sum of the terms in
        # another order differs in its last bits, which is all there is of a gradient near 0 (−1.12e-15 vs −1.10e-15)
        grad=grad, velocity=velocity, learning_rate=record.learning_rate, new=new,
    )


def optimizer_lines(record: StepRecord, layer: int, row: int, col: int):
    """How the step's optimizer moved ``W[layer][row, col]`` (bias when ``row`` is -1), equation by equation
    with this step's numbers (``Optimizer.explain``): its state's update, then ``w' = …`` as applied."""
    u = parameter_update(record, layer, row, col)
    w0, i, o, b0, _ = flat_layout(record.arch.sizes)[layer]
    index = b0 + col if row < 0 else w0 + row * o + col
    before = {n: float(a[index]) for n, a in zip(record.state_before.names, record.state_before.arrays)}
    after = {n: float(a[index]) for n, a in zip(record.state_after.names, record.state_after.arrays)}
    return record.optimizer.explain(u.grad, u.old, before, after, record.learning_rate, record.state_after.count,
                                    u.new, row >= 0)
