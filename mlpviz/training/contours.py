"""Contour lines of a surface on a grid (marching squares) and the levels to draw them at.

Qt-free numpy, so the landscape's lines are worked out on the worker thread with the surface and the
window only draws the segments. A level crosses a grid cell's edge where the values at its two ends
lie on either side; a cell crossed twice gets one segment, a saddle (crossed four times) two, paired
by the value at the cell's centre.
"""

from __future__ import annotations

import numpy as np

EDGES = ((0, 1), (1, 3), (2, 3), (0, 2))  # bottom, right, top, left, as pairs of corners 00 10 01 11


def contour_segments(xs, ys, values, level: float) -> np.ndarray:
    """``(k, 2, 2)`` segments ``[[x0, y0], [x1, y1]]`` of the line ``values == level``.

    ``values[i, j]`` is the value at ``(xs[j], ys[i])``; non-finite values count as above every level.
    """
    xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    z = np.where(np.isfinite(values), values, np.inf)
    corners = (z[:-1, :-1], z[:-1, 1:], z[1:, :-1], z[1:, 1:])  # 00 10 01 11
    gx, gy = np.meshgrid(xs, ys)
    places = tuple((gx[r], gy[r]) for r in ((slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None)),
                                           (slice(1, None), slice(None, -1)), (slice(1, None), slice(1, None))))
    below = [c < level for c in corners]
    points, crossed = [], []
    with np.errstate(all="ignore"):
        for a, b in EDGES:
            cut = below[a] != below[b]
            t = np.clip(np.nan_to_num((level - corners[a]) / (corners[b] - corners[a])), 0.0, 1.0)
            (xa, ya), (xb, yb) = places[a], places[b]
            points.append(np.stack([xa + t * (xb - xa), ya + t * (yb - ya)], axis=-1))
            crossed.append(cut)
    points, crossed = np.stack(points, axis=2), np.stack(crossed, axis=2)  # (rows, cols, 4 edges, 2), (rows, cols, 4)
    count = crossed.sum(axis=2)
    two = count == 2
    first = np.argmax(crossed, axis=2)
    last = 3 - np.argmax(crossed[..., ::-1], axis=2)
    rows, cols = np.nonzero(two)
    segments = [np.stack([points[rows, cols, first[two]], points[rows, cols, last[two]]], axis=1)]
    rows, cols = np.nonzero(count == 4)
    if rows.size:
        centre = sum(c[rows, cols] for c in corners) / 4.0
        with_00 = (centre < level) == below[0][rows, cols]
        p = points[rows, cols]  # (n, 4, 2)
        pairs = np.where(with_00[:, None, None], [[0, 1], [2, 3]], [[0, 3], [1, 2]])  # (n, 2, 2) edge numbers
        for k in range(2):
            segments.append(np.stack([p[np.arange(rows.size), pairs[:, k, 0]],
                                      p[np.arange(rows.size), pairs[:, k, 1]]], axis=1))
    return np.concatenate(segments, axis=0) if segments else np.zeros((0, 2, 2))


def contour_levels(values, count: int = 10) -> np.ndarray:
    """``count`` levels spread evenly in log(value) between the surface's lowest and highest finite value
    (losses span orders of magnitude), the ends left out; fewer where the surface is flat."""
    finite = np.asarray(values, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return np.zeros(0)
    low, high = float(finite.min()), float(finite.max())
    if not high > low:
        return np.zeros(0)
    if low > 0:
        return np.geomspace(low, high, count + 2)[1:-1]
    return np.linspace(low, high, count + 2)[1:-1]
