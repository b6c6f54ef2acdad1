"""Formulas as small token sequences, so one derivation prints as plain text, TeX or MathML.

An ``Equation`` is a chain ``part = part = …``; each part is a tuple of tokens. Numbers are
``Num`` tokens holding the engine's float, so a writer can round it for reading and
still give the exact value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from mlpviz.i18n import msg, msg_in


@dataclass(frozen=True)
class Var:
    """A symbol such as ``z`` with the unit it belongs to: ``Var("z", ("h1.2",))``; two names make an edge."""

    base: str  # x, y, z, a, δ, w, b, ŷ, C, η, μ, λ, v, f'
    names: tuple[str, ...] = ()
    prime: bool = False


@dataclass(frozen=True)
class Grad:
    """``∂C/∂var``."""

    of: Var


@dataclass(frozen=True)
class Num:
    """A number from the engine, printed with 9 significant digits (as published worked examples are)."""

    value: float


@dataclass(frozen=True)
class Op:
    """An operator or bracket: ``+ − · / ( ) …``."""

    text: str


@dataclass(frozen=True)
class Word:
    """A function name or constant written upright: ``σ``, ``tanh``, ``log``, ``max``, ``½``, ``Σ``, ``mean``."""

    text: str


@dataclass(frozen=True)
class Sum:
    """``Σ`` over ``index`` (written under or beside the sign)."""

    index: str


Token = Var | Grad | Num | Op | Word | Sum
Part = tuple[Token, ...]


@dataclass(frozen=True)
class Equation:
    """``parts[0] = parts[1] = …``: usually the symbol, the formula, the numbers, the result."""

    parts: tuple[Part, ...]

    @property
    def value(self) -> float:
        """The result: the last part when it is a single number."""
        last = self.parts[-1]
        if len(last) != 1 or not isinstance(last[0], Num):
            raise ValueError(msg("this equation does not end in a number"))
        return last[0].value

    def numbers(self) -> list[float]:
        return [t.value for part in self.parts for t in part if isinstance(t, Num)]


def fmt(value: float) -> str:
    """9 significant digits, no ``-0``: how every number of a worked example is printed."""
    return f"{float(value) + 0.0:.9g}"


def joined(parts: list[Part], sep: str = "+") -> Part:
    """``parts`` joined with the operator ``sep``."""
    out: list[Token] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Op(sep))
        out.extend(part)
    return tuple(out)


def capped(parts: list[Part], limit: int, sep: str = "+") -> Part:
    """Like ``joined``, writing at most ``limit`` parts and then ``… (n more)``."""
    if len(parts) <= limit:
        return joined(parts, sep)
    return joined(parts[:limit], sep) + (Op(sep), Op("…"), Word(str(msg("({more} more)", more=len(parts) - limit))))


FORMULA_WORDS = {"if": msg_in("formula", "if"), "else": msg_in("formula", "else")}  # "1 if z > 0 else 0"
_FORMULA_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+|\S")


def formula(text: str, symbols: Mapping[str, "Token"]) -> Part:
    """An engine formula such as ``a·(1 − a)`` as tokens, each name in ``symbols`` replaced by its
    token (a ``Var`` to write it in symbols, a ``Num`` to write it with the numbers)."""
    out: list[Token] = []
    for text_token in _FORMULA_TOKEN.findall(text):
        if text_token in symbols:
            out.append(symbols[text_token])
        elif text_token[0].isascii() and text_token[0].isalnum():
            out.append(Word(str(FORMULA_WORDS.get(text_token, text_token))))
        else:
            out.append(Op(text_token))
    return tuple(out)
