"""The step recomputed without mistakes is the engine's step, in every convention."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.check.conventions import Convention, candidates
from mlpviz.check.mistakes import MISTAKES
from mlpviz.check.quantities import keys_in_order
from mlpviz.check.reference import expected_step, reference_step
from mlpviz.engine import Architecture, init_params, train_step

NETWORKS = [((2, 3, 1), "relu", "sigmoid", "bce"), ((3, 4, 3), "tanh", "softmax", "ce"),
            ((2, 5, 4, 2), "sigmoid", "linear", "mse"), ((4, 3, 2), "leaky_relu", "softmax", "mse")]


@pytest.mark.parametrize("network", NETWORKS)
def test_reference_without_mistakes_is_the_engine_step(network):
    sizes, hidden, output, loss = network
    arch = Architecture(sizes, hidden, output, loss)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(7, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 7)] if output == "softmax" else rng.random((7, sizes[-1]))
    params = init_params(arch, "xavier", seed=2)
    record = train_step(arch, params, x, y, 0.3)
    for conv in candidates(loss):
        expected = expected_step(record, conv)
        mine = reference_step(arch, params.weights, params.biases, record.inputs, record.targets, 0.3, conv)
        for key in keys_in_order(arch.layer_count):
            np.testing.assert_allclose(mine[key], expected[key], rtol=1e-10, atol=1e-12, err_msg=f"{key} {conv}")


def test_every_mistake_changes_some_quantity_where_it_can_happen():
    arch = Architecture((3, 3, 3), "sigmoid", "softmax", "ce")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(5, 3)), np.eye(3)[[0, 1, 2, 0, 1]]
    params = init_params(arch, seed=0)
    right = reference_step(arch, params.weights, params.biases, x, y, 0.1, Convention())
    for mistake in MISTAKES:
        wrong = reference_step(arch, params.weights, params.biases, x, y, 0.1, Convention(), frozenset({mistake}))
        assert any(np.shape(wrong[k]) != np.shape(right[k]) or not np.allclose(wrong[k], right[k]) for k in right), mistake


def test_a_mistake_that_cannot_happen_here_gives_none():
    arch = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    params = init_params(arch, seed=0)
    x, y = np.zeros((2, 2)), np.zeros((2, 1))
    for mistake in ("softmax_axis", "transposed_forward", "transposed_backward"):
        assert reference_step(arch, params.weights, params.biases, x, y, 0.1, Convention(), frozenset({mistake})) is None
