"""Equations as TeX maths (for LaTeX and for Markdown's ``$…$``)."""

from __future__ import annotations

from .maths import Equation, Grad, Num, Op, Part, Sum, Var, Word, fmt

BASES = {"δ": r"\delta", "η": r"\eta", "μ": r"\mu", "λ": r"\lambda", "ŷ": r"\hat{y}", "f'": "f'",
         "β₁": r"\beta_1", "β₂": r"\beta_2", "β₁ᵗ": r"\beta_1^{t}", "β₂ᵗ": r"\beta_2^{t}", "ε": r"\varepsilon",
         "α": r"\alpha", "m̂": r"\hat{m}", "v̂": r"\hat{v}", "√v̂": r"\sqrt{\hat{v}}", "√s": r"\sqrt{s}",
         "√G": r"\sqrt{G}", "w̃": r"\tilde{w}"}
OPS = {"·": r"\cdot ", "−": "-", "…": r"\dots ", "²": "^{2}", ",": r",\,", "[": r"\bigl[", "]": r"\bigr]"}
WORDS = {"σ": r"\sigma", "tanh": r"\tanh", "log": r"\log ", "max": r"\max", "exp": r"\exp", "½": r"\tfrac{1}{2}",
         "if": r"\text{ if }", "else": r"\text{ else }"}


def _name(name: str) -> str:
    return name if len(name) == 1 else r"\mathrm{" + name + "}"


def var_tex(v: Var) -> str:
    base = BASES.get(v.base, v.base)
    if v.prime and v.base != "f'":
        base += "'"
    if v.names:
        base += "_{" + r"\to ".join(_name(n) for n in v.names) + "}"
    return base


def _word(text: str) -> str:
    if text in WORDS:
        return WORDS[text]
    if text.startswith("1/"):
        return r"\tfrac{1}{" + text[2:] + "}"
    if text.replace(".", "", 1).isdigit():
        return text
    return r"\text{" + text + "}"


def part_tex(part: Part) -> str:
    out = []
    for i, t in enumerate(part):
        if isinstance(t, Var):
            out.append(var_tex(t))
        elif isinstance(t, Grad):
            out.append(r"\frac{\partial C}{\partial " + var_tex(t.of) + "}")
        elif isinstance(t, Num):
            text = fmt(t.value)
            out.append(f"({text})" if i and text.startswith("-") else text)
        elif isinstance(t, Sum):
            out.append(r"\sum_{" + t.index + "} ")
        elif isinstance(t, Op):
            out.append(OPS.get(t.text, t.text))
        elif isinstance(t, Word):
            out.append(_word(t.text))
    return " ".join(out).replace(" ^{2}", "^{2}")


def equation_tex(eq: Equation) -> str:
    return " = ".join(part_tex(p) for p in eq.parts)
