"""The loss log grows without limit in amortised O(1) and can be cut back."""

import numpy as np

from mlpviz.training.loss_log import LossLog


def test_grows_past_its_capacity_and_keeps_every_value():
    log = LossLog(capacity=4)
    for i in range(1, 11):
        log.append(i, 1.0 / i, diverged=(i == 10))
    assert len(log) == 10
    assert log.steps.tolist() == list(range(1, 11))
    np.testing.assert_array_equal(log.train, 1.0 / np.arange(1, 11))
    assert np.isnan(log.test).all()
    assert log.diverged.tolist() == [False] * 9 + [True]


def test_truncate_and_fill_in_test_loss():
    log = LossLog()
    for i in range(5):
        log.append(i, float(i))
    log.truncate(3)
    log.set_last_test(0.5)
    assert log.steps.tolist() == [0, 1, 2]
    assert log.test[-1] == 0.5
