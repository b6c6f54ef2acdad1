"""Shared pieces of the check tests: a small batch for any network, and the test learners' code."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # learner_sources, beside this file


@pytest.fixture
def batch():
    """``batch(sizes, output)`` -> (x, y): 6 samples; y are 0/1 targets, class indices for softmax, reals for linear."""
    def make(sizes, output="sigmoid"):
        rng = np.random.default_rng(3)
        x = rng.normal(size=(6, sizes[0]))
        if output == "softmax":
            y = rng.integers(0, sizes[-1], 6)
            y[: sizes[-1]] = np.arange(sizes[-1])
        elif output == "linear":
            y = rng.normal(size=(6, sizes[-1]))
        else:
            y = rng.integers(0, 2, (6, sizes[-1])).astype(float)
        return x, y
    return make
