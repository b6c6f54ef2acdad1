"""What a loss-log entry measures beside its batch's loss: the test loss and the accuracies, in as few forward
passes as the numbers need, and how often fast Run measures the training rows' accuracy.

Fast Run measures for every picture it sends (about 30 a second). The test rows' loss and accuracy come
from one forward pass. The training rows' accuracy is a pass over all of them: for a 784-128-64-10 network
on 1,024 rows it took 45% of the worker's time at every picture, so fast Run takes it only every
``accuracy_steps`` steps, about a tenth of the training; the entries between hold NaN (the curve joins the
measured points) and the run's last step is always measured.
"""

from __future__ import annotations

import math

import numpy as np

from mlpviz.datasets import Dataset
from mlpviz.engine import Architecture, Params, forward

from .accuracy import dataset_accuracy

ACCURACY_COST_SHARE_INV = 10  # fast Run spends about 1/10 of its steps' time measuring the training accuracy


def test_measures(arch: Architecture, params: Params, dataset: Dataset, test_targets: np.ndarray,
                  train_accuracy: bool = True) -> tuple[float, float, float]:
    """``(test loss, training accuracy, test accuracy)`` of ``params``, the numbers ``Trainer.test_loss()`` and
    ``Trainer.accuracy()`` give, the test rows' forward pass done once for both (``train_accuracy=False``: NaN)."""
    train = dataset_accuracy(arch, params, dataset) if train_accuracy else float("nan")
    if dataset.n_test == 0:
        return float("nan"), train, dataset_accuracy(arch, params, dataset, test=True)
    test = forward(arch, params, dataset.x_test, test_targets)
    return test.loss, train, dataset_accuracy(arch, params, dataset, test=True, outputs=test.outputs)


def accuracy_steps(rows: int, batch_size: int) -> int:
    """Steps between two measurements of the training accuracy on ``rows`` rows with batches of ``batch_size``
    (0: the full batch): a pass over all rows costs about ``rows / (3 × batch)`` steps (a step is about three
    batch-sized passes), so this many keep it to about a tenth of the training."""
    batch = max(1, min(batch_size or rows, rows))
    return max(1, math.ceil(ACCURACY_COST_SHARE_INV * rows / (3 * batch)))
