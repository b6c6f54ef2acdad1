"""What fast Run measures per picture: the test loss and test accuracy from one forward pass, the same numbers as
measured apart; the training rows' accuracy (a pass over all of them) only every ``accuracy_steps`` steps."""

from __future__ import annotations

import math

import numpy as np

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.measures import ACCURACY_COST_SHARE_INV, accuracy_steps
from mlpviz.training.trainer import Trainer


def _trainer(batch_size: int = 16) -> Trainer:
    arch = Architecture((2, 8, 1), "tanh", "sigmoid", "bce")
    return Trainer(arch, make_dataset("xor", n_samples=120, seed=0), TrainingConfig().with_(batch_size=batch_size))


def test_the_measures_are_those_measured_one_by_one():
    t = _trainer()
    for _ in range(5):
        t.advance(measure_test=False)
    t.measure_test_loss()
    train_accuracy, test_accuracy = t.accuracy()
    assert t.loss_log.test[-1] == t.test_loss()
    assert t.loss_log.accuracy[-1] == train_accuracy and t.loss_log.test_accuracy[-1] == test_accuracy
    measured = t.loss_log.test[-1]
    t.advance()  # a Step measures everything, as before
    assert not math.isnan(t.loss_log.accuracy[-1]) and t.loss_log.test[-1] == t.test_loss() != measured


def test_without_the_training_accuracy_only_it_stays_unmeasured():
    t = _trainer()
    t.advance(measure_test=False)
    t.measure_test_loss(accuracy=False)
    assert math.isnan(t.loss_log.accuracy[-1])
    assert t.loss_log.test[-1] == t.test_loss() and t.loss_log.test_accuracy[-1] == t.accuracy()[1]


def test_the_training_accuracy_costs_about_a_tenth_of_the_steps_between_two_measurements():
    t = _trainer(batch_size=16)
    rows = t.dataset.n_train
    assert accuracy_steps(rows, 16) == math.ceil(ACCURACY_COST_SHARE_INV * rows / (3 * 16))
    assert accuracy_steps(rows, 0) == accuracy_steps(rows, rows) == math.ceil(ACCURACY_COST_SHARE_INV / 3)  # full batch
    assert np.isfinite(t.accuracy()[0])
