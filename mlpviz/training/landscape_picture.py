"""Everything the Landscape panel draws, worked out in one call off the window's thread.

The window hands over what it has (the network shown, the training rows, the history's kept
parameters, a race's runs, the plane chosen); ``landscape_picture`` builds the plane, projects the
path and the race onto it, sizes a grid that holds them all, computes the loss surface with its
contour lines and levels, and returns arrays the panel draws as they are. Qt-free, so tests and
``mlpviz bench`` use it without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.engine import Architecture, Params

from .contours import contour_levels, contour_segments
from .landscape import Surface, grid_around, loss_surface, path_plane, random_plane, weight_plane
from .race import RacePath

RANDOM, WEIGHTS, PATHS = "random", "weights", "paths"
DEFAULT_GRID = 41
MAX_SURFACE_ROWS = 512  # more training rows are sampled evenly: the picture is a guide, 1 s at most
MAX_PATH_POINTS = 400  # of the history: evenly spread, the first and the latest always among them
CONTOUR_LEVELS = 10
PATHS_LEAST = 0.05  # the smallest half-width of a grid over the paths' directions (paths not yet taken)


@dataclass(frozen=True)
class PlaneChoice:
    """Which plane: two random directions normalised per layer (``seed``), two parameters ``first`` and
    ``second``, each ``(layer, row, col)`` with row −1 for a bias, or the paths' two principal directions."""

    kind: str = RANDOM
    seed: int = 0
    first: tuple[int, int, int] | None = None
    second: tuple[int, int, int] | None = None


def default_weights(arch: Architecture) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The two parameters a weight plane starts with: the first two weights into the first hidden unit
    (a one-input network: that weight and the unit's bias)."""
    return (0, 0, 0), ((0, 1, 0) if arch.sizes[0] > 1 else (0, -1, 0))


def surface_rows(inputs, targets, most: int = MAX_SURFACE_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """The training rows the surface is measured on: all of them, or ``most`` spread evenly over them."""
    n = len(inputs)
    if n <= most:
        return inputs, targets
    rows = np.linspace(0, n - 1, most).round().astype(np.int64)
    return inputs[rows], targets[rows]


def path_steps(kept_steps, most: int = MAX_PATH_POINTS) -> np.ndarray:
    """Up to ``most`` of the history's kept step numbers, spread evenly, the first and the last always kept."""
    kept = np.asarray(kept_steps, dtype=np.int64)
    if kept.size <= most:
        return kept
    return kept[np.unique(np.linspace(0, kept.size - 1, most).round().astype(np.int64))]


@dataclass(frozen=True)
class LandscapeInputs:
    """What the window has: the network and the parameters shown (the centre), the training inputs and
    targets, the kept ``path`` (steps and their flat parameters), a race's runs, the plane and the grid size."""

    arch: Architecture
    params: Params
    inputs: np.ndarray
    targets: np.ndarray
    steps: tuple[int, ...] = ()
    flats: tuple[np.ndarray, ...] = ()
    races: tuple[RacePath, ...] = ()
    choice: PlaneChoice = PlaneChoice()
    grid: int = DEFAULT_GRID


@dataclass(frozen=True)
class RaceLine:
    """One runner of a race in the plane: ``coords`` ``(k, 2)`` of its kept ``steps`` and the ``losses`` there."""

    key: str
    label: str
    learning_rate: float
    coords: np.ndarray
    steps: np.ndarray
    losses: np.ndarray
    stopped: int | None


@dataclass(frozen=True)
class LandscapePicture:
    """The surface, its contour ``levels`` and ``contours`` (segments ``(k, 2, 2)`` per level), the colour
    range ``low``..``high`` (finite losses), the run's ``path`` ``(k, 2)`` at ``path_steps``, the race's
    lines, and the ``rows`` of ``total_rows`` training rows the loss was measured on. The current
    parameters are the plane's origin (0, 0), with loss ``centre_loss``; ``kind``: the plane's (RANDOM, WEIGHTS)."""

    surface: Surface
    levels: np.ndarray
    contours: tuple[np.ndarray, ...]
    low: float
    high: float
    path: np.ndarray
    path_steps: np.ndarray
    races: tuple[RaceLine, ...]
    rows: int
    total_rows: int
    centre_loss: float
    kind: str = RANDOM

    @property
    def labels(self) -> tuple[str, str]:
        return self.surface.plane.labels


def landscape_picture(given: LandscapeInputs) -> LandscapePicture:
    """The picture of ``given``: plane, projections, grid, surface, contour lines (see the module)."""
    arch, params, choice = given.arch, given.params, given.choice
    if choice.kind == WEIGHTS:
        first, second = (choice.first, choice.second) if choice.first is not None else default_weights(arch)
        plane = weight_plane(arch, params, first, second)
    elif choice.kind == PATHS:
        points = [*given.flats, *(r.flats for r in given.races if r.flats.shape[1:] == params.flat.shape)]
        plane = path_plane(arch, params, np.vstack(points) if points else np.zeros((0, params.flat.size)),
                           seed=choice.seed)
    else:
        plane = random_plane(arch, params, seed=choice.seed)
    path = plane.project(np.stack(given.flats)) if given.flats else np.zeros((0, 2))
    races = tuple(RaceLine(r.key, r.label, r.learning_rate, plane.project(r.flats), r.steps, r.losses, r.stopped)
                  for r in given.races if r.flats.shape[1:] == params.flat.shape)
    least = PATHS_LEAST if choice.kind == PATHS else 1.0  # unit directions: the paths' own size, not ±1
    alphas, betas = grid_around(np.vstack([path, *(r.coords for r in races), np.zeros((1, 2))]), given.grid, least)
    x, y = surface_rows(given.inputs, given.targets)
    surface = loss_surface(arch, plane, x, y, alphas, betas)
    levels = contour_levels(surface.losses, CONTOUR_LEVELS)
    contours = tuple(contour_segments(alphas, betas, surface.losses, level) for level in levels)
    finite = surface.losses[np.isfinite(surface.losses)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    centre = loss_surface(arch, plane, x, y, [0.0], [0.0]).losses[0, 0]
    return LandscapePicture(surface, levels, contours, low, high, path, np.asarray(given.steps, dtype=np.int64),
                            races, len(x), len(given.inputs), float(centre), choice.kind)
