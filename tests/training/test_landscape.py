"""The loss surface: grid values are forward passes, paths are the parameters projected."""

import numpy as np
import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, MlpvizError, Params, forward, init_params
from mlpviz.training.landscape import grid_around, loss_surface, random_plane, weight_plane
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

CASES = [
    (Architecture((2, 4, 1), "tanh", "sigmoid", "bce"), "xor"),
    (Architecture((4, 8, 3), "relu", "softmax", "ce"), "iris"),
    (Architecture((2, 5, 3, 1), "sigmoid", "linear", "mse"), "moons"),
]


@pytest.mark.parametrize("arch, data", CASES, ids=[d for _, d in CASES])
@pytest.mark.parametrize("kind", ["weights", "random"])
def test_every_grid_value_is_a_direct_forward_pass(arch, data, kind):
    t = Trainer(arch, make_dataset(data, seed=1), TrainingConfig(seed=2))
    for _ in range(5):
        t.advance()
    plane = (weight_plane(arch, t.params, (0, 1, 0), (arch.layer_count - 1, -1, 0)) if kind == "weights"
             else random_plane(arch, t.params, seed=4))
    alphas, betas = np.linspace(-1.5, 1.0, 7), np.linspace(-0.5, 2.0, 5)
    surface = loss_surface(arch, plane, t.dataset.x_train, t.targets, alphas, betas)
    assert surface.losses.shape == (5, 7)
    for i, beta in enumerate(betas):
        for j, alpha in enumerate(alphas):
            params = Params.from_flat(plane.point(alpha, beta), arch.sizes)
            direct = forward(arch, params, t.dataset.x_train, t.targets).loss
            assert surface.losses[i, j] == pytest.approx(direct, rel=1e-12, abs=1e-14)


def test_the_centre_of_a_weight_plane_is_the_current_loss_and_its_axes_move_one_weight():
    arch = CASES[0][0]
    t = Trainer(arch, make_dataset("xor"), TrainingConfig())
    plane = weight_plane(arch, t.params, (0, 0, 1), (1, -1, 0))
    assert plane.labels == ("w(x1→h1.2)", "b(y1)")
    moved = Params.from_flat(plane.point(0.5, -2.0), arch.sizes)
    assert moved.weights[0][0, 1] == t.params.weights[0][0, 1] + 0.5
    assert moved.biases[1][0] == t.params.biases[1][0] - 2.0
    assert np.count_nonzero(moved.flat != t.params.flat) == 2
    surface = loss_surface(arch, plane, t.dataset.x_train, t.targets, [0.0], [0.0])
    assert surface.losses[0, 0] == pytest.approx(forward(arch, t.params, t.dataset.x_train, t.targets).loss, rel=1e-13)


def test_random_directions_have_each_layers_norm():
    arch = Architecture((3, 6, 4, 2), "relu", "softmax", "ce")
    params = init_params(arch, "normal", 5)
    plane = random_plane(arch, params, seed=9)
    from mlpviz.engine.params import flat_layout
    for w0, _, _, b0, b1 in flat_layout(arch.sizes):
        for d in (plane.d1, plane.d2):
            assert np.linalg.norm(d[w0:b1]) == pytest.approx(np.linalg.norm(params.flat[w0:b1]), rel=1e-12)
    assert not np.allclose(plane.d1, plane.d2)
    assert np.array_equal(random_plane(arch, params, seed=9).d1, plane.d1)  # seeded


def test_the_path_is_the_historys_parameters_projected_onto_the_plane():
    arch = CASES[1][0]
    t = Trainer(arch, make_dataset("iris", seed=0), TrainingConfig(optimizer="adam", learning_rate=0.05))
    start = t.params
    for _ in range(20):
        t.advance()
    plane = random_plane(arch, t.params, seed=1)
    steps = t.history.steps
    flats = np.stack([t.history.params_at(s).flat for s in steps])
    coords = plane.project(flats)
    basis = np.stack([plane.d1, plane.d2], axis=1)
    # the residual of each point is orthogonal to the plane: the least-squares projection
    residual = flats - plane.origin - coords @ basis.T
    assert np.abs(residual @ basis).max() < 1e-9 * np.abs(flats).max() * np.abs(basis).max() * flats.shape[1]
    assert np.allclose(coords[-1], 0.0, atol=1e-12)  # the plane goes through the current parameters
    # on a weight plane the coordinates are exactly the two weights' changes
    wp = weight_plane(arch, t.params, (0, 2, 3), (1, 4, 1))
    c = wp.project(start.flat)[0]
    assert c == pytest.approx([start.weights[0][2, 3] - t.params.weights[0][2, 3],
                               start.weights[1][4, 1] - t.params.weights[1][4, 1]], abs=1e-12)


def test_the_grid_covers_the_path_and_a_bad_size_is_refused():
    alphas, betas = grid_around(np.array([[0.0, 0.0], [3.0, -0.2]]), n=41, least=1.0)
    assert alphas.size == betas.size == 41 and alphas[-1] == -alphas[0] >= 3.0 and betas[-1] == 1.0
    assert alphas[20] == 0.0
    with pytest.raises(MlpvizError, match="from 3 to 201"):
        grid_around(np.zeros((1, 2)), n=2)
    with pytest.raises(MlpvizError, match="two different weights"):
        weight_plane(CASES[0][0], init_params(CASES[0][0]), (0, 0, 0), (0, 0, 0))


def test_the_paths_plane_holds_a_path_that_lies_in_a_plane_exactly():
    arch = Architecture((3, 6, 4, 2), "relu", "softmax", "ce")
    params = init_params(arch, "normal", 5)
    rng = np.random.default_rng(0)
    u, v = rng.standard_normal((2, params.flat.size))
    flats = params.flat + np.outer(np.linspace(0, 1, 9), u) + np.outer(np.linspace(0, 1, 9) ** 2, v)
    from mlpviz.training.landscape import path_plane
    plane = path_plane(arch, params, flats)
    basis = np.stack([plane.d1, plane.d2], axis=1)
    assert np.allclose(basis.T @ basis, np.eye(2), atol=1e-12)  # unit, orthogonal: coordinates are distances
    coords = plane.project(flats)
    assert np.allclose(params.flat + coords @ basis.T, flats, atol=1e-10)  # nothing of the path is lost
    assert plane.labels[0].startswith("path direction 1 (") and plane.labels[0].endswith("%)")
    # a straight path spans one direction: the second is random, orthogonal to it; no path: both random
    line = path_plane(arch, params, params.flat + np.outer(np.arange(4.0), u), seed=2)
    assert abs(line.d1 @ u) == pytest.approx(np.linalg.norm(u), rel=1e-12) and abs(line.d1 @ line.d2) < 1e-12
    assert line.labels[1] == "path direction 2 (0%)"
    empty = path_plane(arch, params, np.zeros((0, params.flat.size)))
    assert abs(empty.d1 @ empty.d2) < 1e-12 and np.linalg.norm(empty.d2) == pytest.approx(1.0)
