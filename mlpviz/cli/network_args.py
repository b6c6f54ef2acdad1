"""The ``--hidden/--output/--loss`` options that complete a network file which does not say its activations."""

from __future__ import annotations

import argparse

from mlpviz.i18n import msg, text


def add_activation_options(parser: argparse.ArgumentParser) -> None:
    """For commands that read network files: what to assume when the file (safetensors from PyTorch) does not say."""
    parser.add_argument("--hidden",
                        help=text(msg("hidden activation, if the file does not say: "
                                      "relu, leaky_relu, sigmoid, tanh, linear")))
    parser.add_argument("--output",
                        help=text(msg("output activation, if the file does not say: sigmoid, softmax, linear, tanh")))
    parser.add_argument("--loss",
                        help=text(msg("loss, if the file does not say "
                                      "(default: bce for sigmoid, ce for softmax, mse for linear)")))
    parser.add_argument("--layer-order", metavar="A,B,...",
                        help=text(msg("the order of a PyTorch file's layers when their names do not tell it: "
                                      "layer names, or prefixes of groups (e.g. encoder,decoder)")))


def load_network_from_args(path, args: argparse.Namespace, data_columns=None):
    """``load_network(path)`` with the activations given on the command line; says which flags a file needs.

    ``data_columns()`` (the input columns of the data the network is for, or None) lets a network that the data
    cannot feed whatever its layer order or activations be refused for that first, before any flag is asked for.
    """
    from mlpviz.engine import MlpvizError, check_inputs
    from mlpviz.io import Activations, ActivationsNeeded, load_network
    from mlpviz.io.layer_order import LayerOrderNeeded, parse_layer_order

    order = parse_layer_order(getattr(args, "layer_order", None) or "")
    given = Activations(getattr(args, "hidden", None), getattr(args, "output", None), getattr(args, "loss", None),
                        order)
    try:
        snap = load_network(path, given)
    except (LayerOrderNeeded, ActivationsNeeded) as exc:
        widths = exc.sizes[:1] if isinstance(exc, ActivationsNeeded) else exc.input_widths
        columns = data_columns() if data_columns is not None and widths else None
        if columns is not None:
            check_inputs(widths, columns, path)
        if isinstance(exc, LayerOrderNeeded):
            if columns is None:
                raise
            raise exc.for_inputs(columns) from None  # its example an order that takes the data's columns
        order = f" (layers in the order {', '.join(exc.layer_names)}, told by their shapes)" if exc.ordered_by_shapes else ""
        raise MlpvizError(msg("{exc}{order}; give them with --hidden and --output (and --loss if not the usual one), e.g. --hidden relu --output sigmoid", exc=exc, order=order)) from None
    if "widened" in snap.extra:
        print(f"note: {snap.extra['widened']}")
    if snap.arch.loss == "mse" and snap.extra.get("source") in FOREIGN_SOURCES:
        print(f"note: {MSE_CONVENTION}")
    return snap


FOREIGN_SOURCES = ("safetensors", "keras", "onnx")
MSE_CONVENTION = ("mlpviz's mse is ½·Σ(ŷ − y)² per sample; PyTorch's nn.MSELoss and Keras' 'mse' take the mean over the "
                  "outputs of (ŷ − y)², whose gradient is 2/k times mlpviz's for k outputs: to take their steps here, "
                  "use 2/k times their learning rate (twice it for one output)")
