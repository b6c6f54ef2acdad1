"""Fitting a network and its data to each other: the targets a network trains on, the architecture
a data set needs, and CSV files as data sets. The app and the command line both fit through here."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mlpviz.datasets import Dataset, dataset_from_arrays
from mlpviz.engine import Architecture, DataError
from mlpviz.io import load_csv


def fit_targets(dataset: Dataset, arch: Architecture, test: bool = False) -> np.ndarray:
    """The training (or test) targets of ``dataset`` shaped for ``arch``; DataError if they can't be.

    Class labels become one-hot for a network with one output per class.
    """
    if dataset.n_inputs != arch.sizes[0]:
        raise DataError(
            f"the data set {dataset.name!r} has {dataset.n_inputs} input column(s); "
            f"the {arch.label()} network needs {arch.sizes[0]}"
        )
    return dataset.targets_for(arch.sizes[-1], test=test)


def arch_for_data(arch: Architecture, dataset: Dataset) -> Architecture:
    """``arch`` if it fits ``dataset``, else the same hidden layers with the data's inputs and outputs.

    More than two classes get a softmax output with cross-entropy; a single 0/1 target
    column gets a sigmoid with binary cross-entropy; other targets keep the output
    activation when it still works, else a linear output with squared error.
    """
    try:
        if dataset.n_inputs == arch.sizes[0]:
            dataset.targets_for(arch.sizes[-1])
            return arch
    except DataError:
        pass
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
    return Architecture(sizes, arch.hidden_activation, output, loss)


def dataset_from_csv(path, n_outputs: int | None = None) -> Dataset:
    """The CSV file at ``path`` as a Dataset named after the file (all rows for training).

    With ``n_outputs`` > 1 a single class-index column ``y`` becomes one-hot when it can;
    otherwise the file's own target columns are kept. Bad files raise the loader's DataError.
    """
    try:
        x, y = load_csv(path, n_outputs=n_outputs if n_outputs and n_outputs > 1 else None)
    except DataError:
        if not n_outputs or n_outputs == 1:
            raise
        x, y = load_csv(path)  # the file has its own target columns; the network will follow them
    return dataset_from_arrays(Path(path).stem, x, y)
