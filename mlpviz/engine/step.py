"""Forward pass, backprop and the optimizer's update, as pure functions of params and a batch.

The shape follows Nielsen's ``network.py``: a forward loop that keeps every ``z`` and
``a``, the output delta from the loss, then one loop backwards over the layers,
``δ_l = (δ_{l+1} W_lᵀ) ⊙ f'(z_l)``. Unlike the notebook, nothing is stored on a
network object and nothing is mutated: each call returns a new immutable record.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from mlpviz.i18n import msg

from .activations import ACTIVATIONS
from .architecture import Architecture
from .errors import DataError
from .losses import LOSSES
from .optimizers import SGD, Optimizer, OptimizerState, frozen_state
from .params import Params, flat_layout, layer_views, weight_slices
from .records import ForwardRecord, StepRecord, readonly


def _as_batch(data, width: int, what: str) -> np.ndarray:
    """``data`` as a read-only float64 ``(B, width)`` array the record can keep.

    An array the caller can still write to is copied, so the record never changes
    behind the views' backs and the caller's array stays writable.
    """
    x = np.asarray(data, dtype=np.float64)
    if x.ndim == 1:
        x = x.reshape(1, -1) if width != 1 or x.shape[0] == 1 else x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[1] != width:
        raise DataError(msg("{what} have shape {shape}; the network needs {width} column(s)", what=what, shape=x.shape, width=width))
    if x.flags.writeable:
        x = x.copy()
        x.setflags(write=False)
    return x


@lru_cache(maxsize=8)
def _ones(n: int) -> np.ndarray:
    ones = np.ones(n)
    ones.setflags(write=False)
    return ones


def _check_rows(x: np.ndarray, y: np.ndarray) -> None:
    if x.shape[0] != y.shape[0]:
        raise DataError(msg("{shape} input rows but {shape2} target rows", shape=x.shape[0], shape2=y.shape[0]))


def _forward(arch: Architecture, params: Params, x: np.ndarray, y: np.ndarray | None):
    """Every ``z``, ``a`` and ``f'(z)``; with targets ``y`` the output head also gives losses and δ_L."""
    hidden = ACTIVATIONS[arch.hidden_activation]
    zs, activations, slopes = [], [x], []
    a = x
    last = arch.layer_count - 1
    for l, (w, b) in enumerate(zip(params.weights, params.biases)):
        z = a @ w
        z += b
        zs.append(z)
        if l < last:
            a = hidden.fn(z)
            activations.append(a)
            slopes.append(hidden.derivative(z, a))
    output = ACTIVATIONS[arch.output_activation]
    if y is None:
        a, losses, delta = output.fn(z), None, None
    else:
        a, losses, delta = LOSSES[arch.loss].head(z, y, arch.output_activation)
    activations.append(a)
    slopes.append(None if output.derivative is None else output.derivative(z, a))
    return zs, activations, slopes, losses, delta


def forward(arch: Architecture, params: Params, inputs, targets=None) -> ForwardRecord:
    """Run the batch ``inputs`` ``(B, n0)`` through the network; with ``targets`` also the loss."""
    x = _as_batch(inputs, arch.sizes[0], "inputs")
    y = None if targets is None else _as_batch(targets, arch.sizes[-1], "targets")
    if y is not None:
        _check_rows(x, y)
    with np.errstate(all="ignore"):
        zs, activations, slopes, losses, _ = _forward(arch, params, x, y)
        loss = float("nan")
        if y is not None:
            loss = float(np.add.reduce(losses)) / x.shape[0]
            readonly(losses)
    readonly(*zs, *activations[1:], *(s for s in slopes if s is not None))
    return ForwardRecord(arch, params, x, tuple(zs), tuple(activations), tuple(slopes), y, losses, loss)


def train_step(
    arch: Architecture,
    params: Params,
    inputs,
    targets,
    learning_rate: float,
    momentum: float = 0.0,
    weight_decay: float = 0.0,
    velocity: np.ndarray | None = None,
    *,
    optimizer: Optimizer | None = None,
    state: OptimizerState | None = None,
) -> StepRecord:
    """One step of ``optimizer`` on the batch; returns everything that happened.

    ``state`` is the previous step's ``StepRecord.state_after`` (None: the optimizer at rest).
    Without ``optimizer`` the step is (momentum) SGD with ``momentum`` and ``weight_decay``,
    ``velocity`` (a flat vector laid out like ``Params.flat``, or None) its state:
    ``v = momentum·v + dW``, ``W' = W - learning_rate·v``. The gradient carries
    ``weight_decay·W`` on the weights unless the optimizer decouples its decay (AdamW).
    The parameters are never modified in place.
    """
    x = _as_batch(inputs, arch.sizes[0], "inputs")
    y = _as_batch(targets, arch.sizes[-1], "targets")
    _check_rows(x, y)
    n = x.shape[0]
    sizes = arch.sizes
    layout = flat_layout(sizes)
    if optimizer is None:
        optimizer = SGD(momentum=float(momentum), weight_decay=float(weight_decay))
        if state is None and velocity is not None and optimizer.momentum:
            state = frozen_state(optimizer.name, 0, ("velocity",), (velocity,))
    if state is None:
        state = optimizer.initial_state(params.flat.size)
    grad = np.empty_like(params.flat)
    ones = _ones(n)
    with np.errstate(all="ignore"):
        zs, activations, slopes, losses, delta = _forward(arch, params, x, y)
        loss = float(np.add.reduce(losses)) / n

        L = arch.layer_count
        deltas = [delta] * L
        for l in range(L - 1, -1, -1):
            if l < L - 1:
                delta = (delta @ params.weights[l + 1].T) * slopes[l]
                deltas[l] = delta
            w0, i, o, b0, b1 = layout[l]
            np.matmul(activations[l].T, delta, out=grad[w0:b0].reshape(i, o))
            np.matmul(ones, delta, out=grad[b0:b1])  # Σ over the batch, as a BLAS call
        grad *= 1.0 / n
        decay = optimizer.weight_decay
        if decay and not optimizer.decoupled_decay:
            for (w0, _, _, b0, _), w in zip(layout, params.weights):
                grad[w0:b0] += np.multiply(w.ravel(), decay)

        new_flat, new_state = optimizer.update(params.flat, grad, state, float(learning_rate),
                                               weight_slices(sizes))
        diverged = not (math.isfinite(loss) and np.isfinite(new_flat).all())

    readonly(losses, *zs, *activations[1:], *(s for s in slopes if s is not None), *deltas, grad)
    grad_w, grad_b = layer_views(grad, sizes)
    if diverged:
        after, new_state = params, state
    else:
        after = Params.from_flat(new_flat, sizes)
    return StepRecord(
        arch, params, x, tuple(zs), tuple(activations), tuple(slopes), y, losses, loss,
        deltas=tuple(deltas), grad_weights=grad_w, grad_biases=grad_b,
        params_after=after, learning_rate=float(learning_rate), optimizer=optimizer,
        state_before=state, state_after=new_state, diverged=diverged,
    )
