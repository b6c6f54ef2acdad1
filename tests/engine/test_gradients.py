"""Backprop against central finite differences, and the notebook's gradient as a special case."""

from __future__ import annotations

import itertools
import zlib

import numpy as np
import pytest

from mlpviz.engine import HIDDEN_ACTIVATIONS, Architecture, Params, forward, init_params, train_step

OUTPUT_LOSSES = [("sigmoid", "bce"), ("sigmoid", "mse"), ("softmax", "ce"), ("softmax", "mse"), ("linear", "mse"),
                 ("tanh", "mse")]
SIZES = [(3, 4, 2), (3, 5, 4, 4, 2)]


def batch_for(arch: Architecture, rng, n: int = 6):
    x = rng.standard_normal((n, arch.sizes[0]))
    k = arch.sizes[-1]
    if arch.loss == "ce":
        y = np.eye(k)[rng.integers(0, k, n)]
    elif arch.output_activation == "linear":
        y = rng.standard_normal((n, k))
    elif arch.output_activation == "tanh":
        y = rng.uniform(-1, 1, (n, k))
    else:
        y = rng.integers(0, 2, (n, k)).astype(float)
    return x, y


def numeric_gradient(arch, params, x, y, h=1e-6):
    flat = params.flat.copy()
    grad = np.empty_like(flat)
    for i in range(flat.size):
        plus, minus = flat.copy(), flat.copy()
        plus[i] += h
        minus[i] -= h
        lp = forward(arch, Params.from_flat(plus, arch.sizes), x, y).loss
        lm = forward(arch, Params.from_flat(minus, arch.sizes), x, y).loss
        grad[i] = (lp - lm) / (2 * h)
    return grad


def analytic_gradient(rec):
    return np.concatenate([p for w, b in zip(rec.grad_weights, rec.grad_biases) for p in (w.ravel(), b)])


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("output,loss", OUTPUT_LOSSES)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_gradient_matches_finite_differences(hidden, output, loss, sizes):
    arch = Architecture(sizes, hidden, output, loss)
    # crc32, not hash(): str hashes change from run to run (PYTHONHASHSEED), and so did this test's data;
    # a ReLU-family z within h of its kink made the finite difference wrong on about one run in thirty
    rng = np.random.default_rng(zlib.crc32(repr((hidden, output, loss, sizes)).encode()))
    params = init_params(arch, "xavier", 1)
    params = Params.from_flat(params.flat + 0.1 * rng.standard_normal(params.flat.size), sizes)
    x, y = batch_for(arch, rng)
    rec = train_step(arch, params, x, y, learning_rate=0.1)
    num, ana = numeric_gradient(arch, params, x, y), analytic_gradient(rec)
    rel = np.linalg.norm(num - ana) / max(np.linalg.norm(num) + np.linalg.norm(ana), 1e-12)
    assert rel < 1e-6, f"relative error {rel:.2e}"


def test_per_sample_deltas_average_to_the_bias_gradient():
    arch = Architecture((2, 4, 3), "tanh", "softmax", "ce")
    rng = np.random.default_rng(3)
    x, y = batch_for(arch, rng)
    rec = train_step(arch, init_params(arch, "he", 3), x, y, 0.1)
    for l in range(arch.layer_count):
        np.testing.assert_allclose(rec.deltas[l].mean(axis=0), rec.grad_biases[l], rtol=1e-14, atol=1e-16)
        np.testing.assert_allclose(rec.activations[l].T @ rec.deltas[l] / 6, rec.grad_weights[l], rtol=1e-13)


# --- the notebook ---------------------------------------------------------------

# Printed by the notebook's train() (notebook.txt, cell 9) before its single step.
NOTEBOOK_W = [
    np.array([[-1.1045154, -3.0637398, 0.58647799], [0.18172784, -0.46666983, 0.63525025]]),
    np.array([[-1.50858713], [-0.19424424], [0.17025739]]),
]
NOTEBOOK_B = [np.array([[2.53635155, 1.15107515, 0.21394453]]), np.array([[-0.54529983]])]


class NotebookNetwork:
    """The notebook's Network.backward, defects included (in-place relu, ``y_hat - 1``)."""

    def __init__(self, weights, biases):
        self.weights = [w.copy() for w in weights]
        self.bias = [b.copy() for b in biases]
        self.num_layers = len(weights) + 1
        self.zs, self._as = [], []

    def forward(self, x):
        def relu(z):
            z[z <= 0] = 0
            return z

        a = x
        self._as.append(a)
        for weight, bias in zip(self.weights[:-1], self.bias[:-1]):
            z = np.dot(a, weight) + bias
            a = relu(z)
            self.zs.append(z)
            self._as.append(a)
        logits = np.dot(a, self.weights[-1]) + self.bias[-1]
        y_hat = 1 / (1 + np.exp(-logits))
        self.zs.append(logits)
        self._as.append(y_hat)
        return y_hat

    def backward(self, x, y):
        def derivation_relu(z):
            flag = z <= 0
            z[flag] = 0
            z[~flag] = 1
            return z

        self.dws = [np.zeros_like(w) for w in self.weights]
        self.dbs = [np.zeros_like(b) for b in self.bias]
        y_hat = self.forward(x)
        y_hat -= 1  # derivation_sigmoid_cross_entropy ignores y
        dl = y_hat
        n = len(x)
        self.dws[-1] = np.dot(self._as[-2].T, dl) / n
        self.dbs[-1] = np.sum(dl, axis=0, keepdims=True) / n
        for i in range(2, self.num_layers):
            dl = np.dot(dl, self.weights[-i + 1].T) * derivation_relu(self.zs[-i])
            self.dws[-i] = np.dot(self._as[-i - 1].T, dl) / n
            self.dbs[-i] = np.sum(dl, axis=0, keepdims=True) / n
        self.zs, self._as = [], []


def test_notebook_gradient_is_bce_with_every_label_one():
    rng = np.random.default_rng(0)
    x = rng.random((5, 2))
    labels = rng.integers(0, 2, 5)  # the notebook's labels, which its gradient ignores
    net = NotebookNetwork(NOTEBOOK_W, NOTEBOOK_B)
    net.backward(x, labels)
    arch = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    params = Params(NOTEBOOK_W, [b[0] for b in NOTEBOOK_B])
    rec = train_step(arch, params, x, np.ones((5, 1)), learning_rate=0.1)
    for ours, theirs in zip(rec.grad_weights + rec.grad_biases, net.dws + [b[0] for b in net.dbs]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-15)
    # ... and differs from the correct gradient as soon as a label is 0.
    if (labels == 0).any():
        real = train_step(arch, params, x, labels[:, None].astype(float), 0.1)
        assert not np.allclose(real.grad_biases[-1], net.dbs[-1][0])


def test_notebook_update_is_lr_times_gradient():
    arch = Architecture((2, 3, 1))
    params = Params(NOTEBOOK_W, [b[0] for b in NOTEBOOK_B])
    x = np.random.default_rng(5).random((5, 2))
    rec = train_step(arch, params, x, np.ones((5, 1)), 0.1)
    for l in range(2):
        np.testing.assert_array_equal(rec.params_after.weights[l], params.weights[l] - 0.1 * rec.grad_weights[l])
        np.testing.assert_array_equal(rec.weight_change(l), rec.params_after.weights[l] - params.weights[l])


# --- optimiser -------------------------------------------------------------------


def linear_gradient(w, b, x, y, weight_decay=0.0):
    """By hand: a (2, 1) linear net with ½(ŷ-y)² loss, dW = xᵀ(ŷ-y)/n + λW, db = mean(ŷ-y)."""
    err = x @ w + b - y
    return x.T @ err / len(x) + weight_decay * w, err.mean(axis=0)


def test_momentum_and_weight_decay_match_a_hand_computation():
    arch = Architecture((2, 1), "relu", "linear", "mse")
    rng = np.random.default_rng(9)
    x, y = rng.standard_normal((4, 2)), rng.standard_normal((4, 1))
    w, b = rng.standard_normal((2, 1)), rng.standard_normal(1)
    params = Params([w], [b])
    lr, m, wd = 0.05, 0.9, 0.01
    rec1 = train_step(arch, params, x, y, lr, momentum=m, weight_decay=wd)
    gw1, gb1 = linear_gradient(w, b, x, y, wd)
    w1, b1 = w - lr * gw1, b - lr * gb1
    np.testing.assert_allclose(rec1.params_after.weights[0], w1, rtol=1e-14)
    np.testing.assert_allclose(rec1.params_after.biases[0], b1, rtol=1e-14)
    rec2 = train_step(arch, rec1.params_after, x, y, lr, momentum=m, weight_decay=wd, velocity=rec1.velocity)
    gw2, gb2 = linear_gradient(w1, b1, x, y, wd)
    np.testing.assert_allclose(rec2.params_after.weights[0], w1 - lr * (m * gw1 + gw2), rtol=1e-14)
    np.testing.assert_allclose(rec2.params_after.biases[0], b1 - lr * (m * gb1 + gb2), rtol=1e-14)
    np.testing.assert_allclose(rec2.grad_weights[0], gw2, rtol=1e-14)


def test_plain_sgd_ignores_velocity():
    arch = Architecture((2, 1), "relu", "linear", "mse")
    x, y = np.ones((3, 2)), np.zeros((3, 1))
    params = Params([np.ones((2, 1))], [np.zeros(1)])
    rec = train_step(arch, params, x, y, 0.1)
    assert rec.velocity is None
    gw, gb = linear_gradient(params.weights[0], params.biases[0], x, y)
    np.testing.assert_allclose(rec.params_after.weights[0], params.weights[0] - 0.1 * gw)


# --- divergence and stability -------------------------------------------------------


def test_huge_learning_rate_diverges_without_applying_or_warning(recwarn):
    arch = Architecture((2, 3, 1), "relu", "linear", "mse")
    params = init_params(arch, "normal", 0)
    x = np.random.default_rng(0).standard_normal((8, 2)) * 10
    y = np.ones((8, 1))
    with np.errstate(all="raise"):  # the engine must not leak floating-point errors either
        for _ in range(50):
            rec = train_step(arch, params, x, y, learning_rate=1e150)
            if rec.diverged:
                break
            params = rec.params_after
    assert rec.diverged
    assert rec.params_after is rec.params is params
    assert params.is_finite()
    assert len(recwarn) == 0


@pytest.mark.parametrize("z", [1e4, -1e4, 700.0, -800.0])
def test_sigmoid_bce_is_stable_for_huge_logits(z, recwarn):
    arch = Architecture((1, 1), "relu", "sigmoid", "bce")
    params = Params([np.array([[z]])], [np.zeros(1)])
    x = np.ones((2, 1))
    rec = train_step(arch, params, x, np.array([[0.0], [1.0]]), 0.1)
    assert np.isfinite(rec.losses).all() and np.isfinite(rec.deltas[0]).all()
    expected = [max(z, 0.0), max(-z, 0.0)]  # log(1+e^z) - y z for large |z|
    np.testing.assert_allclose(rec.losses, expected, rtol=1e-12)
    assert not rec.diverged
    assert len(recwarn) == 0


def test_softmax_ce_is_stable_for_huge_logits(recwarn):
    arch = Architecture((1, 3), "relu", "softmax", "ce")
    params = Params([np.array([[1e4, -1e4, 0.0]])], [np.zeros(3)])
    x = np.array([[1.0], [-1.0]])
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    rec = train_step(arch, params, x, y, 0.1)
    np.testing.assert_allclose(rec.losses, [2e4, 2e4], rtol=1e-12)
    np.testing.assert_allclose(rec.outputs.sum(axis=1), 1.0)
    assert np.isfinite(rec.deltas[0]).all() and not rec.diverged
    assert len(recwarn) == 0


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_hidden_activations_are_stable_for_huge_pre_activations(hidden, recwarn):
    arch = Architecture((1, 2, 1), hidden, "sigmoid", "bce")
    params = Params([np.array([[1e4, -1e4]]), np.array([[1e-4], [1e-4]])], [np.zeros(2), np.zeros(1)])
    rec = train_step(arch, params, np.array([[1.0], [-1.0]]), np.array([[1.0], [0.0]]), 1e-8)
    assert np.isfinite(rec.loss) and all(np.isfinite(d).all() for d in rec.deltas)
    assert len(recwarn) == 0


# --- determinism, statelessness, immutability -------------------------------------


def run(seed: int):
    arch = Architecture((2, 5, 5, 3), "tanh", "softmax", "ce")
    params = init_params(arch, "he", seed)
    rng = np.random.default_rng(seed)
    x, y = batch_for(arch, rng, 16)
    velocity = None
    for _ in range(10):
        rec = train_step(arch, params, x, y, 0.1, momentum=0.5, velocity=velocity)
        params, velocity = rec.params_after, rec.velocity
    return params


def test_training_is_deterministic_under_a_seed():
    assert run(4).flat.tobytes() == run(4).flat.tobytes()
    assert run(4).flat.tobytes() != run(5).flat.tobytes()
    for method in ("normal", "he", "xavier"):
        a = init_params(Architecture((3, 4, 2)), method, 11)
        assert a.equals(init_params(Architecture((3, 4, 2)), method, 11))


def test_forward_keeps_no_state_between_calls():
    import gc
    import tracemalloc

    arch = Architecture((2, 3, 1))
    params = init_params(arch, "normal", 0)
    x = np.random.default_rng(0).random((5, 2))
    first = forward(arch, params, x).outputs.copy()
    tracemalloc.start()
    try:
        for _ in range(1000):
            forward(arch, params, x)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(10_000):
            rec = forward(arch, params, x)
        del rec
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after - before < 20_000, f"memory grew by {after - before} bytes over 10,000 forwards"
    np.testing.assert_array_equal(forward(arch, params, x).outputs, first)


def test_records_and_params_are_read_only():
    arch = Architecture((2, 3, 2), "relu", "softmax", "ce")
    params = init_params(arch, "he", 0)
    x = np.random.default_rng(0).random((4, 2))
    y = np.eye(2)[[0, 1, 1, 0]]
    rec = train_step(arch, params, x, y, 0.1, momentum=0.9)
    arrays = [rec.inputs, rec.targets, rec.losses, *rec.zs, *rec.activations, *rec.deltas,
              *rec.grad_weights, *rec.grad_biases, rec.velocity,
              *params.weights, *params.biases, *rec.params_after.weights, *rec.params_after.biases]
    for a in arrays:
        assert not a.flags.writeable
        with pytest.raises(ValueError):
            a[(0,) * a.ndim] = 1.0
    with pytest.raises(AttributeError):
        rec.loss = 0.0
    with pytest.raises(AttributeError):
        params.weights = ()


def test_inputs_are_not_changed_by_a_step():
    arch = Architecture((2, 3, 1))
    params = init_params(arch, "normal", 0)
    x = np.random.default_rng(0).random((5, 2))
    x_copy, flat = x.copy(), params.flat.copy()
    train_step(arch, params, x, np.ones((5, 1)), 0.1)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(params.flat, flat)


@pytest.mark.parametrize("hidden,output,loss", [
    (h, o, l) for h, (o, l) in itertools.product(["relu"], OUTPUT_LOSSES)
])
def test_loss_decreases_on_a_small_problem(hidden, output, loss):
    arch = Architecture((2, 6, 2), hidden, output, loss)
    rng = np.random.default_rng(2)
    x, y = batch_for(arch, rng, 20)
    params = init_params(arch, "he", 2)
    first = train_step(arch, params, x, y, 0.1).loss
    for _ in range(100):
        params = train_step(arch, params, x, y, 0.1).params_after
    assert forward(arch, params, x, y).loss < first
