"""``mlpviz train``: train a network headless and export a snapshot (``training.loop.take_steps``, the loop
the app's Step and Run take their steps with)."""

from __future__ import annotations

import argparse

from mlpviz.i18n import msg, msg_n, text

from .data_args import add_data_arguments, add_network_arguments, architecture_from_args, dataset_from_args, fix_for
from .network_args import load_network_from_args


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help=text(msg("train a network without the GUI and export a snapshot")),
        description=text(msg(
            "Train a network headless on a CSV file or a built-in data set and export a snapshot. "
            "With --init-from, settings not given here come from the snapshot, so the run continues exactly.")),
    )
    add_network_arguments(p, text(msg("layer sizes, input first, e.g. 2,3,1 (taken from --init-from if omitted)")))
    p.add_argument("--init", help=text(msg("initialisation: normal, he, xavier (default normal)")))
    p.add_argument("--seed", type=int, help=text(msg("seed of the initialisation, data set and shuffling (default 0)")))
    p.add_argument("--lr", type=float, help=text(msg("learning rate (default 0.1)")))
    p.add_argument("--optimizer", metavar="NAME", help=text(msg("sgd (default), adam, adamw, rmsprop or adagrad")))
    p.add_argument("--momentum", type=float, help=text(msg("momentum of sgd and rmsprop, 0 for none (default 0)")))
    p.add_argument("--nesterov", action=argparse.BooleanOptionalAction, default=None,
                   help=text(msg("Nesterov momentum for sgd (needs --momentum; default off)")))
    p.add_argument("--beta1", type=float, help=text(msg("Adam's β₁, from 0 to below 1 (default 0.9)")))
    p.add_argument("--beta2", type=float, help=text(msg("Adam's β₂, from 0 to below 1 (default 0.999)")))
    p.add_argument("--eps", type=float,
                   help=text(msg("ε of adam, adamw, rmsprop, adagrad, above 0 (default 1e-8; adagrad 1e-10)")))
    p.add_argument("--alpha", type=float, help=text(msg("RMSProp's smoothing α, from 0 to below 1 (default 0.99)")))
    p.add_argument("--weight-decay", type=float,
                   help=text(msg("weight decay λ on the weights, not the biases; "
                                 "L2 in the gradient, decoupled for adamw (default 0)")))
    p.add_argument("--schedule", metavar="NAME",
                   help=text(msg("learning rate schedule: constant (default), step, "
                                 "exponential, cosine")))
    p.add_argument("--gamma", type=float,
                   help=text(msg("the schedule's γ: factor of step and exponential decay, cosine's "
                                 "final fraction; above 0, at most 1 (default 0.5)")))
    p.add_argument("--schedule-steps", type=int,
                   help=text(msg("steps between step decays, or cosine's length (default 100)")))
    p.add_argument("--warmup", type=int, help=text(msg("steps of linear warm-up before the schedule (default 0)")))
    p.add_argument("--steps", type=int, default=1, help=text(msg("number of training steps (default 1)")))
    p.add_argument("--batch-size", help=text(msg("'full' (default) or a mini-batch size B")))
    p.add_argument("--shuffle", action=argparse.BooleanOptionalAction, default=None,
                   help=text(msg("shuffle the samples every epoch of mini-batches (default on, as in the app; "
                                 "--no-shuffle keeps the file's order)")))
    add_data_arguments(p, text(msg("training data")))
    p.add_argument("--init-from", metavar="SNAPSHOT",
                   help=text(msg("continue the run of this snapshot, or start from a "
                                 ".safetensors, .keras, .h5 or .onnx network")))
    p.add_argument("--layer-order", metavar="A,B,...",
                   help=text(msg("the order of an --init-from PyTorch file's layers when their names do not tell it: "
                                 "layer names, or prefixes of groups (e.g. encoder,decoder)")))
    p.add_argument("--export", required=True, metavar="OUT",
                   help=text(msg("where to write the trained network "
                                 "(.npz, .json, .csv, .safetensors, .onnx)")))
    p.add_argument("--quiet", action="store_true", help=text(msg("print only the summary line")))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mlpviz.engine import MlpvizError
    from mlpviz.io import WRITE_SUFFIXES, dropped_on_save, save_network
    from mlpviz.io.limits import MAX_STEP
    from mlpviz.training.loop import take_steps

    if Path(args.export).suffix.lower() not in WRITE_SUFFIXES:
        raise MlpvizError(msg("--export {file}: the file name must end in {suffixes}", file=args.export,
                              suffixes=", ".join(WRITE_SUFFIXES)))
    if args.steps < 0:
        raise MlpvizError(msg("--steps must be 0 or more, got {value}", value=args.steps))
    trainer, source = _trainer(args)
    start = trainer.step
    if start + args.steps > MAX_STEP:  # a step the snapshot reader (and the timeline) would refuse
        raise MlpvizError(msg("step {start} + {steps} steps would pass the last step number, {most:,}", start=start,
                              steps=args.steps, most=MAX_STEP))
    every = max(1, args.steps // 10)
    first_loss = last_loss = diverged = dead = None
    for i in range(args.steps):
        steps = take_steps(trainer, 1, measure_test=False)
        if steps.ended is not None:  # diverged (the last step number is refused above)
            diverged = trainer.divergence
            print(diverged.describe())
            break
        record = steps.record
        if dead is None and trainer.dead_units is not None:
            dead = trainer.dead_units
            print(msg("note: {note}", note=dead.describe()))
        last_loss = record.loss
        first_loss = record.loss if first_loss is None else first_loss
        if not args.quiet and ((i + 1) % every == 0 or i == 0):
            print(msg("step {step}: loss {loss:.6g} (before update {step})", step=trainer.step, loss=record.loss))
    snap = trainer.snapshot(notes={"data": source})
    save_network(args.export, snap)
    if dropped_on_save(args.export, snap):
        print(msg("note: {note}", note=dropped_on_save(args.export, snap)))
    losses = "" if first_loss is None else msg("; loss {first:.6g} at the first step, {last:.6g} at the last",
                                               first=first_loss, last=last_loss)
    print(msg_n("trained {network} for {n} step on {data} ({samples} samples){losses}{accuracy}; wrote {file}",
                "trained {network} for {n} steps on {data} ({samples} samples){losses}{accuracy}; wrote {file}",
                trainer.step - start, network=trainer.arch.label(), data=source, samples=trainer.dataset.n_train,
                losses=losses, accuracy=_accuracy_text(trainer), file=args.export))
    if diverged is not None:
        print(msg("the exported snapshot holds the parameters of step {step}; continue from it with --init-from "
                  "{file} and the fix above (--lr, --weight-decay, --momentum, --standardize)", step=trainer.step,
                  file=args.export))
        return 1
    return 0


def _accuracy_text(trainer) -> str:
    """"; accuracy 97.5% train, 96.7% test" for data with classes, else ""."""
    import math

    train, test = trainer.accuracy()
    if math.isnan(train):
        return ""
    text = str(msg("; accuracy {train:.1f}% train", train=100 * train))
    return text + ("" if math.isnan(test) else str(msg(", {test:.1f}% test", test=100 * test)))


def _trainer(args):
    """The Trainer the arguments describe, and a name of its data for the summary.

    Every setting goes through TrainingConfig, the rules the app uses; with --init-from
    the snapshot's settings are the defaults.
    """
    from mlpviz.engine import DataError, InputsMismatch, MlpvizError, parse_batch_size, parse_sizes
    from mlpviz.io.foreign_network import logits_refusal
    from mlpviz.training.fit import classes_for
    from mlpviz.training.settings import OPTIMIZER_FIELDS, SCHEDULE_FIELDS, TrainingConfig
    from mlpviz.training.trainer import Trainer

    snap = load_network_from_args(args.init_from, args, lambda: _data_columns(args)) if args.init_from else None
    base = TrainingConfig()
    if snap is not None:
        base = base.from_snapshot(snap.learning_rate, snap.seed, snap.extra)
    given = {"init_method": args.init, "seed": args.seed, "learning_rate": args.lr, "shuffle": args.shuffle,
             **{name: getattr(args, name) for name in (*OPTIMIZER_FIELDS, "optimizer", *SCHEDULE_FIELDS)}}
    if args.batch_size is not None:
        given["batch_size"] = parse_batch_size(args.batch_size) or 0
    settings = base.with_(**{k: v for k, v in given.items() if v is not None})
    if snap is not None:
        arch = snap.arch
        wanted = {"sizes": parse_sizes(args.sizes) if args.sizes else None, "hidden_activation": args.hidden,
                  "output_activation": args.output, "loss": args.loss}
        for key, value in wanted.items():
            if value is not None and value != getattr(arch, key):
                raise MlpvizError(msg("--init-from {file} has {setting} {value}, which conflicts with the {given} given",
                                      file=args.init_from, setting=key.replace("_", " "),
                                      value=repr(getattr(arch, key)), given=repr(value)))
    elif not args.sizes:
        raise MlpvizError(msg("give the layer sizes with --sizes (e.g. --sizes 2,3,1) or a snapshot with --init-from"))
    else:
        arch = architecture_from_args(args)
    dataset, source = dataset_from_args(args, arch, settings.seed, _recorded_data(args, snap))
    if snap is not None and "input_scaling" in snap.extra and not args.standardize:
        print(msg("note: the snapshot was trained on standardized inputs; give --standardize to train on them again"))
    if snap is not None and not args.output and logits_refusal(snap, dataset.n_classes):
        raise DataError(msg("--init-from {file}: {problem}", file=args.init_from, problem=logits_refusal(snap, dataset.n_classes)))
    dataset, classes_note = classes_for(arch, dataset)
    if classes_note:
        print(msg("note: {note}", note=classes_note))
    try:
        if snap is None:
            return Trainer(arch, dataset, settings), source
        return Trainer(arch, dataset, settings, snap.params, step=snap.step, optimizer_state=snap.state), source
    except InputsMismatch as exc:
        if snap is None:
            raise DataError(f"{exc}{fix_for(arch, dataset, False)}") from None
        raise DataError(msg_n("{problem}; give data with {n} input column: --data FILE.csv",
                              "{problem}; give data with {n} input columns: --data FILE.csv", exc.n_inputs,
                              problem=exc.args[0])) from None
    except DataError as exc:
        raise DataError(f"{exc}{fix_for(arch, dataset, snap is not None)}") from None


def _data_columns(args) -> int | None:
    """The input columns of the --data file (None: no file, or one the reader refuses, said when it is read)."""
    from mlpviz.engine import MlpvizError
    from mlpviz.io import read_csv_table

    if not args.data:
        return None
    options = {"target": args.target, "delimiter": args.delimiter, "decimal": args.decimal}
    try:
        return read_csv_table(args.data, one_hot=args.one_hot, **{k: v for k, v in options.items() if v}).x.shape[1]
    except MlpvizError:
        return None


def _recorded_data(args, snap) -> str | None:
    """The data the snapshot was trained on, when --init-from names no data of its own: a CSV file
    that is here or a built-in set (with a note saying so); refused when it is neither, so a
    continued run never silently trains on other data."""
    from pathlib import Path

    from mlpviz.datasets import DATASETS
    from mlpviz.engine import MlpvizError

    if snap is None or args.data or args.dataset:
        return None
    recorded = snap.extra.get("data")
    if not isinstance(recorded, str) or not recorded:
        print(msg("note: the snapshot does not say what data it was trained on; training on the built-in "
                  "notebook set (give --data FILE.csv or --dataset NAME)"))
        return None
    if recorded in DATASETS:
        print(msg("note: training on the built-in {name} set the snapshot was trained on, with its default "
                  "size and noise (--samples and --noise if the run used others)", name=repr(recorded)))
        return recorded
    if Path(recorded).is_file():
        print(msg("note: training on {file}, the data the snapshot was trained on", file=recorded))
        return recorded
    raise MlpvizError(msg("{file} was trained on {data}, which is neither a built-in data set nor a file here; "
                          "give its data with --data FILE.csv (or --dataset NAME to train on other data)",
                          file=args.init_from, data=repr(recorded)))

