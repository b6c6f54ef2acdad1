"""A worked step as a standalone LaTeX document (pdflatex, base packages only; in Chinese xelatex with ctex).

Each equation is inline maths in its own paragraph, so TeX can break a long sum across lines.
"""

from __future__ import annotations

from mlpviz import i18n

from .render_tex import equation_tex
from .write_markdown import ROUNDED
from .worked_step import Heading, Maths, Text, WorkedStep

SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
           "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
UNICODE = {"Σ": r"$\Sigma$", "δ": r"$\delta$", "η": r"$\eta$", "μ": r"$\mu$", "λ": r"$\lambda$",
           "ŷ": r"$\hat{y}$", "∂": r"$\partial$", "·": r"$\cdot$", "−": r"$-$", "′": r"$'$", "…": r"\dots{}",
           "→": r"$\to$"}
PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
""" + r"""\usepackage{amsmath}
\usepackage[margin=2cm]{geometry}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6ex}
"""


def tex_text(text: str) -> str:
    """Prose for LaTeX: special characters escaped, the few Greek letters and symbols as maths."""
    return "".join(SPECIAL.get(c, UNICODE.get(c, c)) for c in text)


CHINESE_PREAMBLE = r"""% Chinese text: compile with xelatex; needs the ctex package (TeX Live: texlive-lang-chinese)
% and a CJK font such as Noto CJK or Fandol.
\documentclass[11pt]{ctexart}
""" + PREAMBLE.split("\n", 3)[3]


def latex(doc: WorkedStep) -> str:
    out = [CHINESE_PREAMBLE if i18n.language() == i18n.CHINESE else PREAMBLE, r"\title{" + tex_text(doc.title) + "}", r"\date{}", r"\begin{document}", r"\maketitle", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(("\\section*{" if block.level <= 2 else "\\subsection*{") + tex_text(block.text) + "}")
        elif isinstance(block, Text):
            out += [tex_text(block.text), ""]
        elif isinstance(block, Maths):
            out += [f"${equation_tex(block.equation)}$", ""]
    out += [tex_text(str(ROUNDED)), "", r"\end{document}"]
    return "\n".join(out) + "\n"
