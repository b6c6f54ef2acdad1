"""Predict the next number: hide one quantity of a step, check the typed answer, keep a score.

A question asks for a unit's ``z``, ``a`` or ``δ`` or an edge's ``∂C/∂w`` or new ``w``
(bias included), chosen by kind and layer or at random from a seeded generator. The
answer is the engine's number, and the explanation is the same equation a worked example
prints, with the numbers filled in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlpviz.engine import MlpvizError, StepRecord
from mlpviz.engine.layers import weights_into
from mlpviz.i18n import msg

from . import equations as eq
from .answer import parse_answer, typed_precision
from .maths import Equation
from mlpviz.engine.unit_names import parameter_units, unit_name
from .render_text import equation_text, part_text

KINDS = ("z", "a", "delta", "grad", "new", "m", "v")
UNIT_KINDS = ("z", "a", "delta")
STATE_KINDS = ("m", "v")  # Adam's (and AdamW's) moments: asked only of a step that kept them
KIND_TITLES = {"z": msg("the net input z"), "a": msg("the activation a"), "delta": msg("δ = ∂C/∂z"),
               "grad": msg("the gradient ∂C/∂w"), "new": msg("the new value after the update"),
               "m": msg("Adam's first moment m (the running mean of ∂C/∂w)"),
               "v": msg("Adam's second moment v (the running mean of (∂C/∂w)²)")}


def kinds_for(record: StepRecord) -> tuple[str, ...]:
    """The quantities a question about ``record`` may ask for: m and v only when its optimizer kept them."""
    kept = record.state_after.names if record.state_after is not None else ()
    return tuple(k for k in KINDS if k not in STATE_KINDS or (k in kept and record.optimizer.name in ("adam", "adamw")))


@dataclass(frozen=True)
class Question:
    """One hidden quantity. Unit kinds: unit ``index`` of unit layer ``layer`` (1..L) for ``sample``;
    edge kinds: ``W[layer-1][row, index]`` into that layer (``row`` -1 is the bias).
    """

    kind: str
    layer: int
    index: int
    row: int
    sample: int
    name: str  # h1.2, or w(x1→h1.2) / b(h1.2)
    equation: Equation

    @property
    def answer(self) -> float:
        return self.equation.value

    @property
    def formula(self) -> str:
        """The equation with every number filled in, answer included."""
        return equation_text(self.equation)

    @property
    def symbol(self) -> str:
        """What is asked for, as written in the formula: ``δ_h1.2``, ``w'_h1.1→y1``."""
        return part_text(self.equation.parts[0])

    @property
    def hint(self) -> str:
        """The formula to use, in symbols: ``z_h1.2 = Σ_i x_i·w_i→h1.2 + b_h1.2``."""
        return " = ".join(part_text(p) for p in self.equation.parts[:2])

    @property
    def prompt(self) -> str:
        if self.kind in UNIT_KINDS:
            return str(msg("What is {quantity} of {name} (sample {sample})?", quantity=KIND_TITLES[self.kind],
                           name=self.name, sample=self.sample + 1))
        return str(msg("What is {quantity} of {name}?", quantity=KIND_TITLES[self.kind], name=self.name))


@dataclass(frozen=True)
class Verdict:
    right: bool
    given: float
    expected: float
    formula: str


def make_question(record: StepRecord, kind: str, layer: int, index: int, row: int = 0, sample: int = 0) -> Question:
    """The question about one quantity of ``record`` (see ``Question`` for the addressing)."""
    L = record.arch.layer_count
    if kind not in KINDS:
        raise MlpvizError(msg("unknown quantity {kind}; choose one of {items}", kind=repr(kind), items=', '.join(KINDS)))
    if kind in UNIT_KINDS:
        make = {"z": eq.net_input, "a": eq.activation, "delta": eq.delta}[kind]
        return Question(kind, layer, index, 0, sample, unit_name(layer, index, L), make(record, layer, index, sample))
    names = parameter_units(weights_into(layer), row, index, L)
    name = f"b({names[0]})" if row < 0 else f"w({names[0]}→{names[1]})"
    if kind in STATE_KINDS:
        if kind not in kinds_for(record):
            raise MlpvizError(msg("this step's optimizer ({name}) keeps no {kind}: m and v are asked of Adam and AdamW steps",
                                  name=record.optimizer.title, kind=kind))
        equation = eq.state_line(record, weights_into(layer), row, index, kind)
        return Question(kind, layer, index, row, sample, name, equation)
    make = eq.gradient if kind == "grad" else eq.update
    return Question(kind, layer, index, row, sample, name, make(record, weights_into(layer), row, index))


MIN_DIGITS = 2  # one digit only guesses the size of a number: it is judged by its relative error alone


def is_right(text: str, expected: float, relative: float) -> bool:
    """Whether ``text`` answers ``expected``: within ``relative``·|expected|, or ``expected`` rounded to the
    digits typed (``0.000439`` for 0.000438568, from ``MIN_DIGITS`` significant digits). No absolute floor:
    a small number is judged like a large one.
    """
    given = parse_answer(text)
    error = abs(given - expected)
    if error <= relative * abs(expected):
        return True
    digits, unit = typed_precision(text)
    return digits >= MIN_DIGITS and error <= unit / 2 * (1 + 1e-9)


class Quiz:
    """Asks questions about step records and keeps the score (asked, right) until ``reset_score``."""

    def __init__(self, relative: float = 0.01, seed: int | None = None) -> None:
        self.set_tolerance(relative)
        self.rng = np.random.default_rng(seed)
        self.asked = 0
        self.right = 0
        self.current: Question | None = None

    def set_tolerance(self, relative: float) -> None:
        """An answer is right within ``relative``·|answer|, or rounded right to its digits (see ``is_right``)."""
        if not (math.isfinite(relative) and relative >= 0):
            raise MlpvizError(msg("a tolerance must be a number of 0 or more, got {value}", value=relative))
        self.relative = float(relative)

    def ask(self, record: StepRecord, kind: str | None = None, layer: int | None = None, sample: int = 0) -> Question:
        """A new question from ``record``: ``kind`` and unit layer ``layer`` (1..L) as given, else at random."""
        L = record.arch.layer_count
        if layer is not None and not 1 <= layer <= L:
            raise MlpvizError(msg("layer {layer} is not in a network with layers 1 to {l}", layer=layer, l=L))
        kind = kind if kind is not None else str(self.rng.choice(kinds_for(record)))
        layer = layer if layer is not None else int(self.rng.integers(1, L + 1))
        index = int(self.rng.integers(record.arch.sizes[layer]))
        row = int(self.rng.integers(-1, record.arch.sizes[weights_into(layer)]))
        sample = min(max(sample, 0), record.batch_size - 1)
        self.current = make_question(record, kind, layer, index, row, sample)
        return self.current

    def withdraw(self) -> None:
        """Drop the waiting question (its network is gone); the score stays."""
        self.current = None

    def check(self, text: str) -> Verdict:
        """Judge ``text`` as the answer to the current question and count it; AnswerError (uncounted) for garbage."""
        if self.current is None:
            raise MlpvizError(msg("no question is waiting for an answer"))
        given = parse_answer(text)
        q = self.current
        right = bool(is_right(text, q.answer, self.relative))  # a Python bool for Qt signals
        self.asked += 1
        self.right += right
        self.current = None
        return Verdict(right, given, q.answer, q.formula)

    def reset_score(self) -> None:
        self.asked = self.right = 0

    def restore_score(self, asked: int, right: int) -> None:
        """The score a class had when the app was last closed (the view settings): counts of 0 or more, right ≤ asked."""
        self.asked = max(0, int(asked))
        self.right = min(max(0, int(right)), self.asked)
