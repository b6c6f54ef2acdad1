"""A network's parameters as an immutable value, and seeded initialisation."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from mlpviz.i18n import msg

from .architecture import Architecture
from .errors import ArchitectureError

INIT_METHODS = ("normal", "he", "xavier")


def frozen(array) -> np.ndarray:
    """``array`` as float64 and read-only; takes ownership (converts, never copies otherwise)."""
    a = np.asarray(array, dtype=np.float64)
    a.setflags(write=False)
    return a


@lru_cache(maxsize=64)
def flat_layout(sizes: tuple[int, ...]) -> tuple[tuple[int, int, int, int, int], ...]:
    """Where each layer lives in the flat parameter vector: ``(w_start, fan_in, fan_out, b_start, b_end)``.

    The vector holds ``W0.ravel(), b0, W1.ravel(), b1, ...`` so that an update, a
    finiteness check or a snapshot touches one array instead of one per layer.
    """
    layout, offset = [], 0
    for i, o in zip(sizes[:-1], sizes[1:]):
        layout.append((offset, i, o, offset + i * o, offset + i * o + o))
        offset += i * o + o
    return tuple(layout)


@lru_cache(maxsize=64)
def weight_slices(sizes: tuple[int, ...]) -> tuple[slice, ...]:
    """Where the weights (not the biases) of each layer lie in the flat vector."""
    return tuple(slice(w0, b0) for w0, _, _, b0, _ in flat_layout(sizes))


@lru_cache(maxsize=64)
def _view_plan(sizes: tuple[int, ...]):
    return tuple((slice(w0, b0), (i, o), slice(b0, b1)) for w0, i, o, b0, b1 in flat_layout(sizes))


def layer_views(flat: np.ndarray, sizes: tuple[int, ...]) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Weight and bias views into ``flat`` (no copy), shaped ``(fan_in, fan_out)`` and ``(fan_out,)``."""
    weights, biases = [], []
    for w, shape, b in _view_plan(sizes):
        weights.append(flat[w].reshape(shape))
        biases.append(flat[b])
    return tuple(weights), tuple(biases)


class Params:
    """Weights ``W[l]`` of shape ``(sizes[l], sizes[l+1])`` and biases ``b[l]`` of shape ``(sizes[l+1],)``.

    An immutable value: the arrays are read-only views into one flat float64 vector
    (``flat``), and a step makes a new Params rather than changing this one. The
    constructor copies what it is given, so the caller's arrays stay theirs.
    """

    __slots__ = ("weights", "biases", "flat")

    def __init__(self, weights, biases) -> None:
        weights = [np.asarray(w, dtype=np.float64) for w in weights]
        biases = [np.asarray(b, dtype=np.float64).reshape(-1) for b in biases]
        if not weights or len(weights) != len(biases) or any(w.ndim != 2 for w in weights):
            raise ArchitectureError(msg("parameters need one 2-D weight matrix and one bias vector per layer"))
        parts = [p for w, b in zip(weights, biases) for p in (w.ravel(), b)]
        flat = np.concatenate(parts)
        sizes = (weights[0].shape[0],) + tuple(w.shape[1] for w in weights)
        fitting = all(w.shape == (i, o) for w, i, o in zip(weights, sizes[:-1], sizes[1:]))
        if not fitting or any(b.shape != (w.shape[1],) for w, b in zip(weights, biases)):
            raise ArchitectureError(
                "weight and bias shapes do not chain: "
                + ", ".join(f"W{l} {w.shape} b{l} {b.shape}" for l, (w, b) in enumerate(zip(weights, biases)))
            )
        self._assign(flat, sizes)

    @classmethod
    def from_flat(cls, flat: np.ndarray, sizes: tuple[int, ...]) -> "Params":
        """Params over the flat vector ``flat`` (taken over, not copied; made read-only)."""
        obj = cls.__new__(cls)
        obj._assign(flat, tuple(sizes))
        return obj

    def _assign(self, flat: np.ndarray, sizes: tuple[int, ...]) -> None:
        flat.setflags(write=False)
        weights, biases = layer_views(flat, sizes)
        object.__setattr__(self, "flat", flat)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)

    def __setattr__(self, name, value):
        raise AttributeError(msg("Params is immutable; make a new one"))

    def __repr__(self) -> str:
        return f"Params(sizes={self.sizes})"

    def __reduce__(self):
        return (Params, (self.weights, self.biases))

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[0].shape[0],) + tuple(w.shape[1] for w in self.weights)

    def check_fits(self, arch: Architecture) -> None:
        """Raise ArchitectureError unless every array has the shape ``arch.sizes`` asks for."""
        if self.sizes != arch.sizes:
            raise ArchitectureError(
                msg("parameters of a {items} network do not fit the {value} network", items='-'.join(map(str, self.sizes)), value=arch.label())
            )

    def is_finite(self) -> bool:
        return bool(np.isfinite(self.flat).all())

    def with_weight(self, layer: int, row: int, col: int, value: float) -> "Params":
        """A copy with one weight replaced (for editing a table cell)."""
        flat = self.flat.copy()
        w0, i, o, _, _ = flat_layout(self.sizes)[layer]
        if not (0 <= row < i and 0 <= col < o):
            raise IndexError(msg("W{layer} has no entry ({row}, {col})", layer=layer, row=row, col=col))
        flat[w0 + row * o + col] = value
        return Params.from_flat(flat, self.sizes)

    def with_bias(self, layer: int, unit: int, value: float) -> "Params":
        """A copy with one bias replaced."""
        flat = self.flat.copy()
        _, _, o, b0, _ = flat_layout(self.sizes)[layer]
        if not 0 <= unit < o:
            raise IndexError(msg("b{layer} has no entry {unit}", layer=layer, unit=unit))
        flat[b0 + unit] = value
        return Params.from_flat(flat, self.sizes)

    def minus(self, other: "Params") -> "Params":
        """Parameter by parameter ``self − other`` (for comparing two steps); shapes must match."""
        if self.sizes != other.sizes:
            raise ArchitectureError(
                msg("cannot compare a {items} network with a {items2} one", items='-'.join(map(str, self.sizes)), items2='-'.join(map(str, other.sizes)))
            )
        return Params.from_flat(np.subtract(self.flat, other.flat), self.sizes)

    def equals(self, other: "Params") -> bool:
        """Bit-for-bit equality of every array."""
        return self.sizes == other.sizes and np.array_equal(self.flat, other.flat)

    @property
    def nbytes(self) -> int:
        return self.flat.nbytes


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
        raise ArchitectureError(msg("unknown initialisation {method}; choose one of {items}", method=repr(method), items=', '.join(INIT_METHODS)))
    return Params(tuple(weights), tuple(biases))
