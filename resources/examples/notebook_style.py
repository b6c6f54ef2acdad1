import numpy as np


class Network:
    def __init__(self, sizes):
        self.weights = [np.random.randn(i, j) for i, j in zip(sizes[:-1], sizes[1:])]  # fan_in × fan_out
        self.biases = [np.zeros((1, j)) for j in sizes[1:]]

    def forward(self, x):
        self.zs, self.activations = [], [x]
        a = x
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w + b
            a = 1 / (1 + np.exp(-z)) if l == len(self.weights) - 1 else np.maximum(z, 0)
            self.zs.append(z)
            self.activations.append(a)
        return a

    def backward(self, x, y):
        y_hat = self.forward(x)
        n = len(x)
        delta = y_hat - y.reshape(y_hat.shape)  # sigmoid + binary cross-entropy
        self.dws, self.dbs = [None] * len(self.weights), [None] * len(self.weights)
        for l in range(len(self.weights) - 1, -1, -1):
            self.dws[l] = self.activations[l].T @ delta / n
            self.dbs[l] = delta.sum(axis=0, keepdims=True) / n
            if l:
                delta = (delta @ self.weights[l].T) * (self.zs[l - 1] > 0)

    def optimize(self, lr):
        self.weights = [w - lr * dw for w, dw in zip(self.weights, self.dws)]
        self.biases = [b - lr * db for b, db in zip(self.biases, self.dbs)]
