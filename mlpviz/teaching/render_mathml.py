"""Equations as MathML (HTML that needs no network); every number keeps its exact value in ``title``."""

from __future__ import annotations

from html import escape

from .maths import Equation, Grad, Num, Op, Part, Sum, Var, Word, fmt

WORDS = {"½": "<mfrac><mn>1</mn><mn>2</mn></mfrac>"}


def _mi(text: str) -> str:
    variant = "" if len(text) == 1 else ' mathvariant="normal"'
    return f"<mi{variant}>{escape(text)}</mi>"


def var_mathml(v: Var) -> str:
    base = "f" if v.base == "f'" else v.base
    prime = v.prime or v.base == "f'"
    core = f"<mi>{escape(base)}</mi>"
    if not v.names:
        return f"<msup>{core}<mo>′</mo></msup>" if prime else core
    sub = "<mo>→</mo>".join(_mi(n) for n in v.names)
    if prime:
        return f"<msubsup>{core}<mrow>{sub}</mrow><mo>′</mo></msubsup>"
    return f"<msub>{core}<mrow>{sub}</mrow></msub>"


def num_mathml(value: float, parenthesise: bool) -> str:
    text = fmt(value)
    mn = f'<mn title="{float(value)!r}">{escape(text.replace("-", "−"))}</mn>'
    return f"<mo>(</mo>{mn}<mo>)</mo>" if parenthesise and text.startswith("-") else mn


def _word(text: str) -> str:
    if text in WORDS:
        return WORDS[text]
    if text.startswith("1/"):
        return f"<mfrac><mn>1</mn><mn>{escape(text[2:])}</mn></mfrac>"
    if text.replace(".", "", 1).isdigit():
        return f"<mn>{text}</mn>"
    if text in ("if", "else"):
        return f"<mtext>\u00a0{text}\u00a0</mtext>"
    if text.startswith("("):
        return f"<mtext>{escape(text)}</mtext>"
    return f"<mi>{escape(text)}</mi>"


def part_mathml(part: Part) -> str:
    out = []
    for i, t in enumerate(part):
        if isinstance(t, Var):
            out.append(var_mathml(t))
        elif isinstance(t, Grad):
            out.append(f"<mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo>{var_mathml(t.of)}</mrow></mfrac>")
        elif isinstance(t, Num):
            out.append(num_mathml(t.value, i > 0))
        elif isinstance(t, Sum):
            out.append(f"<munder><mo>∑</mo><mi>{escape(t.index)}</mi></munder>")
        elif isinstance(t, Op):
            if t.text == "²":
                out.append("<msup><mrow></mrow><mn>2</mn></msup>")
            else:
                out.append(f"<mo>{escape(t.text)}</mo>")
        elif isinstance(t, Word):
            out.append(_word(t.text))
    return "".join(out)


def equation_mathml(eq: Equation) -> str:
    body = "<mo>=</mo>".join(f"<mrow>{part_mathml(p)}</mrow>" for p in eq.parts)
    return f'<math display="block"><mrow>{body}</mrow></math>'
