"""``mlpviz explain``: write one training step as a worked example (Markdown, LaTeX or HTML)."""

from __future__ import annotations

import argparse

from .step_input import add_step_arguments, load_step


def add_parser(sub) -> None:
    p = sub.add_parser(
        "explain",
        help="write one step as a worked example (md, html, tex)",
        description="Take one SGD step of the snapshot's network on the batch and write it out as a worked "
        "example: every z, a, δ, ∂C/∂w and update with the numbers substituted.",
    )
    add_step_arguments(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--sample", type=int, default=1, metavar="N",
                       help="work the unit formulas out for sample N of the batch, from 1 (default 1)")
    which.add_argument("--mean", action="store_true", help="show each unit's batch means instead of one sample")
    p.add_argument("--units", metavar="LIST",
                   help="units to write out, e.g. h1.1,h1.3,y1 (default: all; for networks over 60 weights "
                   "the first unit of each layer)")
    p.add_argument("--format", choices=("md", "html", "tex"), help="output format (default: from --out's suffix)")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the document")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine import MlpvizError
    from mlpviz.engine.explain import MEAN
    from mlpviz.teaching.export import format_for, write_worked_step
    from mlpviz.teaching.worked_step import worked_step

    fmt = format_for(args.out, args.format)  # refuse a bad name before any work
    record, source, notes = load_step(args, with_notes=True)
    if not args.mean and not 1 <= args.sample <= record.batch_size:
        raise MlpvizError(f"--sample {args.sample}: the batch has samples 1 to {record.batch_size}")
    units = _parse_units(args.units, record.arch) if args.units else None
    doc = worked_step(record, MEAN if args.mean else args.sample - 1, units, notes)
    write_worked_step(args.out, doc, fmt)
    print(f"wrote {args.out}: one step of {record.arch.label()} on {source} ({record.batch_size} samples) as {fmt}")
    return 0


def _parse_units(text: str, arch) -> list[tuple[int, int]]:
    """``h1.2,y1`` -> ``[(1, 1), (L, 0)]``; unknown names raise MlpvizError."""
    from mlpviz.engine import MlpvizError
    from mlpviz.engine.unit_names import unit_name

    L = arch.layer_count
    known = {unit_name(layer, j, L): (layer, j) for layer in range(1, L + 1) for j in range(arch.sizes[layer])}
    units = []
    for name in (n.strip() for n in text.split(",") if n.strip()):
        if name not in known:
            raise MlpvizError(f"--units: no unit {name!r} in {arch.label()} (hidden units are h1.1, h1.2, …; outputs y1, …)")
        units.append(known[name])
    return units
