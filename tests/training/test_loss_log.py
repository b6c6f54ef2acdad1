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


def test_past_its_budget_the_log_thins_old_steps_and_keeps_the_curve_s_extremes():
    log = LossLog(capacity=16, max_entries=64)
    rng = np.random.default_rng(0)
    losses = rng.random(10_000)
    losses[123] = 50.0  # a spike the curve must keep
    losses[456] = -1.0  # and a dip
    for step, loss in enumerate(losses, start=1):
        log.append(step, float(loss), diverged=(step == 789))
    assert len(log) <= 64 and log.capacity <= 64
    assert log.steps[0] == 1 and log.steps[-1] == 10_000
    assert np.all(np.diff(log.steps) > 0)
    assert 50.0 in log.train and -1.0 in log.train and 789 in log.steps[log.diverged]
    assert np.array_equal(log.steps[-16:], np.arange(9985, 10_001))  # recent steps stay dense


def test_accuracy_columns_survive_growth_thinning_and_copies():
    from mlpviz.training.loss_log import LossLog

    log = LossLog(capacity=4, max_entries=64)
    for step in range(1, 201):
        log.append(step, 1.0 / step, accuracy=step / 200, test_accuracy=step / 400)
    assert len(log) <= 64 and log.accuracy[-1] == 1.0 and log.test_accuracy[-1] == 0.5
    np.testing.assert_array_equal(log.accuracy, log.steps / 200)
    copy = log.copy_until(150)
    assert copy.steps[-1] <= 150 and copy.accuracy[-1] == copy.steps[-1] / 200
    log.append(201, 0.1)
    assert np.isnan(log.accuracy[-1])
    log.set_last_test(0.2, 0.9, 0.8)
    assert (log.accuracy[-1], log.test_accuracy[-1]) == (0.9, 0.8)
