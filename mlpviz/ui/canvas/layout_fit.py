"""Which layout of a small network gives its numbers the most room in a view: rows apart or columns apart.

``layout_network`` fills a view's shape with readable edge angles first; on a small canvas (a
1024×768 projector with its side panels) that leaves rows too close for a value and its bias
label under it, and columns too close for a bias label beside it. Here a few stretches of the
view's shape are tried, each planned as it would be drawn (``node_numbers.plan_numbers``), and
the one whose numbers come out largest wins; a stretch that draws them as large as the natural
shape does never replaces it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .layout import NetworkLayout, layout_network
from .node_numbers import GAP_PX, badge_height, digit_height, font_for_digits, label_height, plan_numbers
from .rings import RING_FACTOR

STRETCHES = (1.0, 0.85, 1.2, 0.7, 1.4, 0.6, 1.6, 0.5, 2.0, 0.35, 2.8)  # the view's shape times these; nearest first
SAMPLE_VALUE = -0.888  # a number as wide as most, before a step gives the real ones
SAMPLE_BIAS = -0.0062  # a bias after a few steps of a small learning rate: biases start at 0, "b 0" says little
BARE_WORTH = 0.97  # bias labels named one by one are worth a little more than bare ones under one name
INTO_RING_WORTH = 0.96  # ...and than labels reaching into the next row's ring (more than a digit a pixel shorter)


@dataclass(frozen=True)
class TextNeeds:
    """The numbers a layout is chosen for, with digits ``target`` px tall: ``values`` and ``biases``, one tuple
    per layer (those on screen; () for samples), bias labels named ``bias_name`` (``bare``: may go bare under one
    name per column); the layer titles ``titles`` px above the top node, a value's ``badge`` and a bias label's
    box (``label``)."""

    target: float
    values: tuple
    biases: tuple
    bias_name: str
    titles: float
    badge: float
    label: float
    bare: bool = True

    def numbers(self, sizes) -> tuple[tuple, tuple]:
        """(values, biases) per layer of a network of ``sizes``: those on screen, else a sample number each."""
        values = self.values if len(self.values) == len(sizes) else ((SAMPLE_VALUE,),) * len(sizes)
        biases = self.biases if len(self.biases) == len(sizes) - 1 else ((SAMPLE_BIAS,),) * (len(sizes) - 1)
        return values, biases

    def pads(self, radius_px: float) -> tuple[float, float]:
        """Pixels above the top node's edge and under the lowest's, for nodes ``radius_px`` in radius (as
        ``CanvasLabels._text_pads_px``: the titles, and a bias label under its value's badge)."""
        top = self.titles + max(0.0, self.badge / 2 - radius_px)
        bottom = max(0.0, self.badge / 2 + GAP_PX + self.label + GAP_PX - radius_px)
        return top, bottom


def text_needs(target_px: float, bias_name: str, titles_px: float, values=(), biases=()) -> TextNeeds:
    """What the numbers need with digits ``target_px`` tall, bias labels named ``bias_name`` and layer titles
    ``titles_px`` tall: ``values`` and ``biases`` (one sequence per layer) are those on screen; without them, or
    for a layer whose biases are all 0 (before the first step: "b 0" says little), sample numbers stand in."""
    font = font_for_digits(target_px)
    values = tuple(tuple(map(float, column)) for column in values)
    biases = tuple(tuple(map(float, column)) if np.any(column) else (SAMPLE_BIAS,) for column in biases)
    return TextNeeds(target_px, values, biases, bias_name, titles_px, badge_height(font), label_height(font))


def number_room(layout: NetworkLayout, width_px: float, height_px: float, needs: TextNeeds) -> float:
    """How large the numbers are drawn in ``layout`` fitted into a view of these pixels, as a share of their
    target size (1: whole): the smaller of values and bias labels, bare ones worth a little less."""
    x0, _, x1, _ = layout.bounds
    tops = [float(p[0, 1]) for p in layout.positions]
    lows = [float(p[-1, 1]) for p in layout.positions]
    d = float(layout.diameters.max())
    span = max(tops) - min(lows) + d
    ppu = width_px / (x1 - x0)
    for _ in range(2):  # the nodes' size on screen sets how far the badges reach out of them: settle it
        top, bottom = needs.pads(ppu * float(layout.diameters.min()) / 2)
        free = height_px - top - bottom
        if free <= 0 or width_px <= 0:
            return 0.0
        ppu = min(width_px / (x1 - x0), free / span)
    node_px = ppu * float(layout.diameters.min())
    gap = ppu * float(np.min(np.diff(layout.column_x))) if len(layout.column_x) > 1 else math.inf
    plan = plan_numbers(needs.target, *needs.numbers(layout.sizes), needs.bias_name, node_px, node_px * RING_FACTOR,
                        ppu * float(layout.spacing.min()), gap, bare=needs.bare)
    if not plan.values_shown or not plan.bias_side:
        return 0.0
    drawn = min(digit_height(plan.font), digit_height(plan.bias_font)) / round(needs.target)
    return min(1.0, drawn) * (1.0 if plan.bias_named else BARE_WORTH) * (1.0 if plan.bias_clear else INTO_RING_WORTH)


def best_layout(sizes, width_px: float, height_px: float, needs: TextNeeds) -> NetworkLayout:
    """The layout of ``sizes`` for a view ``width_px`` × ``height_px`` whose numbers get the most room;
    of equally good ones, the nearest to the view's own shape."""
    aspect = width_px / height_px
    layouts = [layout_network(sizes, aspect * stretch) for stretch in STRETCHES]
    rooms = [number_room(layout, width_px, height_px, needs) for layout in layouts]
    # (a hundredth of a digit's height is no reason to leave the view's shape)
    return next(l for l, room in zip(layouts, rooms) if room >= max(rooms) - 0.01)
