"""Accuracy of a classifier: the share of samples whose predicted class is their class.

The predicted class of a row of outputs ``ŷ (k,)`` is ``ŷ ≥ 0.5`` for one output (a
sigmoid's probability of class 1) and ``argmax ŷ`` for several (one output per class).
"""

from __future__ import annotations

import numpy as np

from mlpviz.datasets import Dataset
from mlpviz.engine import Architecture, Params, forward


def predicted_classes(outputs: np.ndarray) -> np.ndarray:
    """Class of each row of network outputs ``(N, k)``: ``(N,)`` integers."""
    if outputs.shape[1] == 1:
        return (outputs[:, 0] >= 0.5).astype(np.int64)
    return outputs.argmax(axis=1)


def accuracy_of(outputs: np.ndarray, labels: np.ndarray | None) -> float:
    """Share of rows of ``outputs (N, k)`` whose predicted class is ``labels (N,)``; NaN without labels or rows."""
    if labels is None or len(labels) == 0:
        return float("nan")
    return float(np.mean(predicted_classes(outputs) == labels))


def dataset_accuracy(arch: Architecture, params: Params, dataset: Dataset, test: bool = False,
                     outputs: np.ndarray | None = None) -> float:
    """Accuracy of the network on the training (or test) rows of ``dataset``; NaN when it holds no classes
    (or no such rows) or the network's outputs do not give classes (one output for more than two classes).
    ``outputs``: the network's outputs on those rows when the caller has them already (no forward pass again)."""
    labels = dataset.labels_test if test else dataset.labels_train
    if labels is None or not dataset.n_classes or len(labels) == 0:
        return float("nan")
    if arch.sizes[-1] == 1 and dataset.n_classes > 2:
        return float("nan")
    if outputs is None:
        outputs = forward(arch, params, dataset.x_test if test else dataset.x_train).outputs
    return accuracy_of(outputs, labels)
