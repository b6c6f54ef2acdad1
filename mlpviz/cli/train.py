"""``mlpviz train``: train a network headless and export a snapshot."""

from __future__ import annotations

import argparse


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train a network without the GUI and export a snapshot",
        description="Train a network headless on a CSV file or a built-in data set and export a snapshot.",
    )
    p.add_argument("--sizes", help="layer sizes, input first, e.g. 2,3,1 (taken from --init-from if omitted)")
    p.add_argument("--hidden", help="hidden activation: relu, leaky_relu, sigmoid, tanh, linear (default relu)")
    p.add_argument("--output", help="output activation: sigmoid, softmax, linear (default sigmoid)")
    p.add_argument("--loss", help="loss: bce, ce, mse (default bce)")
    p.add_argument("--init", default="normal", help="initialisation: normal, he, xavier (default normal)")
    p.add_argument("--seed", type=int, default=0, help="seed of the initialisation, data set and shuffling (default 0)")
    p.add_argument("--lr", type=float, default=None, help="learning rate (default 0.1, or the snapshot's)")
    p.add_argument("--momentum", type=float, default=0.0, help="SGD momentum, 0 for plain SGD (default 0)")
    p.add_argument("--weight-decay", type=float, default=0.0, help="L2 weight decay (default 0)")
    p.add_argument("--steps", type=int, default=1, help="number of training steps (default 1)")
    p.add_argument("--batch-size", default="full", help="'full' (default) or a mini-batch size B")
    p.add_argument("--shuffle", action="store_true", help="shuffle the samples every epoch (mini-batches)")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--data", metavar="FILE.csv", help="training data as CSV (header; y or y1,y2,... targets)")
    source.add_argument("--dataset", metavar="NAME", help="built-in data set (default notebook)")
    p.add_argument("--samples", type=int, default=None, help="number of samples of the built-in data set")
    p.add_argument("--noise", type=float, default=None, help="noise of the built-in data set")
    p.add_argument("--init-from", metavar="SNAPSHOT", help="start from this snapshot's architecture and parameters")
    p.add_argument("--export", required=True, metavar="OUT.npz|OUT.json", help="where to write the trained snapshot")
    p.add_argument("--quiet", action="store_true", help="print only the summary line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mlpviz.engine import Architecture, MlpvizError, batch_for_step, init_params, parse_batch_size, parse_sizes, train_step

    from mlpviz.io import Snapshot, load_snapshot, save_snapshot

    if Path(args.export).suffix.lower() not in (".npz", ".json", ".csv"):
        raise MlpvizError(f"--export {args.export}: the file name must end in .npz or .json")
    if args.steps < 0:
        raise MlpvizError(f"--steps must be 0 or more, got {args.steps}")
    for name in ("lr", "momentum", "weight_decay"):
        value = getattr(args, name)
        if value is not None and not (value == value and abs(value) != float("inf")):
            raise MlpvizError(f"--{name.replace('_', '-')} must be a finite number, got {value}")
    arch, params, start_step, lr = _network(args, Architecture, init_params, load_snapshot, parse_sizes)
    lr = args.lr if args.lr is not None else lr
    batch_size = parse_batch_size(args.batch_size)
    x, y, source = _training_data(args, arch)
    n = x.shape[0]

    every = max(1, args.steps // 10)
    velocity, first_loss, last_loss, diverged_at = None, None, None, None
    for step in range(args.steps):
        _, _, idx = batch_for_step(n, batch_size, step, args.seed, args.shuffle)
        xb, yb = (x, y) if len(idx) == n and not args.shuffle else (x[idx], y[idx])
        rec = train_step(arch, params, xb, yb, lr, args.momentum, args.weight_decay, velocity)
        if rec.diverged:
            diverged_at = start_step + step + 1
            print(f"step {diverged_at}: diverged (loss {rec.loss:.6g}); stopped and kept the parameters from before it")
            break
        params, velocity, last_loss = rec.params_after, rec.velocity, rec.loss
        first_loss = rec.loss if first_loss is None else first_loss
        if not args.quiet and ((step + 1) % every == 0 or step == 0):
            print(f"step {start_step + step + 1}: loss {rec.loss:.6g}")
    done = args.steps if diverged_at is None else diverged_at - start_step - 1
    extra = {"init": args.init if not args.init_from else "snapshot", "momentum": float(args.momentum),
             "weight_decay": float(args.weight_decay), "data": source}
    save_snapshot(args.export, Snapshot(arch, params, start_step + done, float(lr), args.seed, extra=extra))
    losses = "" if first_loss is None else f"; loss {first_loss:.6g} at the first step, {last_loss:.6g} at the last"
    print(f"trained {arch.label()} for {done} step(s) on {source} ({n} samples){losses}; wrote {args.export}")
    if diverged_at is not None:
        print("the learning rate is too large for this network: try a smaller --lr")
        return 1
    return 0


def _network(args, Architecture, init_params, load_snapshot, parse_sizes):
    """``(arch, params, start_step, default_lr)`` from --init-from or from --sizes and friends."""
    from mlpviz.engine import MlpvizError

    if args.init_from:
        snap = load_snapshot(args.init_from)
        arch = snap.arch
        given = {"sizes": parse_sizes(args.sizes) if args.sizes else None, "hidden_activation": args.hidden,
                 "output_activation": args.output, "loss": args.loss}
        for key, value in given.items():
            if value is not None and value != getattr(arch, key):
                raise MlpvizError(
                    f"--init-from {args.init_from} has {key.replace('_', ' ')} {getattr(arch, key)!r}, "
                    f"which conflicts with the {value!r} given"
                )
        return arch, snap.params, snap.step, snap.learning_rate
    if not args.sizes:
        raise MlpvizError("give the layer sizes with --sizes (e.g. --sizes 2,3,1) or a snapshot with --init-from")
    arch = Architecture(parse_sizes(args.sizes), args.hidden or "relu", args.output or "sigmoid", args.loss or "bce")
    return arch, init_params(arch, args.init, args.seed), 0, 0.1


def _training_data(args, arch):
    """Inputs ``(N, n0)``, targets ``(N, nL)`` and a name for the summary."""
    from mlpviz.datasets import make_dataset
    from mlpviz.engine import MlpvizError
    from mlpviz.io import load_csv

    if args.data:
        if args.samples is not None or args.noise is not None:
            raise MlpvizError("--samples and --noise apply to built-in data sets, not to --data files")
        x, y = load_csv(args.data, arch.sizes[0], arch.sizes[-1])
        return x, y, args.data
    name = args.dataset or "notebook"
    overrides = {"seed": args.seed}
    if args.samples is not None:
        overrides["n_samples"] = args.samples
    if args.noise is not None:
        overrides["noise"] = args.noise
    if name == "blobs" and arch.sizes[-1] > 1:
        overrides["n_classes"] = arch.sizes[-1]
    dataset = make_dataset(name, **overrides)
    if dataset.n_inputs != arch.sizes[0]:
        raise MlpvizError(f"data set {name!r} has {dataset.n_inputs} inputs but the network has {arch.sizes[0]}")
    return dataset.x_train, dataset.targets_for(arch.sizes[-1]), name
