"""The loss surface over a plane through the parameters, and paths (the run's, a race's) projected onto it.

A plane is the current parameters θ₀ and two directions d₁, d₂ (flat, like ``Params.flat``):
either two chosen parameters (unit vectors) or two random directions normalised per layer as
in Li et al. 2018 ("Visualizing the Loss Landscape of Neural Nets"): each layer's weights and
biases of the random direction are scaled to the norm of that layer's weights and biases. The
surface is the training loss of ``θ₀ + α·d₁ + β·d₂`` on a grid of (α, β); a path (the history,
or a race, ``race.py``) is drawn by its least-squares coordinates in the plane. Qt-free, so the app computes
it on a worker thread and the tests and ``mlpviz bench`` without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.engine import ACTIVATIONS, LOSSES, Architecture, MlpvizError, Params
from mlpviz.engine.params import flat_layout
from mlpviz.engine.unit_names import weight_name
from mlpviz.i18n import msg

MAX_GRID = 201  # points a side; 41 is the default


@dataclass(frozen=True)
class Plane:
    """``origin + α·d1 + β·d2``; ``labels`` name the two axes (a weight, or a random direction)."""

    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    labels: tuple[str, str]

    def point(self, alpha: float, beta: float) -> np.ndarray:
        return self.origin + alpha * self.d1 + beta * self.d2

    def project(self, flats) -> np.ndarray:
        """``(k, 2)`` coordinates (α, β) of the parameter vectors ``flats`` ``(k, P)`` in this plane, least squares."""
        basis = np.stack([self.d1, self.d2], axis=1)
        offsets = np.atleast_2d(np.asarray(flats, dtype=np.float64)) - self.origin
        coords, *_ = np.linalg.lstsq(basis, offsets.T, rcond=None)
        return coords.T


@dataclass(frozen=True)
class Surface:
    """The loss ``losses[i, j]`` at ``(alphas[j], betas[i])`` of ``plane`` (rows run along β)."""

    plane: Plane
    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray


def weight_plane(arch: Architecture, params: Params, first: tuple[int, int, int], second: tuple[int, int, int]) -> Plane:
    """The plane of two single parameters ``(layer, row, col)`` (row −1: the bias of unit ``col``)."""
    indices = [_flat_index(arch, p) for p in (first, second)]
    if indices[0] == indices[1]:
        raise MlpvizError(msg("pick two different weights for the loss surface"))
    d1, d2 = np.zeros(params.flat.size), np.zeros(params.flat.size)
    d1[indices[0]], d2[indices[1]] = 1.0, 1.0
    labels = tuple(weight_name(layer, row, col, arch.layer_count) for layer, row, col in (first, second))
    return Plane(params.flat.copy(), d1, d2, labels)


def random_plane(arch: Architecture, params: Params, seed: int = 0) -> Plane:
    """Two random directions normalised per layer (Li et al. 2018): each layer's part has the norm of that layer."""
    rng = np.random.default_rng(seed)
    directions = []
    for _ in range(2):
        d = rng.standard_normal(params.flat.size)
        for w0, _, _, b0, b1 in flat_layout(arch.sizes):
            part, own = d[w0:b1], params.flat[w0:b1]
            norm = np.linalg.norm(part)
            part *= (np.linalg.norm(own) / norm) if norm else 0.0
        directions.append(d)
    return Plane(params.flat.copy(), directions[0], directions[1], (str(msg("direction 1")), str(msg("direction 2"))))


def path_plane(arch: Architecture, params: Params, flats, seed: int = 0) -> Plane:
    """The two principal directions of the paths' steps away from ``params`` (PCA, as Li et al. 2018 draw a
    trajectory: random directions in a space of many parameters are nearly orthogonal to any path).

    ``flats`` ``(k, P)``: the points of the paths. Unit directions, so a coordinate is a distance in
    parameter space; where the paths span fewer than two directions, the missing one is random
    (``seed``), orthogonal to the other. The labels say each direction's share of the paths' spread.
    """
    offsets = np.atleast_2d(np.asarray(flats, dtype=np.float64)) - params.flat
    offsets = offsets[np.any(offsets != 0.0, axis=1)] if offsets.size else np.zeros((0, params.flat.size))
    directions, shares = [], []
    if len(offsets):
        _, spread, rows = np.linalg.svd(offsets, full_matrices=False)
        total = float(np.sum(spread ** 2))
        for value, row in zip(spread[:2], rows[:2]):
            if value > 1e-12 * spread[0]:
                directions.append(row)
                shares.append(float(value ** 2) / total)
    rng = np.random.default_rng(seed)
    while len(directions) < 2:
        d = rng.standard_normal(params.flat.size)
        for other in directions:
            d -= (d @ other) * other
        directions.append(d / np.linalg.norm(d))
        shares.append(0.0)
    labels = tuple(str(msg("path direction {n} ({share:.0%})", n=n + 1, share=share))
                   for n, share in enumerate(shares))
    return Plane(params.flat.copy(), directions[0], directions[1], labels)


def grid_around(coords: np.ndarray, n: int = 41, least: float = 1.0, margin: float = 0.25) -> tuple[np.ndarray, np.ndarray]:
    """``(alphas, betas)``: ``n`` points a side, centred on 0, wide enough for every point of ``coords`` ``(k, 2)``."""
    if not 3 <= n <= MAX_GRID:
        raise MlpvizError(msg("the loss surface's grid must be from 3 to {max_grid} points a side, got {n_}", max_grid=MAX_GRID, n_=n))
    reach = np.max(np.abs(coords), axis=0) if len(coords) else np.zeros(2)
    spans = [max(least, float(r) * (1.0 + margin)) for r in reach]
    return np.linspace(-spans[0], spans[0], n), np.linspace(-spans[1], spans[1], n)


def loss_surface(arch: Architecture, plane: Plane, inputs, targets, alphas, betas) -> Surface:
    """The training loss at every grid point, a row of α at a time as one batched forward pass.

    Each layer is linear in its own parameters: ``a·(W₀ + α·D₁ + β·D₂) = a·W₀ + α·a·D₁ + β·a·D₂``, so a
    layer is one matrix product of the row's activations with ``[W₀ | D₁ | D₂]`` (the first layer's
    once for the whole grid), combined per point. Equals ``forward(...).loss`` at each point up to rounding.
    """
    x = np.asarray(inputs, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    alphas, betas = np.asarray(alphas, dtype=np.float64), np.asarray(betas, dtype=np.float64)
    hidden = ACTIVATIONS[arch.hidden_activation].fn
    head = LOSSES[arch.loss].head
    stacked = []  # per layer: [W₀ | D₁ | D₂] (i, 3o) and the three bias vectors
    for w0, i, o, b0, b1 in flat_layout(arch.sizes):
        vectors = (plane.origin, plane.d1, plane.d2)
        stacked.append((np.concatenate([v[w0:b0].reshape(i, o) for v in vectors], axis=1), o,
                        [v[b0:b1] for v in vectors]))
    n, batch = alphas.size, x.shape[0]
    y_rows = np.broadcast_to(y, (n, *y.shape)).reshape(n * batch, -1)
    a_col = alphas[:, None, None]
    product, o, (b_0, b_1, b_2) = stacked[0]
    first = x @ product  # (B, 3o): the first layer's three products, the same for every point
    f0, f1, f2 = first[:, :o] + b_0, first[:, o:2 * o] + b_1, first[:, 2 * o:] + b_2
    losses = np.empty((betas.size, n))
    with np.errstate(all="ignore"):
        for r, beta in enumerate(betas):
            z = a_col * f1  # (n, B, o)
            z += f0 + beta * f2
            for product, o, (b_0, b_1, b_2) in stacked[1:]:
                p = (hidden(z).reshape(n * batch, -1) @ product).reshape(n, batch, 3 * o)
                z = a_col * (p[..., o:2 * o] + b_1)
                z += p[..., :o]
                z += b_0 + beta * b_2
                z += beta * p[..., 2 * o:]
            _, per_sample, _ = head(z.reshape(n * batch, -1), y_rows, arch.output_activation)
            losses[r] = per_sample.reshape(n, batch).sum(axis=1) / batch
    return Surface(plane, alphas, betas, losses)


def _flat_index(arch: Architecture, pick: tuple[int, int, int]) -> int:
    layer, row, col = pick
    if not 0 <= layer < arch.layer_count:
        raise MlpvizError(msg("there is no weight layer {layer}", layer=layer))
    w0, i, o, b0, _ = flat_layout(arch.sizes)[layer]
    if not (-1 <= row < i and 0 <= col < o):
        raise MlpvizError(msg("W{layer} has no entry ({row}, {col})", layer=layer, row=row, col=col))
    return b0 + col if row < 0 else w0 + row * o + col
