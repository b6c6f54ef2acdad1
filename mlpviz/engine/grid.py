"""The network's output on a regular grid of 2-D inputs: what the decision map paints."""

from __future__ import annotations

import numpy as np

from mlpviz.i18n import msg

from .architecture import Architecture
from .errors import DataError
from .params import Params
from .step import forward

MAX_RESOLUTION = 1024


def grid_axes(x_range, y_range, resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres ``xs (res,)`` and ``ys (res,)`` of a ``res × res`` grid over the two ranges.

    The cells tile ``[x0, x1] × [y0, y1]`` exactly, so an image of the grid placed on
    that rectangle puts every pixel over the point it was computed at.
    """
    res = int(resolution)
    if not 1 <= res <= MAX_RESOLUTION:
        raise DataError(msg("grid resolution must be between 1 and {max_resolution}, got {resolution}", max_resolution=MAX_RESOLUTION, resolution=resolution))
    (x0, x1), (y0, y1) = map(float, x_range), map(float, y_range)
    if not (np.isfinite([x0, x1, y0, y1]).all() and x1 > x0 and y1 > y0):
        raise DataError(msg("grid ranges must be finite and increasing, got {x_range} and {y_range}", x_range=x_range, y_range=y_range))
    centres = (np.arange(res) + 0.5) / res
    return x0 + centres * (x1 - x0), y0 + centres * (y1 - y0)


def output_grid(
    arch: Architecture, params: Params, x_range, y_range, resolution: int = 64
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(xs (res,), ys (res,), values (res, res, k))``: the output at every grid cell.

    ``values[i, j]`` is the network's output (k = output units) at input ``(xs[j], ys[i])``:
    rows run along y, columns along x. Needs a network with 2 inputs.
    """
    if arch.sizes[0] != 2:
        raise DataError(msg("a decision map needs a network with 2 inputs; this one has {sizes}", sizes=arch.sizes[0]))
    xs, ys = grid_axes(x_range, y_range, resolution)
    gx, gy = np.meshgrid(xs, ys)  # (res, res) each, rows along y
    points = np.column_stack([gx.ravel(), gy.ravel()])  # (res*res, 2)
    outputs = forward(arch, params, points).activations[-1]
    return xs, ys, outputs.reshape(len(ys), len(xs), -1)
