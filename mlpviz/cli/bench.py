"""``mlpviz bench TARGET``: run one of the benchmarks in ``mlpviz.bench``."""

from __future__ import annotations

import importlib
import importlib.util

from mlpviz.i18n import msg, text


def add_parser(sub) -> None:
    from mlpviz.bench import BENCH_TARGETS

    p = sub.add_parser("bench", help=text(msg("time the engine (or another part) and print the figures")),
                       description=text(msg("Run a benchmark and print its figures.")))
    targets = p.add_subparsers(dest="target", metavar="TARGET", required=True)
    for name, module_name in BENCH_TARGETS.items():
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        title = text(module.TITLE)
        tp = targets.add_parser(name, help=title, description=title)
        module.add_arguments(tp)
        tp.set_defaults(func=module.run)
