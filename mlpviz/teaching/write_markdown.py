"""A worked step as Markdown with ``$…$`` maths (renders on GitHub and in Jupyter)."""

from __future__ import annotations

from mlpviz.i18n import msg

from .render_tex import equation_tex
from .worked_step import Heading, Maths, Text, WorkedStep


ROUNDED = msg("Numbers are the engine's float64 values rounded to 9 significant digits.")


def markdown(doc: WorkedStep) -> str:
    lines = [f"# {doc.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Text):
            lines += [block.text, ""]
        elif isinstance(block, Maths):
            lines += [f"${equation_tex(block.equation)}$", ""]
    lines.append(str(ROUNDED))
    return "\n".join(lines) + "\n"
