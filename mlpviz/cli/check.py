"""``mlpviz check FILE``: run a learner's own numpy network beside mlpviz's and report the first wrong number."""

from __future__ import annotations

import argparse

from mlpviz.i18n import msg, text

from .data_args import add_data_arguments, add_network_arguments, architecture_from_args, dataset_from_args, fix_for


def add_parser(sub) -> None:
    from mlpviz.check.api import DEFAULT_TOLERANCE
    from mlpviz.check.sandbox import DEFAULT_TIMEOUT

    p = sub.add_parser(
        "check",
        help=text(msg("check your own backprop against mlpviz's, number by number")),
        description=text(msg(
            "Run the network in FILE (a .py file, a Jupyter .ipynb or a notebook saved as text) in a "
            "separate process, set it to mlpviz's parameters and batch, take the step(s) both ways and compare "
            "z, a, the loss, δ, the gradients and the update in the order they are computed. "
            "Exit status 0 agrees, 1 differs, 2 could not run.")),
    )
    p.add_argument("file", metavar="FILE",
                   help=text(msg("your code: .py, .ipynb, or a notebook saved as text (In [n]: cells)")))
    add_network_arguments(p, text(msg("layer sizes, input first, e.g. 2,3,1")))
    add_data_arguments(p, text(msg("the batch")))
    p.add_argument("--lr", type=float, help=text(msg("learning rate of the step (default 0.1)")))
    p.add_argument("--steps", type=int, default=1, help=text(msg("steps to take and compare (default 1)")))
    p.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                   help=text(msg("largest relative difference judged equal (default {tolerance:g})",
                                 tolerance=DEFAULT_TOLERANCE)))
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=text(msg("seconds your code may run before it is stopped (default {timeout:g})",
                                 timeout=DEFAULT_TIMEOUT)))
    p.add_argument("--json", action="store_true", help=text(msg("print the report as JSON (for autograders)")))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json
    import math

    from mlpviz.check import check_file
    from mlpviz.engine import DataError, MlpvizError
    from mlpviz.training.fit import fit_targets
    from mlpviz.training.settings import TrainingConfig

    if not args.sizes:
        raise MlpvizError(msg("give the layer sizes of your network with --sizes (e.g. --sizes 2,3,1)"))
    if not 1 <= args.steps <= 100:
        raise MlpvizError(msg("--steps must be between 1 and 100, got {steps}", steps=args.steps))
    for name, value in (("--tolerance", args.tolerance), ("--timeout", args.timeout)):
        if not (math.isfinite(value) and value > 0):
            raise MlpvizError(msg("{name} must be a positive number, got {value}", name=name, value=value))
    lr = TrainingConfig().with_(**({} if args.lr is None else {"learning_rate": args.lr})).learning_rate
    arch = architecture_from_args(args)
    dataset, source = dataset_from_args(args, arch, 0)
    try:
        targets = fit_targets(dataset, arch)
    except DataError as exc:
        raise DataError(f"{exc}{fix_for(arch, dataset, False)}") from None
    report = check_file(args.file, arch, dataset.x_train, targets, lr=lr, steps=args.steps,
                        tolerance=args.tolerance, timeout=args.timeout, source=source)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.text())
    return report.exit_code
