"""``mlpviz inspect``: print what a network file or lesson holds, without the GUI."""

from __future__ import annotations

import argparse

from mlpviz.i18n import msg, text

from .network_args import add_activation_options, load_network_from_args

FORMAT_NAMES = {"safetensors": "safetensors file", "keras": "Keras file", "onnx": "ONNX model",
                "snapshot": "mlpviz snapshot, version 1"}


def add_parser(sub) -> None:
    p = sub.add_parser(
        "inspect",
        help=text(msg("print a network file's architecture and parameters")),
        description=text(msg(
            "Check a network file (.npz, .json, .safetensors, .keras/.h5, .onnx) or a lesson (.mlpviz) "
            "and print what it holds.")),
    )
    p.add_argument("snapshot", metavar="SNAPSHOT",
                   help=text(msg("an .npz or .json snapshot, a .safetensors, .keras, .h5 or .onnx file, "
                                 "or a .mlpviz lesson")))
    p.add_argument("--full", action="store_true", help=text(msg("print every value at full precision, however large")))
    add_activation_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from mlpviz.document.lesson_file import is_lesson_path
    from mlpviz.io.network_files import file_kind

    if is_lesson_path(args.snapshot):
        from .lesson_summary import print_lesson

        return print_lesson(args.snapshot)
    snap = load_network_from_args(args.snapshot, args)
    print(f"{args.snapshot}: {FORMAT_NAMES[file_kind(args.snapshot)]}")
    print_network(snap, args.full)
    return 0


def print_network(snap, full: bool) -> None:
    """The network's description, settings and every layer's weights and biases."""
    import numpy as np

    arch, params = snap.arch, snap.params
    print(f"network    {arch.label()}  ({arch.parameter_count:,} parameters)")
    print(f"activation hidden {arch.hidden_activation}, output {arch.output_activation}; loss {arch.loss}")
    print(f"step       {snap.step}")
    print(f"lr         {snap.learning_rate!r}")
    print(f"seed       {snap.seed}")
    print(f"created    {snap.created}")
    for key, value in snap.extra.items():
        print(f"{key:<10} {value}")
    options = {"threshold": np.inf, "floatmode": "unique"} if full else {"threshold": 200, "precision": 6}
    with np.printoptions(linewidth=100, suppress=not full, **options):
        for l, (w, b) in enumerate(zip(params.weights, params.biases)):
            print()
            print(f"W{l} {w.shape[0]}x{w.shape[1]}  min {w.min():.6g}  max {w.max():.6g}  mean {w.mean():.6g}")
            print(np.array2string(w))
            print(f"b{l} ({b.shape[0]},)")
            print(np.array2string(b))
