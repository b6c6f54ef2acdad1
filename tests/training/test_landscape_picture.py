"""The Landscape panel's picture: contour lines lie on their level, the path is the history projected,
the race lines are the race's paths projected, and the grid holds them all."""

import numpy as np
import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, Params, forward
from mlpviz.training.contours import contour_levels, contour_segments
from mlpviz.training.landscape import random_plane, weight_plane
from mlpviz.training.landscape_picture import (
    RANDOM,
    WEIGHTS,
    LandscapeInputs,
    PlaneChoice,
    landscape_picture,
    path_steps,
    surface_rows,
)
from mlpviz.training.race import run_race
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

XOR = Architecture((2, 4, 1), "tanh", "sigmoid", "bce")


@pytest.mark.parametrize("surface, level", [
    (lambda x, y: x ** 2 + y ** 2, 1.0), (lambda x, y: x * y, 0.3), (lambda x, y: x + 2 * y, 0.5),
    (lambda x, y: np.exp(x) * (1 + y ** 2), 2.0)])
def test_every_contour_segment_lies_on_its_level_between_grid_values(surface, level):
    xs, ys = np.linspace(-2, 2, 41), np.linspace(-1.5, 1.5, 31)
    z = surface(*np.meshgrid(xs, ys))
    segments = contour_segments(xs, ys, z, level)
    assert segments.shape[1:] == (2, 2) and len(segments) > 10
    # each end sits on a cell edge where the level is crossed, at the linear interpolation of the two ends
    ends = segments.reshape(-1, 2)
    on_x = np.isclose(ends[:, 0][:, None], xs[None, :]).any(axis=1)
    on_y = np.isclose(ends[:, 1][:, None], ys[None, :]).any(axis=1)
    assert (on_x | on_y).all()
    true = surface(ends[:, 0], ends[:, 1])
    assert np.abs(true - level).max() < 0.05 * max(1.0, abs(level))


def test_a_saddle_cell_gets_two_segments_and_a_flat_surface_none():
    xs = ys = np.array([0.0, 1.0])
    z = np.array([[1.0, 0.0], [0.0, 1.0]])  # 00 and 11 above 0.5, 10 and 01 below: a saddle
    assert contour_segments(xs, ys, z, 0.5).shape == (2, 2, 2)
    assert contour_segments(xs, ys, np.ones((2, 2)), 0.5).shape == (0, 2, 2)
    assert contour_levels(np.ones((3, 3))).size == 0
    levels = contour_levels(np.array([[0.01, 1.0], [10.0, np.inf]]), 3)
    assert np.allclose(np.log10(levels), [-1.25, -0.5, 0.25])  # even in log, ends left out


def _trained(optimizer="adam", steps=25):
    dataset = make_dataset("xor", seed=0)
    t = Trainer(XOR, dataset, TrainingConfig(seed=5, optimizer=optimizer, learning_rate=0.05))
    for _ in range(steps):
        t.advance()
    return t


def test_the_picture_is_the_surface_around_the_params_shown_with_the_history_projected():
    t = _trained()
    steps = tuple(int(s) for s in t.history.steps)
    flats = tuple(t.history.params_at(s).flat for s in steps)
    given = LandscapeInputs(XOR, t.params, t.dataset.x_train, t.targets, steps, flats,
                            choice=PlaneChoice(WEIGHTS, first=(0, 0, 1), second=(1, -1, 0)), grid=21)
    picture = landscape_picture(given)
    plane = weight_plane(XOR, t.params, (0, 0, 1), (1, -1, 0))
    assert np.array_equal(picture.path, plane.project(np.stack(flats)))
    assert np.allclose(picture.path[:, 0], [f.reshape(-1)[1] - t.params.flat[1] for f in flats], atol=1e-12)
    assert np.allclose(picture.path[-1], 0.0)
    assert picture.path_steps.tolist() == list(steps)
    s = picture.surface
    assert s.losses.shape == (21, 21) and s.alphas[0] <= picture.path[:, 0].min() and s.betas[-1] >= picture.path[:, 1].max()
    for i, j in ((0, 0), (10, 10), (20, 3), (7, 19)):
        direct = forward(XOR, Params.from_flat(plane.point(s.alphas[j], s.betas[i]), XOR.sizes), t.dataset.x_train,
                         t.targets).loss
        assert s.losses[i, j] == pytest.approx(direct, rel=1e-12)
    assert picture.centre_loss == pytest.approx(forward(XOR, t.params, t.dataset.x_train, t.targets).loss, rel=1e-12)
    assert picture.low <= picture.centre_loss <= picture.high and len(picture.contours) == len(picture.levels) == 10
    assert picture.labels == ("w(x1→h1.2)", "b(y1)") and picture.rows == picture.total_rows == len(t.dataset.x_train)


def test_race_lines_are_the_race_paths_projected_and_the_grid_holds_them():
    t = _trained(steps=5)
    paths = run_race(XOR, t.dataset, t.settings, t.params, t.step, [("sgd", 0.5), ("adam", 0.1)], steps=60)
    picture = landscape_picture(LandscapeInputs(XOR, t.params, t.dataset.x_train, t.targets, races=paths,
                                                choice=PlaneChoice(RANDOM, seed=3), grid=15))
    plane = random_plane(XOR, t.params, seed=3)
    assert [r.label for r in picture.races] == ["SGD", "Adam"]
    for line, path in zip(picture.races, paths):
        assert np.array_equal(line.coords, plane.project(path.flats))
        assert np.array_equal(line.losses, path.losses) and np.array_equal(line.steps, path.steps)
        assert np.allclose(line.coords[0], 0.0, atol=1e-12)  # every runner starts at the centre
        assert (np.abs(line.coords[:, 0]) <= picture.surface.alphas[-1]).all()
        assert (np.abs(line.coords[:, 1]) <= picture.surface.betas[-1]).all()


def test_large_data_and_long_histories_are_sampled_evenly():
    x, y = np.arange(2000.0)[:, None], np.arange(2000.0)[:, None]
    xs, ys = surface_rows(x, y, most=512)
    assert len(xs) == 512 and xs[0, 0] == 0 and xs[-1, 0] == 1999 and np.array_equal(xs, ys)
    assert surface_rows(x[:10], y[:10])[0].shape == (10, 1)
    kept = np.arange(0, 5000, 3)
    chosen = path_steps(kept, most=400)
    assert len(chosen) == 400 and chosen[0] == 0 and chosen[-1] == kept[-1] and np.isin(chosen, kept).all()
