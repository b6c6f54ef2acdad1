"""The gradient check agrees with backprop everywhere, and catches a backprop that is wrong."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlpviz.engine import ACTIVATIONS, HIDDEN_ACTIVATIONS, Architecture, Params, init_params, train_step
from mlpviz.engine.gradcheck import (
    GradientCheckCancelled, GradientCheckRefused, check_parameter, gradient_check,
)

OUTPUT_LOSSES = [("sigmoid", "bce"), ("sigmoid", "mse"), ("softmax", "ce"), ("softmax", "mse"), ("linear", "mse"),
                 ("tanh", "mse")]


def random_record(hidden, output, loss, seed, weight_decay=0.0):
    """A step of a random small network (2 or 3 weight layers of 1..4 units) on a random batch of 4."""
    rng = np.random.default_rng(seed)
    sizes = tuple(int(s) for s in rng.integers(1, 5, rng.integers(3, 5)))
    if output == "softmax":
        sizes = sizes[:-1] + (max(2, sizes[-1]),)
    arch = Architecture(sizes, hidden, output, loss)
    params = init_params(arch, "xavier", seed)
    params = Params.from_flat(params.flat + 0.3 * rng.standard_normal(params.flat.size), sizes)
    x = rng.standard_normal((4, sizes[0]))
    k = sizes[-1]
    if loss == "ce":
        y = np.eye(k)[rng.integers(0, k, 4)]
    elif output == "linear":
        y = rng.standard_normal((4, k))
    else:
        y = rng.integers(0, 2, (4, k)).astype(float)
    return train_step(arch, params, x, y, 0.1, weight_decay=weight_decay)


@pytest.mark.parametrize("output,loss", OUTPUT_LOSSES)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_backprop_agrees_with_central_differences(hidden, output, loss):
    for seed in range(3):
        check = gradient_check(random_record(hidden, output, loss, seed))
        assert check.worst < 1e-6, f"seed {seed}: worst relative error {check.worst:.2e}"
        assert len(check.worst_per_layer()) == len(check.sizes) - 1


def test_weight_decay_is_part_of_both_gradients():
    check = gradient_check(random_record("tanh", "sigmoid", "bce", 1, weight_decay=0.3))
    assert check.worst < 1e-6


def test_a_broken_derivative_is_caught_in_its_layers(monkeypatch):
    """tanh' written as 1 − a instead of 1 − a² (a classic slip) breaks every layer below the output."""
    tanh = ACTIVATIONS["tanh"]
    monkeypatch.setitem(ACTIVATIONS, "tanh", dataclasses.replace(tanh, derivative=lambda z, a: 1.0 - a))
    rng = np.random.default_rng(0)
    arch = Architecture((2, 3, 3, 1), "tanh", "sigmoid", "bce")
    rec = train_step(arch, init_params(arch, "normal", 0), rng.standard_normal((5, 2)), [[0], [1], [1], [0], [1]], 0.1)
    worst = gradient_check(rec).worst_per_layer()
    assert worst[0].relative_error > 1e-2 and worst[1].relative_error > 1e-2
    assert worst[2].relative_error < 1e-6  # the output layer's gradient needs no tanh'


def test_worst_per_layer_names_the_parameter():
    rec = random_record("sigmoid", "sigmoid", "mse", 2)
    check = gradient_check(rec)
    for w in check.worst_per_layer():
        assert w.relative_error == check.relative_error_of(w.layer, w.row, w.col)
        assert w.numeric == check.numeric_of(w.layer, w.row, w.col)
        recorded = rec.grad_biases[w.layer][w.col] if w.row < 0 else rec.grad_weights[w.layer][w.row, w.col]
        assert w.backprop == recorded


def test_large_networks_are_refused_before_any_work():
    arch = Architecture((50, 50, 2))
    rec = train_step(arch, init_params(arch), np.zeros((1, 50)), [[0, 1]], 0.1)
    with pytest.raises(GradientCheckRefused, match="2,652 parameters is over the limit of 1,000"):
        gradient_check(rec, max_parameters=1000, progress=lambda done, total: pytest.fail("started"))


def test_progress_reports_and_can_cancel():
    rec = random_record("relu", "sigmoid", "bce", 0)
    seen = []
    gradient_check(rec, progress=lambda done, total: seen.append((done, total)))
    n = rec.params.flat.size
    assert seen[-1] == (n, n) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(GradientCheckCancelled, match=f"after 1 of {n}"):
        gradient_check(rec, progress=lambda done, total: False)


def test_one_parameter_is_checked_like_the_whole_network():
    rec = random_record("sigmoid", "sigmoid", "bce", 3, weight_decay=0.1)
    whole = gradient_check(rec)
    for layer, row, col in ((0, 0, 0), (0, -1, 0), (len(rec.grad_weights) - 1, 0, 0)):
        one = check_parameter(rec, layer, row, col)
        assert one.numeric == whole.numeric_of(layer, row, col)
        assert one.relative_error == whole.relative_error_of(layer, row, col) < 1e-6
