"""Learners' code written for these tests: a correct step function and the edits that break it.

The base is a plain ``step(weights, biases, x, y, lr)`` (style 4) with a chosen hidden
activation, output and loss; each mistake is one edit a student could make to it, written
out as text (never derived from mlpviz's own recomputation of the mistake).
"""

from __future__ import annotations

import textwrap

HIDDEN = {
    "relu": ("np.maximum(z, 0)", "(z > 0).astype(float)"),
    "sigmoid": ("1 / (1 + np.exp(-z))", "f(z) * (1 - f(z))"),
    "tanh": ("np.tanh(z)", "1 - np.tanh(z) ** 2"),
}
OUTPUT = {
    "sigmoid": "1 / (1 + np.exp(-z))",
    "softmax": "np.exp(z - z.max(axis=1, keepdims=True)) / np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)",
    "linear": "z",
}
LOSS = {
    "bce": "loss = -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat)) / n",
    "ce": "loss = -np.sum(y * np.log(yhat)) / n",
    "mse": "loss = 0.5 * np.sum((yhat - y) ** 2) / n",
}

BASE = '''
import numpy as np

def f(z):
    return {hidden}

def df(z):
    return {slope}

def out(z):
    return {output}

def step(weights, biases, x, y, lr):
    y = np.asarray(y, dtype=float).reshape(len(x), -1)
    L = len(weights)
    zs, acts = [], [x]
    a = x
    for l in range(L):
        z = a @ weights[l] + biases[l]
        zs.append(z)
        a = f(z) if l < L - 1 else out(z)
        acts.append(a)
    yhat = acts[-1]
    n = len(x)
    {loss}
    delta = yhat - y
    deltas, grad_W, grad_b = [None] * L, [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        deltas[l] = delta
        grad_W[l] = acts[l].T @ delta / n
        grad_b[l] = delta.sum(axis=0) / n
        if l:
            delta = (delta @ weights[l].T) * df(zs[l - 1])
    new_W = [w - lr * g for w, g in zip(weights, grad_W)]
    new_b = [b - lr * g for b, g in zip(biases, grad_b)]
    return {{"z": zs, "a": acts[1:], "loss": loss, "delta": deltas, "grad_W": grad_W, "grad_b": grad_b,
            "weights_after": new_W, "biases_after": new_b}}
'''


def step_source(hidden="relu", output="sigmoid", loss="bce", edits=()) -> str:
    """The base step function's code with ``edits`` ((old, new) text replacements) made."""
    source = BASE.format(hidden=HIDDEN[hidden][0], slope=HIDDEN[hidden][1], output=OUTPUT[output], loss=LOSS[loss])
    for old, new in edits:
        assert old in source, old
        source = source.replace(old, new)
    return textwrap.dedent(source)


def load_step(source: str):
    """The ``step`` function the source defines."""
    namespace: dict = {}
    exec(compile(source, "<learner>", "exec"), namespace)
    return namespace["step"]


# mistake id -> (network, edits that make it); every one is a mistake students make.
BROKEN = {
    "labels_ignored_loss": ({}, [(LOSS["bce"], "loss = -np.sum(np.log(yhat)) / n")]),
    "labels_ignored_delta": ({}, [("delta = yhat - y", "delta = yhat - 1")]),
    "update_adds": ({}, [("delta = yhat - y", "delta = y - yhat")]),
    "not_averaged": ({}, [("grad_W[l] = acts[l].T @ delta / n", "grad_W[l] = acts[l].T @ delta"),
                          ("grad_b[l] = delta.sum(axis=0) / n", "grad_b[l] = delta.sum(axis=0)")]),
    "no_hidden_derivative": ({}, [("delta = (delta @ weights[l].T) * df(zs[l - 1])", "delta = delta @ weights[l].T")]),
    "derivative_of_a": ({"hidden": "sigmoid"}, [("* df(zs[l - 1])", "* df(acts[l])")]),
    "update_before_backprop": ({}, [
        ("        if l:\n            delta = (delta @ weights[l].T)",
         "        weights[l] = weights[l] - lr * grad_W[l]\n        if l:\n            delta = (delta @ weights[l].T)"),
        ("new_W = [w - lr * g for w, g in zip(weights, grad_W)]", "new_W = weights")]),
    "overwritten_in_place": ({}, [("def f(z):\n    return np.maximum(z, 0)", "def f(z):\n    z[z < 0] = 0\n    return z")]),
    "bias_not_summed": ({}, [("grad_b[l] = delta.sum(axis=0) / n", "grad_b[l] = delta / n")]),
    "softmax_axis": ({"output": "softmax", "loss": "ce", "sizes": (2, 3, 3)},
                     [(OUTPUT["softmax"], "np.exp(z) / np.exp(z).sum(axis=0)")]),
    "transposed_forward": ({"sizes": (3, 3, 3)}, [("z = a @ weights[l] + biases[l]", "z = a @ weights[l].T + biases[l]")]),
    "transposed_backward": ({"sizes": (2, 3, 3)}, [("delta = (delta @ weights[l].T)", "delta = (delta @ weights[l])")]),
}

# convention -> (network, edits): code that is right in its own convention.
CONVENTIONS = {
    "sign": ({}, [("delta = yhat - y", "delta = y - yhat"), ("w - lr * g for", "w + lr * g for"),
                  ("b - lr * g for", "b + lr * g for")]),
    "summed": ({}, [("grad_W[l] = acts[l].T @ delta / n", "grad_W[l] = acts[l].T @ delta"),
                    ("grad_b[l] = delta.sum(axis=0) / n", "grad_b[l] = delta.sum(axis=0)"),
                    ("w - lr * g for", "w - lr / n * g for"), ("b - lr * g for", "b - lr / n * g for")]),
    "half": ({"output": "linear", "loss": "mse"}, [("loss = 0.5 * np.sum", "loss = np.sum"),
                                                   ("delta = yhat - y", "delta = 2 * (yhat - y)")]),
    "loss_summed": ({}, [(LOSS["bce"], LOSS["bce"].removesuffix(" / n"))]),
    "float32": ({}, [("    L = len(weights)", "    L = len(weights)\n    x = x.astype(np.float32)\n"
                      "    weights = [w.astype(np.float32) for w in weights]\n"
                      "    biases = [b.astype(np.float32) for b in biases]\n    y = y.astype(np.float32)")]),
}
