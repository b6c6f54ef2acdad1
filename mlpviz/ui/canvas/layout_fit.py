"""Which layout of a small network gives its numbers the most room in a view: rows apart or columns apart.

``layout_network`` fills a view's shape with readable edge angles first; on a small canvas (a
1024×768 projector with its side panels) that leaves rows too close for a value and its bias
label under it, and columns too close for a bias label beside it. Here a few stretches of the
view's shape are tried and the one whose pixels fit the numbers at the largest size wins; a
stretch that fits them whole as well as the natural shape does never replaces it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QFont

from .layout import NetworkLayout, layout_network
from .node_numbers import GAP_PX, _texts, _widest, badge_height, font_for_digits, fmt_number

STRETCHES = (1.0, 0.85, 1.2, 0.7, 1.4, 0.6, 0.5, 2.0, 0.35, 2.8)  # the view's shape times these; nearest first
SAMPLE_VALUE = -0.888  # a number as wide as most, before a step gives the real ones
SLACK_PX = 1.0  # per row and column: the layout is chosen before the numbers' exact widths are known


@dataclass(frozen=True)
class TextNeeds:
    """Pixels a small network's numbers need at their target size: between rows and between columns with
    the bias label under the value (``*_below``) or left of the node (``*_left``); the layer titles above
    the top node, and a value's badge (``badge``), which reaches out of a node smaller than it."""

    row_below: float
    gap_below: float
    row_left: float
    gap_left: float
    titles: float
    badge: float

    def pads(self, radius_px: float) -> tuple[float, float]:
        """Pixels above the top node's edge and under the lowest's, for nodes ``radius_px`` in radius (as
        ``CanvasLabels._text_pads_px``: the titles, and a bias label under its value's badge)."""
        top = self.titles + max(0.0, self.badge / 2 - radius_px)
        bottom = max(0.0, self.badge / 2 + GAP_PX + self.badge + GAP_PX - radius_px)
        return top, bottom


def text_needs(target_px: float, bias_name: str, titles_px: float, values=(), biases=()) -> TextNeeds:
    """What the numbers need with digits ``target_px`` tall, bias labels named ``bias_name`` and layer titles
    ``titles_px`` tall: ``values`` and ``biases`` (those on screen) written as short as they are when room is short
    (3 significant digits, bias labels 2), never more than a sample number (before any step, the sample's)."""
    font = font_for_digits(target_px, QFont.SemiCondensed)
    h = badge_height(font)
    # no wider than the sample: wider numbers shrink their font a little (node_numbers), but a layout fitted to
    # them squashed the rows of every other network; narrower ones (the 2-2-2 example's) get their room
    value = _widest(font, _texts([fmt_number(SAMPLE_VALUE, 3)]))
    bias = _widest(font, _texts([f"{bias_name} {fmt_number(SAMPLE_VALUE, 3)}"]))
    if len(values):
        value = min(value, _widest(font, _texts(fmt_number(float(v), 3) for v in values)))
    if len(biases):
        bias = min(bias, _widest(font, _texts(f"{bias_name} {fmt_number(float(b), 2)}" for b in biases)))
    return TextNeeds(row_below=2 * h + GAP_PX + SLACK_PX, gap_below=max(value, bias) + 2 * GAP_PX + SLACK_PX,
                     row_left=h + GAP_PX + SLACK_PX, gap_left=value + bias + 2 * GAP_PX + SLACK_PX,
                     titles=titles_px, badge=h)


def number_room(layout: NetworkLayout, width_px: float, height_px: float, needs: TextNeeds) -> float:
    """How large the numbers can be in ``layout`` fitted into a view of these pixels, as a share of their
    target size (1: whole), the better of bias labels under the values or beside the nodes."""
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
    tall = [s for n, s in zip(layout.sizes, layout.spacing) if n > 1]
    row = ppu * min(tall) if tall else math.inf
    gap = ppu * float(np.min(np.diff(layout.column_x))) if len(layout.column_x) > 1 else math.inf
    below = min(row / needs.row_below, gap / needs.gap_below)
    left = min(row / needs.row_left, gap / needs.gap_left)
    return min(1.0, max(below, left))


def best_layout(sizes, width_px: float, height_px: float, needs: TextNeeds) -> NetworkLayout:
    """The layout of ``sizes`` for a view ``width_px`` × ``height_px`` whose numbers get the most room;
    of equally good ones, the nearest to the view's own shape."""
    aspect = width_px / height_px
    layouts = [layout_network(sizes, aspect * stretch) for stretch in STRETCHES]
    rooms = [number_room(layout, width_px, height_px, needs) for layout in layouts]
    # (a hundredth of a digit's height is no reason to leave the view's shape)
    return next(l for l, room in zip(layouts, rooms) if room >= max(rooms) - 0.01)
