"""A network's parameters as an immutable value, and seeded initialisation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .architecture import Architecture
from .errors import ArchitectureError

INIT_METHODS = ("normal", "he", "xavier")


def frozen(array) -> np.ndarray:
    """``array`` as float64 and read-only; takes ownership (converts, never copies otherwise)."""
    a = np.asarray(array, dtype=np.float64)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Params:
    """Weights ``W[l]`` of shape ``(sizes[l], sizes[l+1])`` and biases ``b[l]`` of shape ``(sizes[l+1],)``.

    Arrays are read-only: a Params value never changes, a step makes a new one.
    The constructor takes ownership of the arrays it is given; use ``Params.copy_of``
    for arrays the caller keeps using.
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", tuple(frozen(w) for w in self.weights))
        object.__setattr__(self, "biases", tuple(frozen(b) for b in self.biases))

    @classmethod
    def copy_of(cls, weights, biases) -> "Params":
        """Params holding float64 copies of the given arrays."""
        return cls(
            tuple(np.array(w, dtype=np.float64) for w in weights),
            tuple(np.array(b, dtype=np.float64).reshape(-1) for b in biases),
        )

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[0].shape[0],) + tuple(w.shape[1] for w in self.weights)

    def check_fits(self, arch: Architecture) -> None:
        """Raise ArchitectureError unless every array has the shape ``arch.sizes`` asks for."""
        if len(self.weights) != arch.layer_count or len(self.biases) != arch.layer_count:
            raise ArchitectureError(
                f"{len(self.weights)} weight layers do not fit the {arch.label()} network"
            )
        for l, (i, o) in enumerate(zip(arch.sizes[:-1], arch.sizes[1:])):
            if self.weights[l].shape != (i, o):
                raise ArchitectureError(f"W{l} has shape {self.weights[l].shape}, expected {(i, o)}")
            if self.biases[l].shape != (o,):
                raise ArchitectureError(f"b{l} has shape {self.biases[l].shape}, expected {(o,)}")

    def is_finite(self) -> bool:
        return all(np.isfinite(w).all() for w in self.weights) and all(
            np.isfinite(b).all() for b in self.biases
        )

    def with_weight(self, layer: int, row: int, col: int, value: float) -> "Params":
        """A copy with one weight replaced (for editing a table cell)."""
        w = np.array(self.weights[layer])
        w[row, col] = value
        return Params(self.weights[:layer] + (w,) + self.weights[layer + 1 :], self.biases)

    def with_bias(self, layer: int, unit: int, value: float) -> "Params":
        """A copy with one bias replaced."""
        b = np.array(self.biases[layer])
        b[unit] = value
        return Params(self.weights, self.biases[:layer] + (b,) + self.biases[layer + 1 :])

    def equals(self, other: "Params") -> bool:
        """Bit-for-bit equality of every array."""
        return len(self.weights) == len(other.weights) and all(
            np.array_equal(a, b) for a, b in zip(self.weights + self.biases, other.weights + other.biases)
        )

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.weights + self.biases)


def init_params(arch: Architecture, method: str = "normal", seed: int | None = 0) -> Params:
    """Draw initial parameters from a generator seeded with ``seed``.

    ``normal`` is the notebook's: standard normal weights and biases. ``he`` draws
    N(0, 2/fan_in) weights, ``xavier`` N(0, 2/(fan_in+fan_out)); both start biases at 0.
    """
    rng = np.random.default_rng(seed)
    pairs = list(zip(arch.sizes[:-1], arch.sizes[1:]))
    if method == "normal":
        weights = [rng.standard_normal((i, o)) for i, o in pairs]
        biases = [rng.standard_normal(o) for _, o in pairs]
    elif method == "he":
        weights = [rng.standard_normal((i, o)) * np.sqrt(2.0 / i) for i, o in pairs]
        biases = [np.zeros(o) for _, o in pairs]
    elif method == "xavier":
        weights = [rng.standard_normal((i, o)) * np.sqrt(2.0 / (i + o)) for i, o in pairs]
        biases = [np.zeros(o) for _, o in pairs]
    else:
        raise ArchitectureError(f"unknown initialisation {method!r}; choose one of {', '.join(INIT_METHODS)}")
    return Params(tuple(weights), tuple(biases))
