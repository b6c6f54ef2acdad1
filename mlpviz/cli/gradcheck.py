"""``mlpviz gradcheck``: backprop's gradient against central differences, worst relative error per layer."""

from __future__ import annotations

import argparse

from .step_input import add_step_arguments, load_step

DEFAULT_TOLERANCE = 1e-6


def add_parser(sub) -> None:
    p = sub.add_parser(
        "gradcheck",
        help="check backprop's gradient against finite differences",
        description="Compute one step's gradient by backprop and by central differences on the same batch "
        "and print the worst relative error of each weight layer. Exit status 1 if one is over --tolerance.",
    )
    add_step_arguments(p)
    p.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                   help=f"largest relative error that passes (default {DEFAULT_TOLERANCE:g})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine.gradcheck import gradient_check
    from mlpviz.engine.unit_names import weight_layer_title

    record, source = load_step(args)
    arch = record.arch
    check = gradient_check(record)
    print(f"gradient check of {arch.label()} ({arch.parameter_count:,} parameters) on {source} "
          f"({record.batch_size} samples): central differences, ε = {check.epsilon:g} relative")
    L = arch.layer_count
    for w in check.worst_per_layer():
        where = f"b{w.layer}[{w.col}]" if w.row < 0 else f"W{w.layer}[{w.row}, {w.col}]"
        print(f"layer {w.layer} ({weight_layer_title(w.layer, L)}): worst relative error "
              f"{w.relative_error:.2e} at {where} (backprop {w.backprop:.9g}, numeric {w.numeric:.9g})")
    ok = check.worst <= args.tolerance
    print(f"{'ok' if ok else 'FAILED'}: worst {check.worst:.2e} {'≤' if ok else '>'} tolerance {args.tolerance:g}")
    return 0 if ok else 1

