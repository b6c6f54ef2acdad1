"""The optimizer protocol: each optimizer's state travels in the StepRecord, before and after, read-only."""

import pickle

import numpy as np
import pytest

from mlpviz.engine import Architecture, init_params, train_step
from mlpviz.engine.optimizers import OPTIMIZERS, make_optimizer

ARCH = Architecture((2, 3, 1), "tanh", "sigmoid", "bce")
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_the_record_carries_the_state_before_and_after_the_step(name):
    optimizer = make_optimizer(name, {"momentum": 0.5, "weight_decay": 0.0})
    params = init_params(ARCH, "normal", 1)
    first = train_step(ARCH, params, X, Y, 0.1, optimizer=optimizer)
    assert first.state_before.count == 0 and first.state_after.count == 1
    assert all(not a.any() for a in first.state_before.arrays)  # at rest
    second = train_step(ARCH, first.params_after, X, Y, 0.1, optimizer=optimizer, state=first.state_after)
    assert second.state_before is first.state_after and second.state_after.count == 2
    assert second.state_after.names == optimizer.state_names
    for a in second.state_after.arrays:
        assert not a.flags.writeable
    back = pickle.loads(pickle.dumps(second))
    assert back.state_after.equals(second.state_after)
    assert all(not a.flags.writeable for a in back.state_after.arrays)


def test_a_diverged_step_keeps_the_state_it_started_from():
    optimizer = make_optimizer("adam")
    params = init_params(ARCH, "normal", 1)
    state = train_step(ARCH, params, X, Y, 0.1, optimizer=optimizer).state_after
    record = train_step(ARCH, params, X, Y * np.nan, 0.1, optimizer=optimizer, state=state)
    assert record.diverged and record.state_after is state and record.params_after is params


def test_momentum_sgd_through_the_protocol_is_the_old_rule_bit_for_bit():
    """v = μ·v + g, w' = w − η·v, from rest: the velocity of step 1 is the gradient itself."""
    params = init_params(ARCH, "normal", 3)
    r1 = train_step(ARCH, params, X, Y, 0.5, 0.9)
    grad = np.concatenate([p for pair in zip(r1.grad_weights, r1.grad_biases) for p in (pair[0].ravel(), pair[1])])
    np.testing.assert_array_equal(r1.velocity, grad)
    r2 = train_step(ARCH, r1.params_after, X, Y, 0.5, 0.9, velocity=r1.velocity)
    grad2 = np.concatenate([p for pair in zip(r2.grad_weights, r2.grad_biases) for p in (pair[0].ravel(), pair[1])])
    v = r1.velocity * 0.9 + grad2
    np.testing.assert_array_equal(r2.velocity, v)
    np.testing.assert_array_equal(r2.params_after.flat, v * -0.5 + r1.params_after.flat)


def test_a_state_of_another_optimizer_is_refused_by_check_state():
    adam = make_optimizer("adam")
    with pytest.raises(ValueError, match="does not fit"):
        adam.check_state(make_optimizer("adagrad").initial_state(13), 13)
    with pytest.raises(ValueError, match="13 parameters"):
        adam.check_state(adam.initial_state(12), 13)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_declares_what_the_views_and_settings_need(name):
    cls = OPTIMIZERS[name]
    optimizer = cls()
    assert cls.title and cls.formula and cls.step_formula and optimizer.lines
    assert {s.name for s in cls.settings} == set(optimizer.values())
    assert optimizer.initial_state(7).names == optimizer.state_names


@pytest.mark.parametrize("name", ["adam", "adamw"])
def test_the_effective_step_is_eta_m_hat_over_root_v_hat_plus_eps(name):
    optimizer = make_optimizer(name, {"weight_decay": 0.3, "beta1": 0.8, "beta2": 0.9, "eps": 1e-3})
    record = None
    for _ in range(3):
        record = train_step(ARCH, record.params_after if record else init_params(ARCH, "normal", 2), X, Y, 0.05,
                            optimizer=optimizer, state=record and record.state_after)
    s, t = record.state_after, 3
    expected = 0.05 * (s["m"] / (1 - 0.8**t)) / (np.sqrt(s["v"] / (1 - 0.9**t)) + 1e-3)
    np.testing.assert_allclose(record.effective_step(), expected, rtol=1e-9, atol=1e-15)
