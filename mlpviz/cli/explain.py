"""``mlpviz explain``: write one training step as a worked example (Markdown, LaTeX or HTML)."""

from __future__ import annotations

import argparse
import contextlib

from mlpviz.i18n import msg, text

from .step_input import add_step_arguments, load_step


def add_parser(sub) -> None:
    p = sub.add_parser(
        "explain",
        help=text(msg("write one step as a worked example (md, html, tex)")),
        description=text(msg(
            "Take one SGD step of the snapshot's network on the batch and write it out as a worked "
            "example: every z, a, δ, ∂C/∂w and update with the numbers substituted.")),
    )
    add_step_arguments(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--sample", type=int, default=1, metavar="N",
                       help=text(msg("work the unit formulas out for sample N of the batch, from 1 (default 1)")))
    which.add_argument("--mean", action="store_true",
                       help=text(msg("show each unit's batch means instead of one sample")))
    p.add_argument("--units", metavar="LIST",
                   help=text(msg("units to write out, e.g. h1.1,h1.3,y1 (default: all; for networks over 60 weights "
                                 "the first unit of each layer)")))
    p.add_argument("--format", choices=("md", "html", "tex"),
                   help=text(msg("output format (default: from --out's suffix)")))
    p.add_argument("--out", required=True, metavar="FILE", help=text(msg("where to write the document")))
    p.add_argument("--lang", metavar="LANG",
                   help=text(msg("language of the document: en or zh_CN (default: the locale's, "
                                 "from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine import MlpvizError
    from mlpviz.engine.explain import MEAN
    from mlpviz.teaching.export import format_for, write_worked_step
    from mlpviz.teaching.worked_step import worked_step

    fmt = format_for(args.out, args.format)  # refuse a bad name before any work
    record, source, notes = load_step(args, with_notes=True)
    if not args.mean and not 1 <= args.sample <= record.batch_size:
        raise MlpvizError(msg("--sample {sample}: the batch has samples 1 to {batch_size}", sample=args.sample, batch_size=record.batch_size))
    units = _parse_units(args.units, record.arch) if args.units else None
    with _document_language(args.lang):  # the terminal's messages stay in the terminal's language
        doc = worked_step(record, MEAN if args.mean else args.sample - 1, units, notes)
        write_worked_step(args.out, doc, fmt)
    print(msg("wrote {file}: one step of {network} on {data} ({samples} samples) as {format}", file=args.out,
              network=record.arch.label(), data=source, samples=record.batch_size, format=fmt))
    return 0


@contextlib.contextmanager
def _document_language(code: str | None):
    """The document in ``code`` (None: the locale's); a language mlpviz has no catalogue for is refused."""
    from mlpviz import i18n
    from mlpviz.engine import MlpvizError

    if code is not None and i18n.supported(code) == i18n.ENGLISH and not code.lower().startswith(("en", "c", "posix")):
        raise MlpvizError(msg("--lang {code}: mlpviz speaks {languages}", code=code,
                              languages=", ".join(i18n.LANGUAGES)))
    terminal = i18n.language()
    i18n.set_language(code or terminal)
    try:
        yield
    finally:
        i18n.set_language(terminal)


def _parse_units(text: str, arch) -> list[tuple[int, int]]:
    """``h1.2,y1`` -> ``[(1, 1), (L, 0)]``; unknown names raise MlpvizError."""
    from mlpviz.engine import MlpvizError
    from mlpviz.engine.unit_names import unit_name

    L = arch.layer_count
    known = {unit_name(layer, j, L): (layer, j) for layer in range(1, L + 1) for j in range(arch.sizes[layer])}
    units = []
    for name in (n.strip() for n in text.split(",") if n.strip()):
        if name not in known:
            raise MlpvizError(msg("--units: no unit {name} in {value} (hidden units are h1.1, h1.2, …; outputs y1, …)", name=repr(name), value=arch.label()))
        units.append(known[name])
    return units
