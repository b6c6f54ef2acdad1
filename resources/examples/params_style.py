import numpy as np


class TwoLayerNet:
    def __init__(self, input_dim, hidden_dim, num_classes):
        self.params = {"W1": 0.01 * np.random.randn(input_dim, hidden_dim), "b1": np.zeros(hidden_dim),
                       "W2": 0.01 * np.random.randn(hidden_dim, num_classes), "b2": np.zeros(num_classes)}

    def loss(self, X, y=None):
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        h = np.maximum(X @ W1 + b1, 0)
        scores = h @ W2 + b2
        if y is None:
            return scores
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        n = len(X)
        loss = -np.log(p[np.arange(n), y]).mean()  # y: class indices
        dscores = p.copy()
        dscores[np.arange(n), y] -= 1
        dscores /= n
        grads = {"W2": h.T @ dscores, "b2": dscores.sum(axis=0)}
        dh = (dscores @ W2.T) * (h > 0)
        grads["W1"], grads["b1"] = X.T @ dh, dh.sum(axis=0)
        return loss, grads
