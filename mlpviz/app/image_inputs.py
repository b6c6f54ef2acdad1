"""Inputs that are a square image (the 8×8 digits, 28×28 MNIST): which, and a vector as its picture.

Pure numpy, so the canvas and the tests agree on the pixel order: row by row, the first
input at the top left (the order ``resources/datasets/digits.csv`` and MNIST use).
"""

from __future__ import annotations

import numpy as np

IMAGE_SIDES = {64: 8, 256: 16, 784: 28}  # input counts drawn as square pictures


def image_side(n_inputs: int) -> int | None:
    """The side of the square image ``n_inputs`` inputs make (64 -> 8, 784 -> 28), or None."""
    return IMAGE_SIDES.get(int(n_inputs))


def as_picture(values: np.ndarray, side: int) -> np.ndarray:
    """``values (side*side,)`` as rows of pixels ``(side, side)``, the first row at the top."""
    return np.asarray(values, dtype=float).reshape(side, side)
