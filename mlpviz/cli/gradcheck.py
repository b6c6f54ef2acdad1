"""``mlpviz gradcheck``: backprop's gradient against central differences, worst relative error per layer."""

from __future__ import annotations

import argparse

from mlpviz.i18n import msg, text

from .step_input import add_step_arguments, load_step

DEFAULT_TOLERANCE = 1e-6


def add_parser(sub) -> None:
    p = sub.add_parser(
        "gradcheck",
        help=text(msg("check backprop's gradient against finite differences")),
        description=text(msg(
            "Compute one step's gradient by backprop and by central differences on the same batch "
            "and print the worst relative error of each weight layer. Exit status 1 if one is over --tolerance.")),
    )
    add_step_arguments(p)
    p.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                   help=text(msg("largest relative error that passes (default {tolerance:g})",
                                 tolerance=DEFAULT_TOLERANCE)))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine.gradcheck import gradient_check
    from mlpviz.engine.unit_names import weight_layer_title

    record, source = load_step(args)
    arch = record.arch
    check = gradient_check(record)
    print(msg("gradient check of {network} ({parameters:,} parameters) on {data} ({samples} samples): central "
              "differences, ε = {epsilon:g} relative", network=arch.label(), parameters=arch.parameter_count,
              data=source, samples=record.batch_size, epsilon=check.epsilon))
    L = arch.layer_count
    for w in check.worst_per_layer():
        where = f"b{w.layer}[{w.col}]" if w.row < 0 else f"W{w.layer}[{w.row}, {w.col}]"
        print(msg("layer {layer} ({title}): worst relative error {error:.2e} at {where} (backprop {backprop:.9g}, "
                  "numeric {numeric:.9g})", layer=w.layer, title=weight_layer_title(w.layer, L),
                  error=w.relative_error, where=where, backprop=w.backprop, numeric=w.numeric))
    ok = check.worst <= args.tolerance
    print(msg("ok: worst {worst:.2e} ≤ tolerance {tolerance:g}", worst=check.worst, tolerance=args.tolerance) if ok
          else msg("FAILED: worst {worst:.2e} > tolerance {tolerance:g}", worst=check.worst, tolerance=args.tolerance))
    return 0 if ok else 1

