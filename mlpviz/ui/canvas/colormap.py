"""The diverging colour scale shared by the canvas and the tables: orange < 0 < blue.

Blue and orange stay distinct for the common colour-vision deficiencies and in greyscale
(the ends are dark, zero is near-white). The scale is symmetric: ``scale`` maps to the
darkest blue and ``-scale`` to the darkest orange. Pure numpy, no Qt.
"""

from __future__ import annotations

import numpy as np

# Colour stops at t = -1, -0.5, 0, 0.5, 1 (t = value / scale, clipped).
STOPS_T = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
STOPS_RGB = np.array(
    [
        (166, 54, 3),  # dark orange
        (253, 141, 60),  # orange
        (247, 247, 247),  # near-white
        (107, 174, 214),  # light blue
        (8, 81, 156),  # dark blue
    ],
    dtype=float,
)
PALETTE_SIZE = 32  # levels of a binned palette (even: no exact-zero level, 16 per sign)


def normalise(values, scale: float) -> np.ndarray:
    """``values / scale`` clipped to [-1, 1]; NaN becomes 0. Any shape."""
    v = np.asarray(values, dtype=float)
    s = float(scale) if np.isfinite(scale) and scale > 0 else 1.0
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        t = np.clip(v / s, -1.0, 1.0)
    return np.nan_to_num(t, nan=0.0)


def value_to_rgb(values, scale: float) -> np.ndarray:
    """Colours of ``values`` on a ±``scale`` diverging map: shape ``values.shape + (3,)``, uint8.

    A scalar gives one colour of shape ``(3,)``.
    """
    t = normalise(values, scale)
    rgb = np.stack([np.interp(t, STOPS_T, STOPS_RGB[:, c]) for c in range(3)], axis=-1)
    return np.rint(rgb).astype(np.uint8)


def palette_rgb(levels: int = PALETTE_SIZE) -> np.ndarray:
    """The ``levels`` colours of the binned palette, ``(levels, 3)`` uint8, from -scale to +scale."""
    return value_to_rgb(palette_centres(levels), 1.0)


def palette_centres(levels: int = PALETTE_SIZE) -> np.ndarray:
    """Value (in units of the scale) each palette level stands for: ``(levels,)`` in (-1, 1)."""
    return (np.arange(levels) + 0.5) / levels * 2.0 - 1.0


def palette_index(values, scale: float, levels: int = PALETTE_SIZE) -> np.ndarray:
    """Palette level of each value: int array of ``values``'s shape, in 0..levels-1."""
    t = normalise(values, scale)
    return np.minimum(((t + 1.0) * 0.5 * levels).astype(np.intp), levels - 1)


def text_is_dark(rgb) -> np.ndarray:
    """True where black text reads better than white on colour ``rgb`` ``(..., 3)``."""
    rgb = np.asarray(rgb, dtype=float)
    luminance = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    return luminance >= 140
