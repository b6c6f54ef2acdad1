"""The report of a check: one row per quantity (yours beside mlpviz's), the verdict, diagnoses and conventions.

Readable as text (the terminal, ``print(report)``), as an HTML table (Jupyter's
``_repr_html_``) and as the JSON autograders read (``to_json``); the exit status is
0 agrees, 1 differs, 2 could not run.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from mlpviz.i18n import msg

AGREES, DIFFERS, COULD_NOT_RUN = "agrees", "differs", "could not run"
EXIT_CODES = {AGREES: 0, DIFFERS: 1, COULD_NOT_RUN: 2}
FOLLOWS = "follows"  # a row that differs as an earlier mistake makes it differ
ROW_STATUS_TEXT = {AGREES: msg("agrees"), DIFFERS: msg("DIFFERS"), FOLLOWS: msg("follows")}  # words of a row
VERDICT_TEXT = {AGREES: msg("agrees"), DIFFERS: msg("differs"), COULD_NOT_RUN: msg("could not run")}  # (JSON: English)


@dataclass(frozen=True)
class Mark:
    """A place on the canvas where the learner's numbers differ: a unit (``row`` None) or the edge row → unit."""

    layer: int  # unit layer of the unit (1..L), or the edge's target unit layer
    unit: int
    row: int | None = None  # source unit (0-based) of an edge into ``layer``; None for the unit itself


@dataclass(frozen=True)
class Row:
    """One quantity of one step, e.g. δ of h1: the worst element's numbers, yours and mlpviz's."""

    step: int
    quantity: str
    layer: int | None
    title: str
    status: str
    name: str | None = None  # the element, named as mlpviz names it (``δ of h1.2``)
    unit: str | None = None  # the JSON's unit (``h1.2``, ``w(x1→h1.2)``)
    sample: int | None = None  # 0-based sample of a per-sample quantity
    index: tuple[int, ...] = ()  # the element: (sample, unit), (row, col) of W, (unit,) of b
    yours: float | None = None
    expected: float | None = None
    error: float = 0.0
    diagnosis: str | None = None  # a mistakes.MISTAKES id, on the row where it was recognised
    equation: str = ""
    note: str = ""
    marks: tuple[Mark, ...] = ()

    def label(self) -> str:
        """``δ of h1.2 (sample 3)`` for a row that differs, ``δ of h1`` for one that agrees."""
        where = (self.name or self.title) if self.status != AGREES else self.title
        if self.sample is not None and self.status != AGREES:
            where += str(msg(" (sample {n})", n=self.sample + 1))
        return where if self.step == 1 else str(msg("step {n}: {where}", n=self.step, where=where))


@dataclass(frozen=True)
class Report:
    """Everything the check found; ``first`` is the first row that differs, in the order of computation."""

    verdict: str
    rows: tuple[Row, ...] = ()
    diagnoses: tuple[tuple[str, str], ...] = ()  # (mistake id, message)
    conventions: tuple[str, ...] = ()
    heading: str = ""
    error: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def first(self) -> Row | None:
        return next((r for r in self.rows if r.status == DIFFERS), None)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def to_json(self) -> dict:
        """``{"verdict", "first": {quantity, layer, unit, yours, expected}, "diagnosis", "conventions"}``."""
        first = self.first
        out = {
            "verdict": self.verdict,
            "first": None if first is None else {"quantity": first.quantity, "layer": first.layer, "unit": first.unit,
                                                 "yours": first.yours, "expected": first.expected},
            "diagnosis": [message for _, message in self.diagnoses],
            "conventions": list(self.conventions),
        }
        if self.error:
            out["error"] = self.error
        return out

    def text(self) -> str:
        lines = [self.heading] if self.heading else []
        if self.error:
            sep = "\n" if "\n" in self.error else " "  # a traceback starts on its own line, as Python prints it
            return "\n".join(lines + [str(msg("could not run:")) + sep + self.error])
        lines += [str(msg("convention: {what}", what=c)) for c in self.conventions]
        width = max([8] + [len(str(t)) for t in ROW_STATUS_TEXT.values()])
        for row in self.rows:
            numbers = _numbers(row) if row.status != AGREES else ""
            lines.append(f"  {ROW_STATUS_TEXT[row.status]!s:{width}} {row.label()}{numbers}")
            if row.status == DIFFERS and row.equation:
                lines.append(f"           mlpviz: {row.equation}")
            if row.diagnosis:
                lines.append("           " + str(msg("recognised: {what}",
                                                     what=dict(self.diagnoses)[row.diagnosis].split(':')[0])))
            if row.note:
                lines.append(f"           {row.note}")
        lines += [str(msg("note: {what}", what=n)) for n in self.notes]
        if self.verdict == AGREES:
            lines.append(str(msg("verdict: agrees (with the conventions above)") if self.conventions
                             else msg("verdict: agrees")))
        else:
            first = self.first
            lines.append(str(msg("verdict: differs, first at {where}", where=first.label()) if first
                             else msg("verdict: differs")))
            lines += [str(msg("diagnosis: {what}", what=message)) for _, message in self.diagnoses]
            if not self.diagnoses:
                lines.append(str(msg("diagnosis: none of the common mistakes gives your numbers; compare the equation "
                                     "above")))
            if any(r.status == FOLLOWS for r in self.rows):
                lines.append(str(msg("(rows marked 'follows' differ because of the mistake(s) above)")))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        e = html.escape
        head = f"<p><b>{e(self.heading)}</b></p>" if self.heading else ""
        if self.error:
            return head + f"<p><b>{e(str(VERDICT_TEXT[COULD_NOT_RUN]))}</b></p><pre>{e(self.error)}</pre>"
        rows = "".join(
            f"<tr><td>{e(str(ROW_STATUS_TEXT[r.status]))}</td><td>{e(r.label())}</td><td>{e(_num(r.yours))}</td>"
            f"<td>{e(_num(r.expected))}</td><td>{e(r.equation if r.status == DIFFERS else '')}{e(r.note)}</td></tr>"
            for r in self.rows)
        items = "".join(f"<li>{e(m)}</li>" for _, m in self.diagnoses)
        conv = "".join(f"<li>{e(c)}</li>" for c in self.conventions)
        return (head + f"<p><b>{e(str(VERDICT_TEXT[self.verdict]))}</b></p>"
                + (f"<p>{e(str(msg('conventions:')))}</p><ul>{conv}</ul>" if conv else "")
                + (f"<p>{e(str(msg('diagnosis:')))}</p><ul>{items}</ul>" if items else "")
                + f"<table><tr><th></th><th>{e(str(msg('quantity')))}</th><th>{e(str(msg('yours')))}</th>"
                + "<th>mlpviz</th><th></th></tr>" + rows + "</table>")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.9g}"


def _numbers(row: Row) -> str:
    if row.yours is None and row.expected is None:
        return ""
    return str(msg(": yours {yours}, mlpviz {expected}", yours=_num(row.yours) or "—",
                   expected=_num(row.expected) or "—"))
