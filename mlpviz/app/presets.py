"""Presets: ready-made networks, data and learning rates that a menu sets in one click.

Each preset is a pure function; the menu that applies them lives in the UI.
"""

from __future__ import annotations

import numpy as np

from mlpviz.engine import Architecture, Params


def worked_example_222() -> tuple[Architecture, Params, np.ndarray, np.ndarray, float]:
    """The classic 2-2-2 backprop worked example: ``(arch, params, x (1, 2), y (1, 2), learning_rate)``.

    Sigmoid everywhere, ½Σ squared error, learning rate 0.5; weights w1..w4 = 0.15, 0.20,
    0.25, 0.30 (inputs → hidden) and w5..w8 = 0.40, 0.45, 0.50, 0.55 (hidden → outputs),
    biases 0.35 (hidden) and 0.60 (outputs). In our ``(fan_in, fan_out)`` layout
    w1 (i1→h1) = W0[0, 0], w2 (i2→h1) = W0[1, 0], w3 (i1→h2) = W0[0, 1], w4 = W0[1, 1].
    The published first step: total error 0.298371109, w5' = 0.35891648, w1' = 0.149780716
    (it keeps the biases fixed; mlpviz updates them, which leaves the first step's weights unchanged).
    """
    arch = Architecture((2, 2, 2), hidden_activation="sigmoid", output_activation="sigmoid", loss="mse")
    weights = (
        np.array([[0.15, 0.25], [0.20, 0.30]]),  # rows: i1, i2; columns: h1, h2
        np.array([[0.40, 0.50], [0.45, 0.55]]),  # rows: h1, h2; columns: o1, o2
    )
    biases = (np.array([0.35, 0.35]), np.array([0.60, 0.60]))
    x = np.array([[0.05, 0.10]])
    y = np.array([[0.01, 0.99]])
    return arch, Params(weights, biases), x, y, 0.5
