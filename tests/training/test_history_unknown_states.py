"""History: the kept steps whose optimizer state is not known (an older lesson's) stay marked as such through
copying, sampling, merging and pickling, and the steps recorded after them are known."""

from __future__ import annotations

import pickle

import numpy as np

from mlpviz.engine import Params
from mlpviz.engine.optimizers import frozen_state
from mlpviz.training.history import History

SIZES = (2, 3, 1)


def params(value: float) -> Params:
    return Params.from_flat(np.full(13, value), SIZES)


def state(count: int):
    return frozen_state("sgd", count, ("velocity",), [np.full(13, float(count))])


def old_timeline() -> History:
    """Steps 0, 2, 4, 6 with no known state, then 8 with one (the lesson's own)."""
    history = History()
    for step in (0, 2, 4, 6):
        history.record(step, params(step))
    history.record(8, params(8), state(8))
    history.forget_states_before(8)
    return history


def known(history: History) -> list[bool]:
    return [history.state_known(s) for s in history.steps.tolist()]


def test_the_steps_before_the_mark_are_unknown_and_those_recorded_later_known():
    history = old_timeline()
    assert known(history) == [False, False, False, False, True]
    assert not history.state_known(5) and history.state_known(9)
    history.truncate_after(4)  # Continue here at step 4: it trains on at rest
    history.record(5, params(5), state(1))
    assert known(history) == [False, False, False, True]
    history.record(3, params(3), state(1))  # going back below the mark records a known step
    assert history.states_unknown_before == 3 and known(history) == [False, False, True]


def test_copies_samples_merges_and_pickles_keep_the_mark():
    history = old_timeline()
    assert history.copy_until(6).states_unknown_before == 8
    assert history.sampled(10**9).states_unknown_before == 8
    assert pickle.loads(pickle.dumps(history)).states_unknown_before == 8
    many = History()
    for step in range(40):  # pickled as one block past sixteen steps
        many.record(step, params(step), state(step) if step >= 30 else None)
    many.forget_states_before(30)
    back = pickle.loads(pickle.dumps(many))
    assert back.states_unknown_before == 30 and back.state_at(35).equals(state(35))
    later = History()
    for step in (9, 10):
        later.record(step, params(step), state(step))
    merged = history.followed_by(later)
    assert merged.states_unknown_before == 8 and known(merged)[-3:] == [True, True, True]
    again = History()
    again.record(5, params(5), state(1))
    assert history.followed_by(again).states_unknown_before == 5  # a run apart went back to step 4


def test_a_restart_forgets_the_mark():
    history = old_timeline()
    history.restart(0, params(0))
    assert history.states_unknown_before == 0 and history.state_known(0)
