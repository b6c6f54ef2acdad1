"""Reading a number a student typed: either decimal mark (``0,5`` or ``0.5``), garbage refused with a reason."""

from __future__ import annotations

import math
import re

from mlpviz.engine import MlpvizError

NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class AnswerError(MlpvizError):
    """The text is not a number (the message says what to type)."""


def parse_answer(text: str) -> float:
    """``text`` as a float: ``0.25``, ``0,25``, ``-1.5e-3``, ``−0,5`` (a Unicode minus) all read."""
    t = text.strip().replace("−", "-").replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if not t:
        raise AnswerError("type a number, such as 0.25 or 0,25")
    if t.count(",") + t.count(".") > 1:
        raise AnswerError(f"{text.strip()!r} has more than one decimal mark; type it like 1234.5 or 1234,5")
    t = t.replace(",", ".")
    if not NUMBER.fullmatch(t):
        raise AnswerError(f"{text.strip()!r} is not a number; type it like 0.25, 0,25 or -1.5e-3")
    value = float(t)
    if not math.isfinite(value):
        raise AnswerError(f"{text.strip()!r} is too large")
    return value
