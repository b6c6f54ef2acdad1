"""The gradient check: backprop's ∂C/∂w beside central differences of the loss on the same batch.

``numeric_i = (C(θ + h_i e_i) − C(θ − h_i e_i)) / 2h_i`` with ``h_i = ε·max(1, |θ_i|)``,
two forward passes per parameter, float64. The relative error of a parameter is
``|numeric − backprop| / max(|numeric| + |backprop|, floor)``. The difference quotient
carries a rounding error of about ``machine ε·|C|/h ≈ 1e-10·|C|``, so a gradient smaller
than ``floor = 1e-4·max(1, |C|)`` is compared against the floor (an absolute error of
1e-10 reads as 1e-6) instead of dividing rounding noise by rounding noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import MlpvizError
from .params import Params, flat_layout, layer_views
from .records import StepRecord, readonly
from .step import forward

EPSILON = 2e-6  # h_i = ε·max(1, |θ_i|): about 1e-6, a little nearer the optimum (ε_mach)^⅓ ≈ 6e-6
MAX_PARAMETERS = 20_000  # two forward passes each: about a minute for the largest allowed
FLOOR = 1e-4  # times max(1, |C|): below it a gradient is compared in absolute terms
PROGRESS_CALLS = 100  # about how often a long check reports progress

Progress = Callable[[int, int], bool | None]  # (done, total) -> False to cancel


class GradientCheckRefused(MlpvizError):
    """The network is too large for a check by finite differences."""


class GradientCheckCancelled(MlpvizError):
    """The progress callback asked to stop."""


@dataclass(frozen=True)
class ParameterCheck:
    """One parameter's two gradients: ``W[layer][row, col]``, or the bias ``b[layer][col]`` when ``row`` is -1."""

    layer: int
    row: int
    col: int
    relative_error: float
    backprop: float
    numeric: float


@dataclass(frozen=True)
class GradientCheck:
    """Both gradients and their relative errors as flat vectors laid out like ``Params.flat``."""

    sizes: tuple[int, ...]
    backprop: np.ndarray
    numeric: np.ndarray
    relative_error: np.ndarray
    epsilon: float

    def numeric_of(self, layer: int, row: int, col: int) -> float:
        """Numeric ∂C/∂w of ``W[layer][row, col]`` (of ``b[layer][col]`` when ``row`` is -1)."""
        return self._pick(self.numeric, layer, row, col)

    def relative_error_of(self, layer: int, row: int, col: int) -> float:
        return self._pick(self.relative_error, layer, row, col)

    def _pick(self, flat: np.ndarray, layer: int, row: int, col: int) -> float:
        weights, biases = layer_views(flat, self.sizes)
        return float(biases[layer][col] if row < 0 else weights[layer][row, col])

    def worst_per_layer(self) -> tuple[ParameterCheck, ...]:
        """For each weight layer, the parameter (weights and biases) with the largest relative error."""
        worst = []
        for layer, (w0, _, o, b0, b1) in enumerate(flat_layout(self.sizes)):
            i = w0 + int(np.argmax(self.relative_error[w0:b1]))
            row, col = ((i - w0) // o, (i - w0) % o) if i < b0 else (-1, i - b0)
            worst.append(ParameterCheck(layer, row, col, float(self.relative_error[i]),
                                    float(self.backprop[i]), float(self.numeric[i])))
        return tuple(worst)

    @property
    def worst(self) -> float:
        return float(self.relative_error.max())


def gradient_check(record: StepRecord, epsilon: float = EPSILON, progress: Progress | None = None,
                   max_parameters: int = MAX_PARAMETERS) -> GradientCheck:
    """Check ``record``'s gradients on its own batch; ``progress(done, total)`` may return False to cancel."""
    arch, params = record.arch, record.params
    n = params.flat.size
    if n > max_parameters:
        raise GradientCheckRefused(
            f"a gradient check of {n:,} parameters is over the limit of {max_parameters:,} "
            f"(it costs two forward passes per parameter); try a smaller network"
        )
    theta = params.flat.copy()
    numeric = np.empty(n)
    every = max(1, n // PROGRESS_CALLS)
    for i in range(n):
        numeric[i] = _central_difference(record, theta, i, epsilon)
        if progress is not None and ((i + 1) % every == 0 or i + 1 == n) and progress(i + 1, n) is False:
            raise GradientCheckCancelled(f"gradient check cancelled after {i + 1:,} of {n:,} parameters")
    backprop = np.concatenate([p for w, b in zip(record.grad_weights, record.grad_biases) for p in (w.ravel(), b)])
    with np.errstate(all="ignore"):
        relative = np.abs(numeric - backprop) / np.maximum(np.abs(numeric) + np.abs(backprop), _floor(record))
    readonly(numeric, backprop, relative)
    return GradientCheck(arch.sizes, backprop, numeric, relative, float(epsilon))


def check_parameter(record: StepRecord, layer: int, row: int, col: int, epsilon: float = EPSILON) -> ParameterCheck:
    """The check of one parameter, ``W[layer][row, col]`` (``b[layer][col]`` when ``row`` is -1): two forward passes."""
    w0, _, o, b0, _ = flat_layout(record.arch.sizes)[layer]
    i = b0 + col if row < 0 else w0 + row * o + col
    numeric = _central_difference(record, record.params.flat.copy(), i, epsilon)
    backprop = float(record.grad_biases[layer][col] if row < 0 else record.grad_weights[layer][row, col])
    relative = abs(numeric - backprop) / max(abs(numeric) + abs(backprop), _floor(record))
    return ParameterCheck(layer, row, col, relative, backprop, numeric)


def _central_difference(record: StepRecord, theta: np.ndarray, i: int, epsilon: float) -> float:
    """``∂C/∂θ_i`` by central differences; ``theta`` is a scratch copy of the flat parameters, left as it was.

    With weight decay the exact ``λ·w`` is added (backprop's gradient has it; the recorded loss does not).
    """
    arch, x, y = record.arch, record.inputs, record.targets
    h = epsilon * max(1.0, abs(theta[i]))
    old = theta[i]
    theta[i] = old + h
    plus = forward(arch, Params.from_flat(theta.copy(), arch.sizes), x, y).loss
    theta[i] = old - h
    minus = forward(arch, Params.from_flat(theta.copy(), arch.sizes), x, y).loss
    theta[i] = old
    numeric = (plus - minus) / (2.0 * h)
    if record.weight_decay and _is_weight(arch.sizes, i):
        numeric += record.weight_decay * old
    return float(numeric)


def _is_weight(sizes: tuple[int, ...], i: int) -> bool:
    return any(w0 <= i < b0 for w0, _, _, b0, _ in flat_layout(sizes))


def _floor(record: StepRecord) -> float:
    return FLOOR * max(1.0, abs(record.loss))
