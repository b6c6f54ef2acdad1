"""``mlpviz convert IN OUT``: turn a network file into another format (by the suffixes)."""

from __future__ import annotations

import argparse

from mlpviz.i18n import msg, text

from .network_args import add_activation_options, load_network_from_args


def add_parser(sub) -> None:
    p = sub.add_parser(
        "convert",
        help=text(msg("convert a network between .npz, .json, .safetensors, .keras/.h5 and .onnx")),
        description=text(msg(
            "Read a network file (mlpviz .npz/.json, safetensors, Keras .keras/.h5, ONNX) and write it as "
            "OUT (.npz, .json, .csv, .safetensors or .onnx). A safetensors file from PyTorch does not say its "
            "activations: give them with --hidden and --output.")),
    )
    p.add_argument("input", metavar="IN", help=text(msg("the network file to read")))
    p.add_argument("output_file", metavar="OUT", help=text(msg("the file to write; its suffix picks the format")))
    add_activation_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from mlpviz.io import dropped_on_save, pytorch_snippet, save_network

    snap = load_network_from_args(args.input, args)
    save_network(args.output_file, snap)
    if dropped_on_save(args.output_file, snap):
        print(msg("note: {note}", note=dropped_on_save(args.output_file, snap)))
    arch = snap.arch
    print(msg("wrote {file}: {network} ({hidden}, {output}, {loss}) from {source}", file=args.output_file,
              network=arch.label(), hidden=arch.hidden_activation, output=arch.output_activation, loss=arch.loss,
              source=args.input))
    if str(args.output_file).lower().endswith(".safetensors"):
        print("\n" + str(msg("Load it in PyTorch with:")) + "\n")
        print(pytorch_snippet(arch, args.output_file), end="")
    return 0
