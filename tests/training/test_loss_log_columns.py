"""LossLog.from_columns: a log read back is a log only if it keeps the rules of one."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.engine import MlpvizError
from mlpviz.training.loss_log import LossEntries, LossLog


def _log() -> LossLog:
    log = LossLog(16)
    for step in range(1, 40):
        log.append(step, 1.0 / step, 2.0 / step, False, 0.5, 0.25)
    log.append(41, float("inf"), diverged=True)  # a refused step: past the kept one, infinite loss
    log.append(40, 0.02)  # trained on from the kept step
    return log


def test_a_log_comes_back_column_for_column():
    log = _log()
    back = LossLog.from_columns(log.entries(), last_step=40)
    for a, b in zip(log.entries(), back.entries()):
        assert a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
    back.append(41, 0.01)  # and goes on like any log
    assert back.steps[-1] == 41 and len(back) == len(log) + 1


def test_an_empty_log_is_a_log():
    assert len(LossLog.from_columns(LossLog().entries(), last_step=0)) == 0


def _changed(**columns) -> LossEntries:
    return _log().entries()._replace(**columns)


@pytest.mark.parametrize("entries, step", [
    (_log().entries(), 39),  # steps past the run's step
    (_changed(train=np.ones(3)), 40),  # columns of different lengths
    (_changed(steps=_log().steps[::-1].copy()), 40),  # steps that do not rise
    (_changed(steps=_log().steps.astype(float)), 40),  # steps that are not whole numbers
    (_changed(steps=_log().steps - 5), 40),  # negative steps
    (_changed(diverged=_log().diverged.astype(np.int8)), 40),  # marks that are not true/false
    (_changed(test=np.full(41, np.inf)), 40),  # an infinite test loss
    (_changed(train=np.full(41, -np.inf)), 40),  # an infinite loss on an applied step
    (_changed(accuracy=np.full(41, 1.5)), 40),  # accuracy over 100 %
    (_changed(test_accuracy=np.full((41, 1), 0.5)), 40),  # a column of two dimensions
    (LossEntries(*_log().entries()[:5], np.full(41, "x")), 40),  # text where numbers belong
])
def test_what_is_not_a_log_is_refused(entries, step):
    with pytest.raises(MlpvizError):
        LossLog.from_columns(entries, last_step=step)


def test_more_entries_than_the_budget_are_refused():
    with pytest.raises(MlpvizError, match="limit"):
        LossLog.from_columns(_log().entries(), last_step=40, max_entries=16)
