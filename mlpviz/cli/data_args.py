"""The network and data options ``train`` and ``check`` share: --sizes/--hidden/--output/--loss and --data/--dataset.

One place for each rule: the architecture is checked by ``Architecture``, a CSV file by the
reader, a built-in set by its generator, and a network that does not fit the data is told the
options that would.
"""

from __future__ import annotations

from mlpviz.i18n import english, msg, text


def add_network_arguments(p, sizes_help: str) -> None:
    """--sizes, --hidden, --output and --loss, with mlpviz's defaults."""
    p.add_argument("--sizes", help=sizes_help)
    p.add_argument("--hidden",
                   help=text(msg("hidden activation: relu, leaky_relu, sigmoid, tanh, linear (default relu)")))
    p.add_argument("--output", help=text(msg("output activation: sigmoid, softmax, linear, tanh (default sigmoid)")))
    p.add_argument("--loss", help=text(msg("loss: bce, ce, mse (default bce)")))


def architecture_from_args(args):
    """The Architecture of --sizes/--hidden/--output/--loss (checked by Architecture itself)."""
    from mlpviz.engine import Architecture, parse_sizes

    return Architecture(parse_sizes(args.sizes), args.hidden or "relu", args.output or "sigmoid", args.loss or "bce")


def add_data_arguments(p, what: str) -> None:
    """--data FILE.csv or --dataset NAME, and the options that go with each."""
    source = p.add_mutually_exclusive_group()
    source.add_argument("--data", metavar="FILE.csv",
                        help=text(msg("{what} as CSV (header; y or y1,y2,... targets)", what=what)))
    source.add_argument("--dataset", metavar="NAME", help=text(msg("built-in data set (default notebook)")))
    p.add_argument("--target", metavar="NAME",
                   help=text(msg("the --data file's target column, when it is not named y "
                                 "(e.g. --target species)")))
    p.add_argument("--delimiter", metavar="X",
                   help=text(msg("the --data file's separator: , ; tab or | (default: detected)")))
    p.add_argument("--decimal", metavar="X",
                   help=text(msg("the --data file's decimal mark: . or , (default: detected)")))
    p.add_argument("--one-hot", action="store_true",
                   help=text(msg("encode the --data file's text input columns as one 0/1 "
                                 "column per category (e.g. sex=female, sex=male)")))
    p.add_argument("--standardize", action="store_true",
                   help=text(msg("z-scores of the inputs: (x - mean) / std per column, "
                                 "from the training rows (applied to the test rows too); the snapshot's notes say so")))
    p.add_argument("--samples", type=int, default=None, help=text(msg("number of samples of the built-in data set")))
    p.add_argument("--noise", type=float, default=None, help=text(msg("noise of the built-in data set")))


def fix_for(arch, dataset, from_snapshot: bool) -> str:
    """"; use --sizes 4,8,3 --output softmax --loss ce" when a network of other sizes or head fits ``dataset``."""
    from mlpviz.engine import DataError
    from mlpviz.training.fit import arch_for_data, fit_targets

    fitted = arch_for_data(arch, dataset)
    if fitted == arch or from_snapshot:
        return ""
    try:
        fit_targets(dataset, fitted)
    except DataError:
        return ""
    options = [f"--sizes {','.join(map(str, fitted.sizes))}"]
    if fitted.output_activation != arch.output_activation:
        options.append(f"--output {fitted.output_activation}")
    if fitted.loss != arch.loss:
        options.append(f"--loss {fitted.loss}")
    return str(msg("; use {options}", options=" ".join(options)))


def dataset_from_args(args, arch, seed: int, recorded: str | None = None):
    """The data set the arguments name (a CSV file or a built-in set; else ``recorded``, the snapshot's)
    and its name for the summary."""
    from mlpviz.datasets import DATASETS, make_dataset
    from mlpviz.engine import MlpvizError
    from mlpviz.io import read_csv_table
    from mlpviz.training.fit import dataset_from_table

    if recorded is not None and recorded not in DATASETS:
        args.data = recorded
    elif recorded is not None:
        args.dataset = recorded
    file_options = {"target": args.target, "delimiter": args.delimiter, "decimal": args.decimal}
    if args.data:
        if args.samples is not None or args.noise is not None:
            raise MlpvizError(msg("--samples and --noise apply to built-in data sets, not to --data files"))
        try:
            table = read_csv_table(args.data, one_hot=args.one_hot,
                                   **{k: v for k, v in file_options.items() if v is not None})
        except MlpvizError as exc:
            if args.target is None and args.delimiter is None and "no target column" in english(exc):
                raise type(exc)(msg("{problem} (--target NAME)", problem=exc.args[0] if exc.args else exc)) from None
            raise
        for note in table.notes:  # an encoding assumed, an index column skipped, classes numbered
            print(msg("note: {note}", note=note))
        return _scaled(args, dataset_from_table(table), table.input_names), args.data
    given = [f"--{k}" for k, v in file_options.items() if v is not None] + (["--one-hot"] if args.one_hot else [])
    if given:
        raise MlpvizError(msg("{options} apply to --data files, not to built-in data sets", options=", ".join(given)))
    name = args.dataset or "notebook"
    overrides = {"seed": seed}
    if args.samples is not None:
        overrides["n_samples"] = args.samples
    if args.noise is not None:
        overrides["noise"] = args.noise
    if name == "blobs" and arch.sizes[-1] > 1:
        overrides["n_classes"] = arch.sizes[-1]
    return _scaled(args, make_dataset(name, **overrides)), name


def _scaled(args, dataset, names: tuple[str, ...] = ()):
    """``dataset`` standardized when ``--standardize`` asks (saying by what), else as it is."""
    from mlpviz.datasets import standardize

    if not args.standardize:
        return dataset
    dataset = standardize(dataset, names)
    print(msg("note: {note}", note=dataset.input_scaling.describe()))
    return dataset
