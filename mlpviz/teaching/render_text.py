"""Equations as one line of plain Unicode text (the quiz, tooltips, terminals)."""

from __future__ import annotations

from .maths import FORMULA_WORDS, Equation, Grad, Num, Op, Part, Sum, Var, Word, fmt

SPACED = {"+", "−", ",", ">"}
SPACED_WORDS = {"if", "else"}


def var_text(v: Var) -> str:
    prime = "'" if v.prime and v.base != "f'" else ""
    sub = "_" + "→".join(v.names) if v.names else ""
    return f"{v.base}{prime}{sub}"


def part_text(part: Part) -> str:
    out = []
    for i, t in enumerate(part):
        if isinstance(t, Var):
            out.append(var_text(t))
        elif isinstance(t, Grad):
            out.append(f"∂C/∂{var_text(t.of)}")
        elif isinstance(t, Num):
            text = fmt(t.value)
            out.append(f"({text})" if i and text.startswith("-") else text)
        elif isinstance(t, Sum):
            out.append(f"Σ_{t.index} ")
        elif isinstance(t, Op):
            if t.text == ",":
                out.append(", ")
            elif t.text in SPACED and i:
                out.append(f" {t.text} ")
            else:
                out.append(t.text)
        elif isinstance(t, Word):
            nxt = part[i + 1] if i + 1 < len(part) else None
            if t.text in SPACED_WORDS or t.text in {str(w) for w in FORMULA_WORDS.values()}:  # 若, 否则
                out.append(f" {t.text} ")
            else:
                out.append(t.text + (" " if t.text in ("log", "mean") and not isinstance(nxt, Op) else ""))
    return "".join(out)


def equation_text(eq: Equation) -> str:
    """``z_h1.1 = Σ_i x_i·w_i→h1.1 + b_h1.1 = 0.05·0.15 + … = 0.3775``."""
    return " = ".join(part_text(p) for p in eq.parts)
