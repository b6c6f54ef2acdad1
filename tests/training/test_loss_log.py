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


def refused_at_503_back_to_2() -> LossLog:
    log = LossLog(capacity=4)
    log.append(1, 0.7)
    log.append(2, 0.69)
    log.append(503, 3.1, diverged=True)  # the refused step's mark, past the kept step 2
    return log


def test_steps_trained_after_a_refused_steps_mark_come_before_it_until_they_reach_it():
    log = refused_at_503_back_to_2()
    for step in range(3, 506):
        log.append(step, 0.5)
    steps = log.steps
    assert np.all(np.diff(steps) >= 0) and len(log) == 506
    (mark,) = np.flatnonzero(log.diverged)
    assert steps[mark] == 503 and steps[mark + 1] == 503 and log.train[mark] == 3.1  # the mark first at its step
    assert log.applied_at(3) == 2 and log.applied_at(503) == mark + 1 and log.applied_at(0) == -1


def test_a_run_apart_extends_past_the_mark_in_step_order():
    from mlpviz.training.loss_log import LossEntries

    log = refused_at_503_back_to_2()
    more = LossLog()
    for step in (3, 4):
        more.append(step, 0.5)
    log.extend(more.entries())
    assert log.steps.tolist() == [1, 2, 3, 4, 503] and log.diverged.tolist() == [False] * 4 + [True]
    assert log.applied_at(600) == 3
    later = LossEntries(*(np.asarray(c) for c in ([502, 503, 504], [0.4] * 3, [np.nan] * 3, [False] * 3,
                                                    [np.nan] * 3, [np.nan] * 3)))
    log.extend(later)
    assert log.steps.tolist() == [1, 2, 3, 4, 502, 503, 503, 504] and log.diverged[5] and not log.diverged[6]


def test_an_older_file_with_steps_after_the_mark_is_read_in_step_order():
    log = refused_at_503_back_to_2()
    columns = log.entries()
    old = type(columns)(*(np.concatenate((c, c[1:2])) for c in columns))  # 1, 2, 503✕, then a step "3"
    old.steps[-1] = 3
    read = LossLog.from_columns(old, 3)
    assert read.steps.tolist() == [1, 2, 3, 503] and read.diverged.tolist() == [False, False, False, True]
