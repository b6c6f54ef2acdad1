"""A worked step as one offline HTML page: MathML maths, no scripts, fonts or links to fetch.

Numbers are rounded for reading; each number's exact value is its tooltip, and the
"exact values" line under each formula opens to list them.
"""

from __future__ import annotations

from html import escape

from mlpviz import i18n

from .maths import fmt
from .render_mathml import equation_mathml
from .worked_step import Heading, Maths, Text, WorkedStep

STYLE = """body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
div.formula { overflow-x: auto; overflow-y: hidden; padding: 0.3em 0; }
math[display="block"] { margin: 0.1em 0; text-align: left; display: block; }
details { font-size: 0.85em; color: #555; margin: 0 0 0.8em 1em; }
details code { white-space: pre-wrap; }"""

EXACT = i18n.msg("exact values")


def html(doc: WorkedStep) -> str:
    out = ["<!DOCTYPE html>", f'<html lang="{i18n.language().replace("_", "-")}">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(doc.title)}</title>", f"<style>\n{STYLE}\n</style>", "</head>", "<body>",
           f"<h1>{escape(doc.title)}</h1>",
           "<p>" + escape(str(i18n.msg("Numbers are the engine's float64 values rounded to 9 significant digits. "
                                       "Hover a number, or open “exact values” under a formula, for the full value.")))
           + "</p>"]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Text):
            out.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, Maths):
            exact = "  ".join(f"{fmt(v)} = {float(v)!r}" for v in dict.fromkeys(block.equation.numbers()))
            # a long formula scrolls sideways in its own box; only sideways: overflow-x alone would make
            # overflow-y auto too, and Chromium then gives every formula a scrollbar for its subscripts' ink
            out.append(f'<div class="formula">{equation_mathml(block.equation)}</div>')
            out.append(f"<details><summary>{escape(str(EXACT))}</summary><code>{escape(exact)}</code></details>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
