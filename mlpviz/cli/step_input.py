"""What ``gradcheck`` and ``explain`` share: a snapshot, a batch from a CSV or a built-in set, and its step."""

from __future__ import annotations

from mlpviz.i18n import msg, text


def add_step_arguments(p) -> None:
    """The snapshot and the data of the step to look at."""
    p.add_argument("snapshot", metavar="SNAPSHOT",
                   help=text(msg("an .npz or .json snapshot (the network before the step)")))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", metavar="FILE.csv",
                        help=text(msg("the batch as CSV (header; y or y1,y2,... targets)")))
    source.add_argument("--dataset", metavar="NAME", help=text(msg("a built-in data set (its training samples)")))
    p.add_argument("--seed", type=int, default=0, help=text(msg("seed of the built-in data set (default 0)")))
    p.add_argument("--lr", type=float, default=None,
                   help=text(msg("learning rate of the step (default: the snapshot's)")))
    p.add_argument("--standardize", action="store_true",
                   help=text(msg("z-scores of the inputs, as mlpviz train --standardize "
                                 "made them (the statistics of the rows given)")))


def load_step(args, with_notes: bool = False):
    """``(record, source)``: one plain SGD step of the snapshot's network on the whole batch; with ``with_notes``
    also the notes on the data (their standardization)."""
    import math

    from mlpviz.datasets import InputScaling, make_dataset
    from mlpviz.engine import MlpvizError, check_inputs, train_step
    from mlpviz.io import load_csv, load_snapshot

    snap = load_snapshot(args.snapshot)
    arch = snap.arch
    if args.data:
        x, y = load_csv(args.data, arch.sizes[0], arch.sizes[-1])
        source = args.data
    else:
        extra = {"n_classes": arch.sizes[-1]} if args.dataset == "blobs" and arch.sizes[-1] > 1 else {}
        dataset = make_dataset(args.dataset, seed=args.seed, **extra)
        check_inputs(arch.sizes[0], dataset.n_inputs, args.dataset)
        x, y, source = dataset.x_train, dataset.targets_for(arch.sizes[-1]), args.dataset
    notes = ()
    if args.standardize:
        std = x.std(axis=0)
        scaling = InputScaling(x.mean(axis=0), std + (std == 0), x.shape[0])
        x, notes = scaling.apply(x), (scaling.describe(),)
    elif "input_scaling" in snap.extra:
        print("note: the snapshot was trained on standardized inputs; give --standardize to standardize these too")
    lr = snap.learning_rate if args.lr is None else args.lr
    if not math.isfinite(lr):
        raise MlpvizError(msg("--lr must be a finite number, got {lr}", lr=lr))
    record = train_step(arch, snap.params, x, y, lr)
    return (record, source, notes) if with_notes else (record, source)
