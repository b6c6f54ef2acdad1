"""Targets against the loss: what each loss refuses, and bce/ce losses never negative on what it accepts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlpviz.engine import Architecture, DataError, Params, check_targets, forward, init_params, train_step

BCE = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
BCE3 = Architecture((2, 3, 3), "relu", "sigmoid", "bce")
CE = Architecture((2, 3, 3), "relu", "softmax", "ce")
MSE = Architecture((2, 3, 1), "tanh", "linear", "mse")


@pytest.mark.parametrize("arch,y,message", [
    (BCE, [[-1], [1], [1], [-1]], "the labels are -1 and 1; binary cross-entropy needs .* map -1 to 0 .* tanh \\(or linear\\) output with mse"),
    (BCE, [[0], [1], [2]], "labels are 0, 1 and 2;.* 3 softmax outputs with ce"),
    (BCE, [[0.5], [1.5]], "targets are 0.5 and 1.5;.* scale the targets into 0..1"),
    (BCE, np.linspace(-3, 4, 8)[:, None], "range from -3 to 4"),
    (BCE3, [[0, 1, 2]], "scale the targets"),
    (CE, [[0, 1, 0], [0, 2, 0]], r"sample 2's target row is \[0, 2, 0\]; .*one-hot.* \[0, 0, 1\]"),
    (CE, [[0, 0, 0]], "sample 1's target row is .*summing to 1"),
    (CE, [[1, 1, 0]], "sample 1"),
    (CE, [[0.5, 0.6, -0.1]], "sample 1"),
    (Architecture((2, 3, 1), "relu", "softmax", "ce"), [[1]], "one output per class"),
    (MSE, [[np.nan]], r"sample 1's target holds \[nan\]: targets must be finite"),
    (MSE, [[1, 2]], "2 value|1 output"),
])
def test_targets_that_do_not_suit_the_loss_are_refused_with_the_fix(arch, y, message):
    with pytest.raises(DataError, match=message):
        check_targets(arch, np.array(y, dtype=float))


@pytest.mark.parametrize("arch,y", [
    (BCE, [[0], [1], [0.25]]),
    (BCE3, [[0, 1, 1], [1, 0, 0.5]]),
    (CE, [[0, 0, 1], [1, 0, 0], [0.2, 0.3, 0.5]]),
    (MSE, [[-1], [1], [1e6]]),
    (CE, np.zeros((0, 3))),
])
def test_targets_that_suit_the_loss_pass(arch, y):
    check_targets(arch, np.array(y, dtype=float))


def test_pm1_labels_with_bce_go_negative_which_is_why_they_are_refused():
    """The issue's case: XOR with -1/+1 labels and bce gives a cross-entropy below zero."""
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[-1], [1], [1], [-1]], dtype=float)
    params = init_params(BCE, "normal", 0)
    for _ in range(200):
        params = train_step(BCE, params, x, y, 0.5).params_after
    assert (forward(BCE, params, x, y).losses < 0).any()
    with pytest.raises(DataError):
        check_targets(BCE, y)
    check_targets(MSE, y)


@st.composite
def network_and_batch(draw):
    """A small bce or ce network with large random weights, inputs, and targets the check accepts."""
    loss = draw(st.sampled_from(["bce", "ce"]))
    k = draw(st.integers(2 if loss == "ce" else 1, 4))
    sizes = (draw(st.integers(1, 3)), draw(st.integers(1, 4)), k)
    arch = Architecture(sizes, draw(st.sampled_from(["relu", "tanh", "linear"])),
                        "sigmoid" if loss == "bce" else "softmax", loss)
    n = draw(st.integers(1, 5))
    scale = draw(st.sampled_from([1.0, 30.0, 1e3]))
    elements = st.floats(-1, 1, allow_nan=False)
    params = Params(
        tuple(draw(arrays(np.float64, (i, o), elements=elements)) * scale for i, o in zip(sizes[:-1], sizes[1:])),
        tuple(draw(arrays(np.float64, (o,), elements=elements)) * scale for o in sizes[1:]),
    )
    x = draw(arrays(np.float64, (n, sizes[0]), elements=st.floats(-100, 100, allow_nan=False)))
    if loss == "bce":
        unit = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0, 1))
        y = draw(arrays(np.float64, (n, k), elements=unit))
    elif draw(st.booleans()):
        y = np.eye(k)[draw(arrays(np.int64, (n,), elements=st.integers(0, k - 1)))]
    else:
        w = draw(arrays(np.float64, (n, k), elements=st.floats(0, 1))) + 1e-3
        y = w / w.sum(axis=1, keepdims=True)
    return arch, params, x, y


@settings(max_examples=300)
@given(network_and_batch())
def test_bce_and_ce_losses_are_never_negative_on_targets_the_check_accepts(case):
    arch, params, x, y = case
    check_targets(arch, y)
    record = forward(arch, params, x, y)
    assert (record.losses >= 0).all() and record.loss >= 0
    step = train_step(arch, params, x, y, 0.1)
    assert (step.losses >= 0).all() and step.loss >= 0


def test_a_sigmoid_output_with_mse_refuses_targets_it_can_never_reach():
    """−1/+1 labels with mse on a sigmoid output train with no warning towards a value it never reaches."""
    import numpy as np
    import pytest

    from mlpviz.engine import Architecture, DataError
    from mlpviz.engine.targets import check_targets

    y = np.array([[-1.0], [1.0], [1.0], [-1.0]])
    with pytest.raises(DataError, match="a sigmoid output only gives values between 0 and 1.*map -1 to 0"):
        check_targets(Architecture((2, 3, 1), "tanh", "sigmoid", "mse"), y)
    check_targets(Architecture((2, 3, 1), "tanh", "linear", "mse"), y)
    check_targets(Architecture((2, 3, 1), "tanh", "sigmoid", "mse"), (y + 1) / 2)


def test_a_tanh_output_reaches_minus_one_to_one_and_no_further():
    from mlpviz.engine import Architecture, DataError, check_targets

    arch = Architecture((2, 3, 1), "relu", "tanh", "mse")
    check_targets(arch, np.array([[-1.0], [0.3], [1.0]]))
    with pytest.raises(DataError, match="a tanh output only gives values between -1 and 1.*scale the targets into -1..1"):
        check_targets(arch, np.array([[-2.0], [1.0]]))
