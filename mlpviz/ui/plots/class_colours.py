"""Colours of classes and of the decision map's heat map (numpy only; rendering, not maths).

Two classes use the ends of the canvas's diverging scale (orange = class 0, blue = class 1),
so the heat map of a sigmoid output reads like the canvas. More classes get a colour-blind
safe qualitative palette; the map shows the argmax class, paler where the network is unsure.
The decision map's key, the data table and the canvas take a class's colour from here.
"""

from __future__ import annotations

import numpy as np

from mlpviz.ui.canvas.colormap import STOPS_RGB, value_to_rgb

BINARY_RGB = np.array([STOPS_RGB[0], STOPS_RGB[4]], dtype=float)  # dark orange, dark blue
# A qualitative palette for 3 to 12 classes: Okabe-Ito's seven colours, then black and four of Paul Tol's
# (indigo, wine, dark brown, pale grey). Every pair stays apart (CIELAB ΔE ≥ 14) in normal vision and in
# simulated deuteranopia, protanopia and tritanopia (tests/ui/test_class_key.py measures it).
MULTI_RGB = np.array(
    [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178), (213, 94, 0), (204, 121, 167),
     (0, 0, 0), (51, 34, 136), (136, 34, 85), (102, 17, 0), (187, 187, 187)],
    dtype=float,
)
WHITE = np.array([255.0, 255.0, 255.0])
HEAT_STRENGTH = 0.7  # the heat map stays paler than the points drawn on it


def class_rgb(n_classes: int) -> np.ndarray:
    """``(max(n_classes, 2), 3)`` uint8 colours, one per class (distinct up to 12; more classes repeat them)."""
    if n_classes <= 2:
        return BINARY_RGB.astype(np.uint8)
    reps = -(-n_classes // len(MULTI_RGB))
    return np.tile(MULTI_RGB, (reps, 1))[:n_classes].astype(np.uint8)


def heat_rgb(values: np.ndarray, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """Colours of output values ``(..., k)`` -> ``(..., 3)`` uint8.

    k = 1: the diverging scale over the output's range ``low..high`` (orange near ``low``, blue near ``high``,
    white half-way: 0.5 for a sigmoid, 0 for a tanh).
    k > 1: the argmax class's colour, blended towards white as confidence falls to 1/k.
    """
    values = np.asarray(values, dtype=float)
    k = values.shape[-1]
    if k == 1:  # paler than the points drawn on it
        rgb = value_to_rgb(values[..., 0] - (low + high) / 2, (high - low) / 2).astype(float)
        return np.rint(WHITE + (rgb - WHITE) * HEAT_STRENGTH).astype(np.uint8)
    winner = np.nan_to_num(values).argmax(axis=-1)
    confidence = np.take_along_axis(values, winner[..., None], axis=-1)[..., 0]
    strength = np.clip((np.nan_to_num(confidence) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)[..., None]
    colours = class_rgb(k).astype(float)[winner]
    return np.rint(WHITE + (colours - WHITE) * HEAT_STRENGTH * (0.2 + 0.8 * strength)).astype(np.uint8)
