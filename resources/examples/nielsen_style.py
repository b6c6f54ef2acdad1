import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Network:
    def __init__(self, sizes):
        self.weights = [np.random.randn(j, i) for i, j in zip(sizes[:-1], sizes[1:])]  # fan_out × fan_in
        self.biases = [np.random.randn(j, 1) for j in sizes[1:]]

    def feedforward(self, a):
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(w @ a + b)
        return a

    def backprop(self, x, y):
        activations, zs = [x], []
        for w, b in zip(self.weights, self.biases):
            zs.append(w @ activations[-1] + b)
            activations.append(sigmoid(zs[-1]))
        delta = activations[-1] - y  # sigmoid + cross-entropy (Nielsen's network2)
        nabla_b, nabla_w = [None] * len(zs), [None] * len(zs)
        for l in range(len(zs) - 1, -1, -1):
            nabla_b[l], nabla_w[l] = delta, delta @ activations[l].T
            if l:
                s = sigmoid(zs[l - 1])
                delta = (self.weights[l].T @ delta) * s * (1 - s)
        return nabla_b, nabla_w

    def update_mini_batch(self, mini_batch, eta):
        grads = [self.backprop(x, y) for x, y in mini_batch]
        m = len(mini_batch)
        for l in range(len(self.weights)):
            self.weights[l] = self.weights[l] - eta / m * sum(g[1][l] for g in grads)
            self.biases[l] = self.biases[l] - eta / m * sum(g[0][l] for g in grads)
