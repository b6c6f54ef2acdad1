"""The explained factors add up to exactly what the step recorded."""

import numpy as np
import pytest

from mlpviz.engine import Architecture, init_params, train_step
from mlpviz.engine.params import layer_views
from mlpviz.engine.explain import (
    backprop_terms, gradient_terms, net_input_terms, parameter_update, pick_sample,
)


def _record(hidden="tanh", output="sigmoid", loss="bce", momentum=0.0, decay=0.0, velocity=None, sizes=(3, 4, 2)):
    arch = Architecture(sizes, hidden, output, loss)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((5, sizes[0]))
    y = (rng.random((5, sizes[-1])) > 0.5).astype(float)
    if output == "softmax":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 5)]
    return train_step(arch, init_params(arch, "normal", 3), x, y, 0.3, momentum, decay, velocity)


def test_pick_sample_row_or_mean():
    a = np.arange(6.0).reshape(3, 2)
    assert np.array_equal(pick_sample(a, 1), [2.0, 3.0])
    assert np.allclose(pick_sample(a, -1), [2.0, 3.0])
    assert np.array_equal(pick_sample(a, 2), [4.0, 5.0])


def test_net_input_terms_sum_to_z():
    r = _record()
    for layer in (1, 2):
        for unit in range(r.arch.sizes[layer]):
            terms = net_input_terms(r, layer, unit)
            assert terms.shape == (5, r.arch.sizes[layer - 1])
            z = terms.sum(axis=1) + r.params.biases[layer - 1][unit]
            assert np.allclose(z, r.zs[layer - 1][:, unit], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "relu", "leaky_relu", "linear"])
def test_backprop_terms_times_slope_give_delta(hidden):
    r = _record(hidden=hidden, sizes=(3, 4, 3, 2))
    for layer in (1, 2):
        slope = r.layer(layer).slope
        for unit in range(r.arch.sizes[layer]):
            delta = backprop_terms(r, layer, unit).sum(axis=1) * slope[:, unit]
            assert np.allclose(delta, r.deltas[layer - 1][:, unit], rtol=1e-12, atol=1e-14)


def test_slope_of_softmax_output_is_none_and_of_sigmoid_is_a_times_1_minus_a():
    r = _record(output="softmax", loss="ce", sizes=(2, 3, 3))
    assert r.layer(2).slope is None
    r = _record()
    a = r.activations[2]
    assert np.allclose(r.layer(2).slope, a * (1 - a))


def test_layer_gives_one_unit_layer_of_a_step_without_index_arithmetic():
    r = _record(sizes=(3, 4, 2))
    second = r.layer(2)
    assert second.index == 2
    assert second.inputs is r.activations[1] and second.a is r.activations[2] and second.z is r.zs[1]
    assert second.w is r.params.weights[1] and second.delta is r.deltas[1]
    assert second.grad_w is r.grad_weights[1] and second.w_after is r.params_after.weights[1]
    with pytest.raises(IndexError):
        r.layer(0)
    from mlpviz.engine import forward

    plain = forward(r.arch, r.params, r.inputs, r.targets).layer(1)
    assert plain.delta is None and plain.grad_w is None
    np.testing.assert_array_equal(plain.slope, r.layer(1).slope)


def test_gradient_terms_mean_is_recorded_gradient():
    r = _record()
    for layer in range(2):
        w = r.params.weights[layer]
        for row in range(w.shape[0]):
            for col in range(w.shape[1]):
                assert gradient_terms(r, layer, row, col).mean() == pytest.approx(r.grad_weights[layer][row, col], abs=1e-15)
        for col in range(w.shape[1]):
            assert gradient_terms(r, layer, -1, col).mean() == pytest.approx(r.grad_biases[layer][col], abs=1e-15)


def test_parameter_update_plain_sgd():
    r = _record()
    u = parameter_update(r, 1, 2, 1)
    assert u.old == r.params.weights[1][2, 1]
    assert u.new == r.params_after.weights[1][2, 1]
    assert u.grad == r.grad_weights[1][2, 1]
    assert u.velocity is None and u.decay_term == 0.0
    assert u.new == u.old - u.learning_rate * u.grad
    b = parameter_update(r, 0, -1, 3)
    assert b.old == r.params.biases[0][3] and b.new == r.params_after.biases[0][3]
    assert b.new == b.old - 0.3 * b.grad


def test_parameter_update_with_momentum_and_decay():
    first = _record(momentum=0.9, decay=0.01)
    r = _record(momentum=0.9, decay=0.01, velocity=first.velocity)
    u = parameter_update(r, 0, 1, 2)
    assert u.decay_term == pytest.approx(0.01 * u.old)
    assert u.grad == pytest.approx(u.mean_grad + u.decay_term, abs=1e-15)
    v_weights, v_biases = layer_views(first.velocity, r.arch.sizes)
    assert u.velocity == pytest.approx(0.9 * v_weights[0][1, 2] + u.grad, abs=1e-15)
    assert u.new == pytest.approx(u.old - 0.3 * u.velocity, abs=1e-15)
    b = parameter_update(r, 1, -1, 0)
    assert b.decay_term == 0.0
    assert b.velocity == layer_views(r.velocity, r.arch.sizes)[1][1][0]
