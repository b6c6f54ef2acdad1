"""The formula panel writes the worked example's equations: the same lines, the engine's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.app.presets import worked_example_222
from mlpviz.engine import Architecture, init_params, train_step
from mlpviz.teaching.render_text import equation_text
from mlpviz.teaching.worked_step import Maths, worked_step
from mlpviz.ui.tables.formula_text import unit_lines, weight_lines


def _published_222():
    arch, params, x, y, lr = worked_example_222()
    return train_step(arch, params, x, y, lr)


def _batch(hidden: str, output: str, loss: str):
    arch = Architecture((3, 4, 2), hidden, output, loss)
    rng = np.random.default_rng(7)
    targets = np.eye(2)[[0, 1, 1, 0]] if loss == "ce" else rng.uniform(0.1, 0.9, (4, 2))
    return train_step(arch, init_params(arch, seed=3), rng.normal(size=(4, 3)), targets, 0.3,
                      momentum=0.9, weight_decay=0.01)


RECORDS = {"published 2-2-2": _published_222, "tanh, softmax, ce": lambda: _batch("tanh", "softmax", "ce"),
           "relu, sigmoid, mse": lambda: _batch("relu", "sigmoid", "mse"),
           "leaky relu, linear, mse": lambda: _batch("leaky_relu", "linear", "mse")}


@pytest.mark.parametrize("make", RECORDS.values(), ids=RECORDS.keys())
def test_every_equation_of_the_worked_example_stands_in_the_formula_panel_with_the_engines_numbers(make):
    rec = make()
    s = rec.batch_size - 1  # the last sample: not just the first row of every array
    worked = {equation_text(b.equation) for b in worked_step(rec, s).blocks if isinstance(b, Maths)}
    L = rec.arch.layer_count
    for layer in range(1, L + 1):
        ly = rec.layer(layer)
        cancels = layer == L and rec.arch.loss in ("bce", "ce")  # the worked example skips f' there
        for j in range(rec.arch.sizes[layer]):
            lines = unit_lines(rec, layer, j, s)
            name = lines[0].split(" ")[0]
            equations = {line.split(" = ")[0]: line.split("   (")[0] for line in lines[1:]}
            expected = {f"z_{name}": ly.z, f"a_{name}": ly.a, f"δ_{name}": ly.delta}
            if ly.slope is not None:
                expected[f"f'_{name}"] = ly.slope
            assert set(equations) == set(expected), lines
            for symbol, values in expected.items():
                assert equations[symbol] in worked or (cancels and symbol.startswith("f'")), equations[symbol]
                assert float(equations[symbol].split(" = ")[-1]) == float(f"{values[s, j]:.9g}")
    for layer in range(L):
        for row in range(-1, rec.arch.sizes[layer]):
            for col in range(rec.arch.sizes[layer + 1]):
                lines = weight_lines(rec, 0.0, layer, row, col, L)
                gradient, *_, update, _check = lines[1:]
                assert gradient in worked and update in worked
                grads, after = (rec.grad_biases, rec.params_after.biases) if row < 0 else (rec.grad_weights,
                                                                                         rec.params_after.weights)
                at = (col,) if row < 0 else (row, col)
                assert float(gradient.split(" = ")[-1]) == float(f"{grads[layer][at]:.9g}")
                assert float(update.split(" = ")[-1]) == float(f"{after[layer][at]:.9g}")
