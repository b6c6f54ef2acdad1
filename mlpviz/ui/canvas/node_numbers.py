"""How big the numbers on the network are, how they are written and where the bias labels go.

Node values and bias labels are sized by the height of their digits on screen, read from the
back row of a classroom: ``DIGIT_PX`` at the normal text size, ``PRESENTATION_DIGIT_PX`` at
least in presentation mode, times the text size (Ctrl+= / Ctrl+-). A number is written as
short as its room needs (3 significant digits, then 2) and drawn on a badge of its node's colour
when it is wider than the node, so it never spills; a bias label goes under its node when the
column has the height for it, else left of the node.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetricsF

from ..text_size import PRESENTATION_START
from .hover_text import fmt_value

DIGIT_PX = 16.0  # the digits' height at the normal text size (a 1024×768 projector, read from the back)
PRESENTATION_DIGIT_PX = 24.0  # at least this in presentation mode
DIGITS = "0123456789"
BADGE_PAD = (3.0, 1.0)  # pixels around a number on its badge, sideways and up/down
GAP_PX = 2.0  # between a number's badge and its bias label
LABEL_PAD_PX = 1.0  # above and below a bias label's digits
LABEL_PAD = (1.0, LABEL_PAD_PX)  # a bias label's box around its text: it keeps the label readable over the edges


_MEASURED_MAX = 20000  # the measurements kept (fonts and texts seen); past that they are measured afresh
_heights: dict[str, float] = {}
_fonts: dict[tuple, QFont] = {}
_widths: dict[tuple[str, str], float] = {}


def _kept(cache: dict, key, value):
    if len(cache) >= _MEASURED_MAX:
        cache.clear()
    cache[key] = value
    return value


def digit_height(font: QFont, key: str = "") -> float:
    """How many pixels tall the digits of ``font`` (whose ``key()`` is ``key``, when the caller has it) are on
    screen (what a reader sees, not the line height). Remembered per font: every picture asks many times."""
    key = key or font.key()
    height = _heights.get(key)
    if height is None:
        height = _kept(_heights, key, QFontMetricsF(font).tightBoundingRect(DIGITS).height())
    return height


def font_for_digits(px: float, stretch: int = QFont.SemiCondensed) -> QFont:
    """A semi-condensed (or ``stretch``) font whose digits are at least ``px`` pixels tall (to the pixel).
    Remembered per size, stretch and application font (the search measures up to ten fonts)."""
    key = (px, stretch, QFont().key())
    font = _fonts.get(key)
    if font is None:
        font = _kept(_fonts, key, _font_for_digits(px, stretch))
    return QFont(font)


def _font_for_digits(px: float, stretch: int) -> QFont:
    font = QFont()
    font.setStretch(stretch)
    font.setPointSizeF(100.0)
    per_point = digit_height(font) / 100.0
    points = max(4.0, px / per_point) if per_point > 0 else px
    font.setPointSizeF(points)
    for _ in range(8):  # glyphs snap to whole pixels: step up until they are as tall as asked
        if digit_height(font) >= round(px) - 1e-6:
            break
        points *= 1.02
        font.setPointSizeF(points)
    return font


def digit_target(text_scale: float, presenting: bool) -> float:
    """The digits' height for the app's text size: 16 px × the size; presenting, 24 px at its starting 2× size."""
    return PRESENTATION_DIGIT_PX * text_scale / PRESENTATION_START if presenting else DIGIT_PX * text_scale


def fmt_number(v: float, digits: int | None = None) -> str:
    """A number for a node: the long form (``fmt_value``: ``0.452``, ``-1.27``, ``3.1e-4``, ``-0.0060``) when
    ``digits`` is None, else ``digits`` significant digits written short: ``0.35``, ``-12``, ``-4.9e-4``, its zeros kept
    (``-0.010``, ``0.0040``: "-0.01" looked like one digit's worth)."""
    if not math.isfinite(v) or v == 0:
        return fmt_value(v)
    if digits is None:  # the long form, its exponent and zeros as the short forms write them: one look on every screen
        text = fmt_value(v)
        return _short_exponent(text) if "e" in text else f"{v:#.2g}" if abs(v) < 0.01 else text
    if abs(v) < 0.001 or abs(v) >= 10 ** digits:
        return _short_exponent(f"{v:.{digits - 1}e}")
    return f"{v:#.{digits}g}".rstrip(".")


def _short_exponent(text: str) -> str:
    """``-4.9e-04`` as ``-4.9e-4``: two characters less in a row of numbers."""
    mantissa, exponent = text.split("e")
    return f"{mantissa}e{int(exponent)}"


MIN_DIGIT_PX = 7.0  # smaller than this, the numbers are left to the tooltips
BALANCE_TRIES = 5  # value sizes tried, a step smaller each, while the bias labels come out smaller than the values


@dataclass(frozen=True)
class NumberPlan:
    """How one frame's numbers are drawn: node values in ``font`` with ``digits`` (None: the long form) on
    badges ``badge_h`` tall and, per layer, up to ``column_badges`` wide; bias labels in ``bias_font`` with
    ``bias_digits``, under their node (``bias_side`` "below"), left of it ("left") or not drawn (""), each named
    ("b′ 0.42") or, left of the nodes when named ones are too wide, bare under one name per column
    (``bias_named``); ``bias_clear`` is False when, under their nodes, they reach into the next row's ring (no
    other place had room for digits as tall). ``values_shown`` is False when not even a small font fits the rows."""

    font: QFont
    digits: int | None
    column_badges: tuple[float, ...]
    badge_h: float
    bias_font: QFont
    bias_digits: int | None
    bias_side: str
    values_shown: bool
    bias_named: bool = True
    bias_clear: bool = True

    def badge_of(self, column: int) -> float:
        """The widest value badge of layer ``column`` (0 when it has none: its values not drawn)."""
        return self.column_badges[column] if -len(self.column_badges) <= column < len(self.column_badges) else 0.0

    def left_of_node(self, column: int, ring_px: float) -> float:
        """How far left of its node's centre a bias label of layer ``column`` ends: past the wider of the node's
        ring and its layer's value badges, a quarter digit clear (``side_gap``)."""
        return max(self.badge_of(column), ring_px) / 2 + side_gap(self.bias_font)

    def text(self, value: float) -> str:
        return fmt_number(value, self.digits)

    def bias_text(self, name: str, value: float) -> str:
        number = fmt_number(value, self.bias_digits)
        return f"{name} {number}" if self.bias_named else number


def side_gap(font: QFont, key: str = "") -> float:
    """Between a bias label left of its node and the node's badge: a quarter of the label's digits' height, so
    that "2.5e-4" and the value "-0.999" beside it never read as one number (``key``: as ``digit_height``)."""
    return max(GAP_PX, 0.25 * digit_height(font, key))


def label_height(font: QFont, key: str = "") -> float:
    """A bias label's box: its digits and a pixel above and below (a box of the page's colour that keeps it
    readable over the edges, not a badge: eight rows of value and bias label fit 3 px tighter each)."""
    return digit_height(font, key) + 2 * LABEL_PAD_PX


def badge_height(font: QFont) -> float:
    """A number's badge: its digits and a little air above and below (numbers have no descenders)."""
    h = digit_height(font)
    return h + 2 * max(BADGE_PAD[1], 0.15 * h)


def fits_under(badge_h: float, label_h: float, ring_px: float, spacing_px: float) -> bool:
    """Whether a bias label ``label_h`` tall fits under its node's value badge, above the next row's badge and two
    gaps clear of its ring (2-8-1 at 1024×768: "b 0" sat 3 px into the next node's ring, rows 46 px apart)."""
    return badge_h / 2 + GAP_PX + label_h + max(badge_h / 2, ring_px / 2 + 2 * GAP_PX) <= spacing_px


def _texts(texts) -> tuple[str, ...]:
    """``texts`` once each, longest first (the likeliest widest, for ``_widest``'s early answer)."""
    return tuple(sorted(set(texts), key=len, reverse=True))


@lru_cache(maxsize=1024)
def _written(numbers: tuple[float, ...], digits: int | None, prefix: str = "") -> tuple[str, ...]:
    """``numbers`` as drawn with ``digits`` (``fmt_number``) after ``prefix``, as ``_texts`` (a layout's choice
    plans the same numbers for a dozen shapes)."""
    return _texts(f"{prefix}{fmt_number(v, digits)}" for v in numbers)


def _widest(font: QFont, texts: tuple[str, ...], limit: float = math.inf, pad: float = BADGE_PAD[0],
            key: str = "") -> float:
    """The widest of ``texts`` in ``font`` (whose ``key()`` is ``key``, when the caller has it) with its box's
    sides (``pad`` each); or, as soon as one is wider than ``limit``, that one's (all the caller asks then is
    whether they fit). Each width is measured once per font."""
    key, fm, widest = key or font.key(), None, 0.0
    for text in texts:
        width = _widths.get((key, text))
        if width is None:
            fm = fm or QFontMetricsF(font)
            width = _kept(_widths, (key, text), fm.horizontalAdvance(text))
        if width + 2 * pad > limit:
            return width + 2 * pad
        widest = max(widest, width)
    return widest + 2 * pad


def _facing(badges) -> float:
    """How much of the gap between two neighbouring columns their value badges take at most (half of each)."""
    return max(((a + b) / 2 for a, b in zip(badges, badges[1:])), default=max(badges, default=0.0))


def _fit_values(target_px: float, columns, spacing_px: float, gap_px: float, forms=(None, 3)):
    """(font, digits, each column's badge width, badge height) of the values ``columns`` (one sequence per layer):
    the largest font up to ``target_px`` whose badges fit a row and the gap between columns (all of it when a bias
    label fits under each value, else half, the rest for the labels beside them; a narrow column leaves its
    neighbour's badges more), written long, else with 3 significant digits (``forms``), else narrower."""
    px = target_px
    numbers = [tuple(map(float, column)) for column in columns]
    while True:
        for stretch in (QFont.SemiCondensed, QFont.Condensed):  # narrower letters before fewer digits
            font = font_for_digits(px, stretch)
            h = badge_height(font)
            if h > 0.95 * spacing_px:  # too tall for a row: however narrow its numbers
                continue
            room = gap_px - 2 * GAP_PX if h + label_height(font) + GAP_PX <= spacing_px else 0.5 * gap_px
            for digits in forms:
                badges = tuple(_widest(font, _written(column, digits)) if column else 0.0 for column in numbers)
                if _facing(badges) <= room:
                    return font, digits, badges, h
        if px * 0.9 < MIN_DIGIT_PX:
            return None
        px *= 0.9


def plan_numbers(target_px: float, values, biases, bias_name: str, node_px: float, ring_px: float,
                 spacing_px: float, gap_px: float, bare: bool = True) -> NumberPlan:
    """The largest fonts up to digits ``target_px`` tall, and the longest number forms, that fit the network.

    ``values``: the numbers on the nodes, one sequence per layer (inputs first; empty: not drawn); ``biases``:
    one per layer after the inputs. ``spacing_px``: between neighbouring units of a column; ``gap_px``: between
    columns. A value's badge must fit its row and leave half the gap; a bias label goes under the value, clear of
    the next row's ring (``fits_under``), else left of its node before the column on the left (as wide as that
    layer's and the previous one's badges leave), in the largest font that fits there; there, when named ones
    are too wide for a size, bare (``bare``) with their name once under the column; else under the value,
    into the next row's ring (``bias_clear`` False), rather than in smaller digits. When the bias labels come
    out smaller than the values, values a little smaller may leave them more room: the plan whose smaller
    numbers are largest wins (of equals, the one with the larger values).
    """
    best, px = None, target_px
    for _ in range(BALANCE_TRIES):
        fitted = _fit_values(px, values, spacing_px, gap_px)
        if fitted is None:
            break
        plan = _place_biases(fitted, biases, bias_name, ring_px, spacing_px, gap_px, bare)
        drawn = min(digit_height(plan.font), digit_height(plan.bias_font) if plan.bias_side else 0.0)
        if best is None or drawn > best[0]:
            best = (drawn, plan)
        if not plan.bias_side or digit_height(plan.bias_font) >= digit_height(plan.font):
            break
        px = digit_height(plan.font) * 0.96
    return best[1] if best else NumberPlan(QFont(), None, (), 0.0, QFont(), None, "", False)


def _place_biases(fitted, biases, bias_name: str, ring_px: float, spacing_px: float, gap_px: float,
                  bare: bool) -> NumberPlan:
    """The plan for values drawn as ``fitted`` (``_fit_values``): the bias labels in the largest font up to the
    values' that fits under them or left of the nodes (see ``plan_numbers``)."""
    font, digits, badges, h = fitted
    facing, px = _facing(badges), digit_height(font)
    layers = [tuple(map(float, column)) for column in biases]
    every = tuple(b for column in layers for b in column)
    named = {d: _written(every, d, f"{bias_name} ") for d in (None, 3, 2)}
    beside = [max(left, ring_px) / 2 + max(right, ring_px) / 2 for left, right in zip(badges, badges[1:])]

    def fit_left(bias_font, key: str, apart: float, prefix: str, d) -> bool:
        """Whether each layer's labels fit between its nodes and the badges of the layer before, ``apart`` from
        both (the layout's choice asks this thousands of times: the font's key is passed along)."""
        return all(_widest(bias_font, _written(column, d, prefix), room, LABEL_PAD[0], key) <= room
                   for column, room in zip(layers, (apart - taken for taken in beside)) if column)

    def fit_under(bias_font, key: str, apart: float, label_px: float, d, clear: bool) -> bool:
        """Whether the labels fit under the values (``clear``: and clear of the next row's ring), ``apart``: half a
        digit apart under neighbouring columns' nodes."""
        rows = fits_under(h, label_px, ring_px, spacing_px) if clear else h + GAP_PX + label_px <= spacing_px
        return (rows and facing <= gap_px - 2 * GAP_PX
                and _widest(bias_font, named[d], apart, LABEL_PAD[0], key) <= apart)

    while px >= MIN_DIGIT_PX:
        fonts = []
        for stretch in (QFont.SemiCondensed, QFont.Condensed):
            bias_font = font_for_digits(px, stretch)
            key = bias_font.key()  # (apart: labels under or beside neighbouring columns' nodes, half a digit)
            fonts.append((bias_font, key, gap_px - 2 * side_gap(bias_font, key), label_height(bias_font, key)))
        for bias_font, key, apart, label_px in fonts:
            for bias_digits in (None, 3, 2):
                if fit_under(bias_font, key, apart, label_px, bias_digits, clear=True):
                    return NumberPlan(font, digits, badges, h, bias_font, bias_digits, "below", True)
                if fit_left(bias_font, key, apart, f"{bias_name} ", bias_digits):
                    return NumberPlan(font, digits, badges, h, bias_font, bias_digits, "left", True)
        for bias_font, key, apart, _label_px in fonts if bare else ():  # bare numbers, named once per column, before
            for bias_digits in (None, 3, 2):  # smaller digits (12 rows beside a projector's panels)
                if fit_left(bias_font, key, apart, "", bias_digits):
                    return NumberPlan(font, digits, badges, h, bias_font, bias_digits, "left", True, False)
        for bias_font, key, apart, label_px in fonts:  # the last resort at this size: into the next row's ring
            for bias_digits in (None, 3, 2):
                if fit_under(bias_font, key, apart, label_px, bias_digits, clear=False):
                    return NumberPlan(font, digits, badges, h, bias_font, bias_digits, "below", True, bias_clear=False)
        px *= 0.96
    return NumberPlan(font, digits, badges, h, font, digits, "", True)
