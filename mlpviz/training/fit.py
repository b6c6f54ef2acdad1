"""Fitting a network and its data to each other: the targets a network trains on (checked against its
loss), the architecture a data set needs, and CSV files as data sets. The app and the command line both
fit through here."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mlpviz.datasets import Dataset, class_targets, dataset_from_arrays, one_hot, standardize
from mlpviz.engine import Architecture, DataError, check_inputs, check_targets
from mlpviz.i18n import msg
from mlpviz.io import CsvTable, read_csv_table


def fit_targets(dataset: Dataset, arch: Architecture, test: bool = False) -> np.ndarray:
    """The training (or test) targets of ``dataset`` shaped for ``arch``; DataError if they can't be.

    Class labels become one-hot for a network with one output per class. Targets the
    loss cannot learn from (``check_targets``: bce outside 0..1, ce rows that are not
    classes) are refused with what would work.
    """
    check_inputs(arch.sizes[0], dataset.n_inputs)
    targets = dataset.targets_for(arch.sizes[-1], test=test)
    check_targets(arch, targets)
    return targets


def arch_for_data(arch: Architecture, dataset: Dataset) -> Architecture:
    """``arch`` if it fits ``dataset`` as the data are (``_fits``), else the same hidden layers with the data's
    inputs and outputs, as a fresh network for these data gets them.

    More than two classes get a softmax output with cross-entropy; a single 0/1 target
    column gets a sigmoid with binary cross-entropy; other targets keep the output
    activation when its loss can learn them (``check_targets``), else a linear output
    with squared error. Targets that do not suit a fitting ``arch`` are left for the
    trainer's ``check_targets`` to refuse.
    """
    if _fits(arch, dataset):
        return arch
    n_out = dataset.n_outputs
    if dataset.n_classes > 2:
        output, loss = "softmax", "ce"
    elif dataset.n_classes == 2 and n_out == 1:
        output, loss = "sigmoid", "bce"
    elif arch.output_activation == "softmax" and n_out == 1:
        output, loss = "linear", "mse"
    else:
        output, loss = arch.output_activation, arch.loss
    sizes = (dataset.n_inputs,) + tuple(arch.sizes[1:-1]) + (n_out,)
    fitted = Architecture(sizes, arch.hidden_activation, output, loss)
    try:
        check_targets(fitted, dataset.y_train)
    except DataError:
        fitted = Architecture(sizes, arch.hidden_activation, "linear", "mse")
    return fitted


def network_for_data(arch: Architecture, dataset: Dataset) -> tuple[Dataset, Architecture, str]:
    """New data in place of the old (a data file opened, a data set chosen): ``(dataset, network, note)``.

    The network stays when it fits the data as they are (``arch_for_data``), or when the data's class numbers
    skip some (0, 1, 5) and fall within its softmax outputs: then they are class indices of its classes (the
    note says so). Otherwise the network is rebuilt from the data alone, whatever outputs it had: two classes
    after Iris get one sigmoid output with bce, as they do in a fresh window.
    """
    if dataset.n_inputs == arch.sizes[0]:
        classed, note = classes_for(arch, dataset)
        if note and _skips_numbers(classed):
            return classed, arch, note
    return dataset, arch_for_data(arch, dataset), ""


def _fits(arch: Architecture, dataset: Dataset) -> bool:
    """Whether ``arch`` takes ``dataset`` as it is: its inputs, an output per target column, and for classes a
    classifier's head (one sigmoid output with bce for two, one softmax output per class with ce)."""
    n_out = arch.sizes[-1]
    if dataset.n_inputs != arch.sizes[0]:
        return False
    if dataset.n_classes >= 2:
        return ((n_out, arch.output_activation, arch.loss) == (1, "sigmoid", "bce") and dataset.n_outputs == 1
                or (n_out, arch.output_activation, arch.loss) == (dataset.n_classes, "softmax", "ce"))
    return dataset.n_outputs == n_out


def _skips_numbers(dataset: Dataset) -> bool:
    """Whether the class numbers the data show leave a gap below the largest (0, 1, 5: not 0, 1 nor 0, 1, 2)."""
    seen = np.unique(np.concatenate([dataset.labels_train, dataset.labels_test]))
    return len(seen) < int(seen.max()) + 1


def classes_for(arch: Architecture, dataset: Dataset) -> tuple[Dataset, str]:
    """``dataset`` read for ``arch``'s k softmax outputs, and a note: whole-number targets within 0..k-1 are class
    indices, even when the data show only some of the classes (labels 0, 1, 5 for 7 outputs).

    ``(dataset, "")`` when that does not apply: not a softmax network, targets that are not whole numbers
    0..k-1, named classes, or as many classes as outputs already.
    """
    k = arch.sizes[-1]
    if arch.output_activation != "softmax" or k < 2 or dataset.n_classes >= k:
        return dataset, ""
    if dataset.labels_train is not None:
        if dataset.class_names and dataset.class_names != tuple(str(c) for c in range(dataset.n_classes)):
            return dataset, ""
        train, test = dataset.labels_train, dataset.labels_test
    elif dataset.n_outputs == 1:
        train, test = dataset.y_train[:, 0], dataset.y_test[:, 0]
        every = np.concatenate([train, test])
        if not ((every == np.round(every)).all() and (every >= 0).all() and (every < k).all()):
            return dataset, ""
        train, test = train.astype(np.int64), test.astype(np.int64)
    else:
        return dataset, ""
    seen = np.unique(np.concatenate([train, test]))
    absent = [c for c in range(k) if c not in seen]
    classed = Dataset(dataset.name, dataset.x_train, one_hot(train, k), dataset.x_test, one_hot(test, k), train, test,
                      k, tuple(str(c) for c in range(k)), dataset.input_scaling)
    note = str(msg("the targets {seen} are read as class indices of the network's {k} softmax outputs (classes "
                   "0..{last})", seen=", ".join(str(c) for c in seen), k=k, last=k - 1))
    if absent:
        note += str(msg("; class(es) {absent} do not occur in the data", absent=", ".join(str(c) for c in absent)))
    return classed, note


def dataset_for_network(table: CsvTable, arch: Architecture) -> tuple[Dataset, str]:
    """A CSV file chosen for a network that stays as it is (a network file opened on other data): ``(dataset,
    note)`` with its classes read as ``classes_for`` does; InputsMismatch or DataError when it cannot feed ``arch``."""
    dataset, note = classes_for(arch, dataset_from_table(table))
    fit_targets(dataset, arch)
    fit_targets(dataset, arch, test=True)
    return dataset, note


def dataset_from_table(table: CsvTable, test_fraction: float = 0.0, seed: int = 0) -> Dataset:
    """A read CSV file as a Dataset named after the file, ``test_fraction`` of its rows held out by ``seed``.

    A class column (numbers 0..k-1 or names) becomes classes with their names: one 0/1
    target column for two classes, one-hot targets for more; other targets stay as they are.
    With ``table.standardize`` the inputs become z-scores of the training rows (``standardize``).
    """
    name = Path(table.path).stem
    if table.labels is None:
        dataset = dataset_from_arrays(name, table.x, table.y, test_fraction, seed)
    else:
        targets = class_targets(table.labels, table.n_classes)
        dataset = dataset_from_arrays(name, table.x, targets, test_fraction, seed, table.class_names)
    return standardize(dataset, table.input_names) if table.standardize else dataset


def dataset_from_csv(path, n_outputs: int | None = None, **overrides) -> Dataset:
    """The CSV file at ``path`` as a Dataset (all rows for training); bad files raise the reader's DataError.

    ``overrides`` (``target``, ``delimiter``, ``decimal``, ``encoding``) go to ``read_csv_table``.
    ``n_outputs`` is no longer needed: a class column's classes decide the targets, and
    ``arch_for_data`` then fits the network to them (kept so that existing callers work).
    """
    return dataset_from_table(read_csv_table(path, **overrides))
