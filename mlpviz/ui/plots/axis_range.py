"""Plot ranges that move in steps, so a growing curve does not re-lay its axis every frame.

Re-generating a pyqtgraph axis costs milliseconds; during Run the loss curve grows
every frame. These functions keep the current range until the data leaves it (or
fills too little of it), then jump to a "nice" range with room to grow.
"""

from __future__ import annotations

import math

import numpy as np

NICE = (1.0, 2.0, 5.0, 10.0)
MARK_NEAR = 1.5  # a refused step's ✕ past the curve widens the x range to at most this many times the curve's
MARK_NEAR_STEPS = 20.0  # ...length, counted as at least this many steps (a short run's ✕ within 30 steps is near)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is ≥ ``value`` (``value`` > 0)."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(n * power for n in NICE if n * power >= value * (1 - 1e-12))


def steps_range(last_step: float, current: tuple[float, float] | None, first_step: float = 0.0,
                fill: float = 0.3) -> tuple[float, float]:
    """x range ``(start, start + nice)`` for a curve from ``first_step`` to ``last_step``.

    ``start`` is 0, or just before ``first_step`` when the curve starts late (a run continued
    from a snapshot). The range is kept while the curve still fits and fills at least
    ``fill`` of it (a growing curve fills 0.4 or more after each jump), so a new, shorter
    history (after Reset, a preset, an opened snapshot) gets a range of its own.
    """
    start = _start(first_step)
    length = max(last_step - start, 10.0)
    if current is not None and current[0] == start and last_step <= current[1] \
            and length >= fill * (current[1] - start):
        return current
    return start, start + nice_ceiling(length)


def _start(first_step: float) -> float:
    return 0.0 if first_step <= 10 else float(first_step) - 1.0


def steps_reach(first_step: float, last_step: float, marks) -> float:
    """The last step the x range is to hold: the curve's ``last_step``, or the farthest refused step's ✕ of
    ``marks`` past it that is near (within MARK_NEAR times the curve's length from the start). A run sent
    back to step 2 from step 503 keeps its two steps readable; a ✕ farther away is pinned at the edge."""
    start = _start(first_step)
    reach = start + MARK_NEAR * max(last_step - start, MARK_NEAR_STEPS)
    near = [float(m) for m in marks if last_step < m <= reach]
    return max(near, default=float(last_step))


def values_range(low: float, high: float, current: tuple[float, float] | None,
                 fill: float = 0.4) -> tuple[float, float]:
    """y range holding ``[low, high]`` with a margin; kept while the data fits and fills ≥ ``fill`` of it."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return current or (0.0, 1.0)
    span = max(high - low, abs(high) * 1e-3, 1e-12)
    if current is not None:
        c_low, c_high = current
        if c_low <= low and high <= c_high and span >= fill * (c_high - c_low):
            return current
    margin = 0.1 * span
    return low - margin, high + margin


LEGEND_SHARE = 0.6  # the most of a view's height a legend may keep free of points above them


def pinned(values, low: float, high: float, view: tuple[float, float], inset: float = 0.02):
    """``values`` held within a twentieth of ``[low, high]``'s span past it and ``inset`` (a share of the range) inside
    the range ``view``: a refused step's loss far above the kept curve is drawn at its edge instead of flattening it."""
    span = max(high - low, abs(high) * 1e-3, 1e-12)
    inset *= view[1] - view[0]
    return np.clip(values, max(low - 0.05 * span, view[0] + inset), min(high + 0.05 * span, view[1] - inset))


def top_clear_of(y_range: tuple[float, float], legend_bottom: float, height: float, legend_left: float,
                 objects) -> float:
    """The top for a y range from ``y_range[0]`` that puts every object right of x ``legend_left`` below a
    legend reaching ``legend_bottom`` pixels down a view ``height`` pixels tall; ``y_range[1]`` when that is
    enough, or when the legend would need over LEGEND_SHARE of the height. ``objects``: (left x, right x, y,
    pixels the object reaches above its y) arrays; a curve's point just left of the legend counts too, its
    line runs under the legend."""
    low, top = y_range
    for left, right, y, above in objects:
        left, right, y = (np.atleast_1d(np.asarray(a, dtype=np.float64)) for a in (left, right, y))
        under = right >= legend_left
        if under.any() and under.argmax() > 0:
            under[under.argmax() - 1] = True
        y = y[under & np.isfinite(y)]
        share = (legend_bottom + above) / height if height > 0 else 1.0
        if not y.size:
            continue
        if share >= LEGEND_SHARE:
            return y_range[1]
        top = max(top, (float(y.max()) - share * low) / (1 - share))
    return top
