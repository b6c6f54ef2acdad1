import numpy as np


def step(weights, biases, x, y, lr):
    """One SGD step of a tanh network with a linear output and squared error ½(ŷ − y)²."""
    zs, acts = [], [x]
    for l, (w, b) in enumerate(zip(weights, biases)):
        zs.append(acts[-1] @ w + b)
        acts.append(zs[-1] if l == len(weights) - 1 else np.tanh(zs[-1]))
    n = len(x)
    y = y.reshape(acts[-1].shape)
    loss = 0.5 * np.sum((acts[-1] - y) ** 2) / n
    delta = acts[-1] - y
    grad_W, grad_b = [None] * len(weights), [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        grad_W[l], grad_b[l] = acts[l].T @ delta / n, delta.mean(axis=0)
        if l:
            delta = (delta @ weights[l].T) * (1 - acts[l] ** 2)
    return {"z": zs, "a": acts[1:], "loss": loss, "grad_W": grad_W, "grad_b": grad_b,
            "weights_after": [w - lr * g for w, g in zip(weights, grad_W)],
            "biases_after": [b - lr * g for b, g in zip(biases, grad_b)]}
