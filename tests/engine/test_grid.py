"""The output grid of the decision map: cell centres and the network's outputs at them."""

import numpy as np
import pytest

from mlpviz.engine import Architecture, DataError, forward, init_params
from mlpviz.engine.grid import grid_axes, output_grid


def test_cells_tile_the_ranges_exactly():
    xs, ys = grid_axes((-1.0, 1.0), (0.0, 2.0), 4)
    np.testing.assert_allclose(xs, [-0.75, -0.25, 0.25, 0.75])
    np.testing.assert_allclose(ys, [0.25, 0.75, 1.25, 1.75])


@pytest.mark.parametrize("sizes, out", [((2, 3, 1), "sigmoid"), ((2, 5, 4, 3), "softmax")])
def test_values_are_the_network_output_at_each_cell(sizes, out):
    arch = Architecture(sizes, "tanh", out, "ce" if out == "softmax" else "bce")
    params = init_params(arch, "xavier", seed=3)
    xs, ys, values = output_grid(arch, params, (-2.0, 1.0), (-0.5, 3.0), 7)
    assert values.shape == (7, 7, sizes[-1])
    for i in (0, 3, 6):
        for j in (0, 2, 6):
            expected = forward(arch, params, np.array([[xs[j], ys[i]]])).activations[-1][0]
            np.testing.assert_allclose(values[i, j], expected, rtol=0, atol=1e-15)


def test_refuses_networks_without_two_inputs():
    arch = Architecture((3, 2, 1), "relu", "sigmoid", "bce")
    with pytest.raises(DataError, match="2 inputs"):
        output_grid(arch, init_params(arch, "normal", 0), (0, 1), (0, 1), 8)


@pytest.mark.parametrize("x_range, y_range, res", [((1, 1), (0, 1), 8), ((0, np.nan), (0, 1), 8), ((0, 1), (0, 1), 0)])
def test_refuses_bad_ranges_and_resolutions(x_range, y_range, res):
    with pytest.raises(DataError):
        grid_axes(x_range, y_range, res)

