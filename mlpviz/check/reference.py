"""The step recomputed in the learner's convention, correctly or with some of the common mistakes.

The correct step is the engine's own (:func:`expected_step` scales a ``StepRecord``);
:func:`reference_step` writes the same maths out once more so that a mistake can be put in,
and without mistakes it gives the engine's numbers (tests/check/test_reference.py).
"""

from __future__ import annotations

import numpy as np

from mlpviz.engine import Architecture, StepRecord
from mlpviz.engine.activations import ACTIVATIONS
from mlpviz.engine.losses import LOSSES

from .conventions import Convention

Quantities = dict  # (quantity, layer) -> array, as in mlpviz.check.quantities


def expected_step(record: StepRecord, conv: Convention) -> Quantities:
    """The engine's step in the learner's convention ``conv``."""
    arch, n = record.arch, record.batch_size
    out: Quantities = {("loss", None): np.asarray(record.loss * conv.loss_factor(n))}
    g = conv.grad_factor(n)
    for l in range(1, arch.layer_count + 1):
        ly = record.layer(l)
        out[("z", l)], out[("a", l)] = ly.z, ly.a
        out[("delta", l)] = ly.delta * conv.delta_factor()
        out[("grad_W", l)], out[("grad_b", l)] = ly.grad_w * g, ly.grad_b * g
        step = record.learning_rate * conv.half
        out[("W_after", l)] = ly.w_after if conv.half == 1 else ly.w - step * ly.grad_w
        out[("b_after", l)] = ly.b_after if conv.half == 1 else ly.b - step * ly.grad_b
    return out


def _square(w: np.ndarray) -> bool:
    return w.shape[0] == w.shape[1]


def reference_step(arch: Architecture, weights, biases, x, y, lr: float, conv: Convention,
                   mistakes: frozenset[str] = frozenset()) -> Quantities | None:
    """Every quantity of one SGD step with ``mistakes`` made; None if one of them cannot happen here
    (a transposed weight needs a square one, a wrong softmax axis a softmax)."""
    L, n = arch.layer_count, x.shape[0]
    hidden = ACTIVATIONS[arch.hidden_activation]
    if ({"transposed_forward", "transposed_backward"} & mistakes and not any(_square(w) for w in weights[1:])
            and not ("transposed_forward" in mistakes and _square(weights[0]))):
        return None
    if "softmax_axis" in mistakes and arch.output_activation != "softmax":
        return None
    out: Quantities = {}
    acts, slopes = [x], []
    with np.errstate(all="ignore"):
        a = x
        for l, (w, b) in enumerate(zip(weights, biases)):
            used = w.T if "transposed_forward" in mistakes and _square(w) else w
            z = a @ used + b
            out[("z", l + 1)] = z
            if l < L - 1:
                a = hidden.fn(z)
                if "overwritten_in_place" in mistakes:
                    out[("z", l + 1)] = a
                f_of = a if "derivative_of_a" in mistakes else z
                slopes.append(np.asarray(hidden.derivative(f_of, hidden.fn(f_of)), dtype=float))
                out[("a", l + 1)] = a
                acts.append(a)
        head = LOSSES[arch.loss].head
        ones = np.ones_like(y)
        if "softmax_axis" in mistakes:
            e = np.exp(z - z.max(axis=0, keepdims=True))
            yhat = e / e.sum(axis=0, keepdims=True)
            losses = -np.sum(y * np.log(yhat), axis=1)
            delta = yhat - y
            if "labels_ignored_loss" in mistakes:
                losses = -np.sum(np.log(yhat), axis=1)
            if "labels_ignored_delta" in mistakes:
                delta = yhat - 1.0
        else:
            yhat, losses, delta = head(z, y, arch.output_activation)
            if "labels_ignored_loss" in mistakes:
                losses = head(z, ones, arch.output_activation)[1]
            if "labels_ignored_delta" in mistakes:
                delta = head(z, ones, arch.output_activation)[2]
        out[("a", L)] = yhat
        out[("loss", None)] = np.asarray(np.sum(losses) / n * conv.loss_factor(n))
        g, step = conv.grad_factor(n), lr * conv.half
        if "update_adds" in mistakes:
            step = -step
        if "not_averaged" in mistakes:
            step *= n
        for l in range(L - 1, -1, -1):
            out[("delta", l + 1)] = delta * conv.delta_factor()
            grad_w = acts[l].T @ delta / n
            grad_b = delta / n if "bias_not_summed" in mistakes else delta.sum(axis=0) / n
            out[("grad_W", l + 1)], out[("grad_b", l + 1)] = grad_w * g, grad_b * g
            w_after = weights[l] - step * grad_w
            out[("W_after", l + 1)], out[("b_after", l + 1)] = w_after, biases[l] - step * grad_b
            if l:
                w = w_after if "update_before_backprop" in mistakes else weights[l]
                back = w if "transposed_backward" in mistakes and _square(w) else w.T
                delta = delta @ back
                if "no_hidden_derivative" not in mistakes:
                    delta = delta * slopes[l - 1]
    return out
