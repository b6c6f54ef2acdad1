"""Reading a number a student typed: either decimal mark (``0,5`` or ``0.5``), garbage refused with a reason."""

from __future__ import annotations

import math
import re

from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg

# One way to match each number (no backtracking: 30,000 digits and an "x" are refused at once).
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_NUMBER_CHARS = 400  # a float needs at most 17 significant digits; longer text is not something typed
SHOWN_CHARS = 40  # how much of a refused input a message quotes


def shown_input(text: str) -> str:
    """What was typed, quoted for a message: ``'0.25'``, or its start and end around "…" when long."""
    text = str(text).strip()
    if len(text) > SHOWN_CHARS:
        text = f"{text[:SHOWN_CHARS - 12]}…{text[-8:]} ({len(text):,} characters)"
    return repr(text)


class AnswerError(MlpvizError):
    """The text is not a number (the message says what to type)."""


def _cleaned(text: str) -> str:
    return text.strip().replace("−", "-").replace(" ", "").replace("\u202f", "").replace("\u00a0", "")


def parse_answer(text: str) -> float:
    """``text`` as a float: ``0.25``, ``0,25``, ``-1.5e-3``, ``−0,5`` (a Unicode minus) all read.

    A number too large for a float is refused, and so is one too close to zero for it
    (``1e-400`` would silently be 0).
    """
    shown = shown_input(text)
    if len(text) > 4 * MAX_NUMBER_CHARS:  # before any work on it, spaces included
        raise AnswerError(msg("{shown} is too long to be a number; type it like 0.25, 0,25 or -1.5e-3", shown=shown))
    t = _cleaned(text)
    if not t:
        raise AnswerError(msg("type a number, such as 0.25 or 0,25"))
    if len(t) > MAX_NUMBER_CHARS:
        raise AnswerError(msg("{shown} is too long to be a number; type it like 0.25, 0,25 or -1.5e-3", shown=shown))
    if t.count(",") + t.count(".") > 1:
        raise AnswerError(msg("{shown} has more than one decimal mark; type it like 1234.5 or 1234,5", shown=shown))
    t = t.replace(",", ".")
    if not NUMBER.fullmatch(t):
        raise AnswerError(msg("{shown} is not a number; type it like 0.25, 0,25 or -1.5e-3", shown=shown))
    value = float(t)
    if not math.isfinite(value):
        raise AnswerError(msg("{shown} is too large", shown=shown))
    if value == 0.0 and any(c in "123456789" for c in t.partition("e")[0].partition("E")[0]):
        raise AnswerError(msg("{shown} is too close to zero to be kept (a float ends near 1e-308); type 0 if you mean zero", shown=shown))
    return value


def typed_precision(text: str) -> tuple[int, float]:
    """The significant digits of a number ``parse_answer`` reads, and the value of one unit in its last digit.

    ``0.000439`` → (3, 1e-6); ``0,44`` → (2, 0.01); ``4.39e-4`` → (3, 1e-6); ``0`` → (0, 1.0).
    """
    parse_answer(text)  # refuses garbage with its reason
    t = _cleaned(text).replace(",", ".").lstrip("+-")
    mantissa, _, exponent = t.lower().partition("e")
    whole, _, decimals = mantissa.partition(".")
    digits = (whole + decimals).lstrip("0")
    return len(digits), 10.0 ** (int(exponent or 0) - len(decimals))
