"""A hand-written numpy SGD step with no record: the floor the engine's step is measured against.

Same maths as ``mlpviz.engine.train_step`` for ReLU hidden layers with a sigmoid/BCE or
softmax/CE head (batch-mean gradients, plain SGD), but it keeps nothing and checks
nothing. The benchmark shows how much building the immutable step record costs.
"""

from __future__ import annotations

import numpy as np


def case_batch(case) -> tuple[np.ndarray, np.ndarray]:
    """The benchmark batch of ``case``: standard-normal inputs, 0/1 or one-hot targets (seeded)."""
    sizes, batch, _, _, loss = case
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, sizes[0]))
    if loss == "ce":
        return x, np.eye(sizes[-1])[rng.integers(0, sizes[-1], batch)]
    return x, rng.integers(0, 2, (batch, sizes[-1])).astype(np.float64)


def bare_step(ws: list, bs: list, x: np.ndarray, y: np.ndarray, loss: str, learning_rate: float) -> None:
    """One SGD step on ``x (B, n0)``, ``y (B, nL)``, updating the arrays in ``ws``/``bs`` in place."""
    batch = x.shape[0]
    acts, zs = [x], []
    for w, b in zip(ws[:-1], bs[:-1]):
        z = acts[-1] @ w + b
        zs.append(z)
        acts.append(np.maximum(z, 0.0))
    z = acts[-1] @ ws[-1] + bs[-1]
    if loss == "ce":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        delta = e / e.sum(axis=1, keepdims=True) - y
    else:
        delta = 1.0 / (1.0 + np.exp(-z)) - y
    for l in range(len(ws) - 1, -1, -1):
        dw = acts[l].T @ delta / batch
        db = delta.sum(axis=0) / batch
        if l:
            delta = (delta @ ws[l].T) * (zs[l - 1] > 0)
        ws[l] -= learning_rate * dw
        bs[l] -= learning_rate * db


def bare_runner(case, learning_rate: float):
    """``run(k)`` taking k bare steps on the benchmark's net and batch (in place on its own arrays)."""
    sizes, batch, hidden, output, loss = case
    if hidden != "relu" or (output, loss) not in (("sigmoid", "bce"), ("softmax", "ce")):
        raise ValueError(f"the bare step only does relu hidden layers with sigmoid/bce or softmax/ce, not {case}")
    x, y = case_batch(case)
    rng = np.random.default_rng(1)
    ws = [rng.standard_normal((i, o)) * np.sqrt(2.0 / i) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(o) for o in sizes[1:]]

    def run(k: int) -> None:
        for _ in range(k):
            bare_step(ws, bs, x, y, loss, learning_rate)

    return run
