"""Going back to a kept step (a refused run) restores that step exactly: parameters, optimizer state and the
record that led there, so the run goes on as if the refused stretch had never been trained."""

from __future__ import annotations

import time

import numpy as np
import pytest

from mlpviz.app.presets import PRESETS
from mlpviz.training.history import History
from mlpviz.training.thrash import NO_PROGRESS
from mlpviz.training.trainer import Trainer


def spiral(**changes) -> Trainer:
    setup = PRESETS["spiral"].build()
    return Trainer(setup.arch, setup.dataset, setup.config.with_(**changes), setup.params)


def refused(t: Trainer, steps: int = 3000):
    for _ in range(steps):
        if t.advance(measure_test=False).diverged:
            return t.divergence
    pytest.fail("never refused")


def same_run_stopped_at(make, step: int) -> Trainer:
    """The same run trained ``step`` steps without ever being refused."""
    t = make()
    for _ in range(step):
        t.advance(measure_test=False)
    return t


def at_rest(state) -> bool:
    return state is None or (state.count == 0 and not any(a.any() for a in state.arrays))


def assert_same_state(a: Trainer, b: Trainer) -> None:
    assert a.step == b.step and a.params.equals(b.params)
    if at_rest(b.optimizer_state):
        assert at_rest(a.optimizer_state)
    else:
        assert b.optimizer_state.equals(a.optimizer_state), (a.optimizer_state, b.optimizer_state)


def test_a_thrashing_spiral_goes_back_to_its_best_step_with_that_steps_velocity():
    """Issue: after the refusal at step 503 the next step's velocity started at 0 though steps 1-2 ran at μ 0.5."""
    make = lambda: spiral(learning_rate=2.5, momentum=0.5)  # noqa: E731
    t = make()
    d = refused(t)
    assert d.reason == NO_PROGRESS and t.step == d.kept_step < d.step
    clean = same_run_stopped_at(make, d.kept_step)
    assert clean.optimizer_state is not None and clean.optimizer_state.count == d.kept_step
    assert_same_state(t, clean)
    assert t.last_record is not None and not t.last_record.diverged  # the step that led to the kept parameters
    assert t.last_record.params_after is t.params
    assert t.last_record.loss == clean.last_record.loss
    assert np.array_equal(t.last_record.state_after["velocity"], clean.optimizer_state["velocity"])
    t.set_settings(t.settings.with_(learning_rate=1.25))  # the notice's fix, as the button does
    clean.set_settings(clean.settings.with_(learning_rate=1.25))
    for _ in range(3):
        a, b = t.advance(measure_test=False), clean.advance(measure_test=False)
        assert np.array_equal(a.state_before["velocity"], b.state_before["velocity"])
        assert a.state_before["velocity"].any()  # v = μ·v_prev + g, v_prev not 0
    assert_same_state(t, clean)


@pytest.mark.parametrize("changes", [dict(learning_rate=10.0), dict(optimizer="adam", learning_rate=3.0, momentum=0.0)],
                         ids=["sgd diverging", "adam thrashing"])
def test_a_refused_run_goes_back_with_its_optimizer_state_and_step_count(changes):
    """SGD at η 10, μ 0.9: the loss rises 100-fold at step 19, back to step 2; Adam at η 3: no progress by step
    502, back to step 1, its moments and step count (the bias correction's) as they were."""
    make = lambda: spiral(**changes)  # noqa: E731
    t = make()
    d = refused(t)
    assert 0 < d.kept_step == t.step < d.step
    clean = same_run_stopped_at(make, d.kept_step)
    assert_same_state(t, clean)
    assert t.optimizer_state.count == d.kept_step
    assert t.last_record.params_after is t.params and t.last_record.loss == clean.last_record.loss
    a, b = t.advance(measure_test=False), clean.advance(measure_test=False)
    assert a.loss == b.loss and a.params_after.equals(b.params_after)


def test_a_refused_run_in_another_process_comes_back_with_the_kept_steps_optimizer_state():
    """Fast Run trains in a worker process: its end carries the kept step's state and record back."""
    from mlpviz.training.run_apart import RunApart, follow

    make = lambda: spiral(learning_rate=2.5, momentum=0.5)  # noqa: E731
    here, there = make(), make()
    d = refused(here)
    worker, seen = RunApart(), []
    try:
        worker.start(there)
        deadline = time.perf_counter() + 60  # a bound on a busy machine, not a pace
        while not (seen and seen[-1].end is not None):
            assert time.perf_counter() < deadline, "the worker never ended the run"
            time.sleep(0.02)
            seen += worker.reports()
        seen += worker.stop()
    finally:
        worker.close()
    for report in seen:
        follow(there, report)
    assert there.divergence == d and seen[-1].end.refused.diverged  # the refused step comes back too
    assert_same_state(there, here)
    assert there.last_record is not None and there.last_record.params_after is there.params  # it explains them
    assert there.last_record.loss == here.last_record.loss


@pytest.mark.parametrize("changes", [dict(momentum=0.9), dict(optimizer="adam", learning_rate=0.01, momentum=0.0)],
                         ids=["momentum", "adam"])
def test_continue_here_from_a_kept_step_trains_on_with_that_steps_optimizer_state(changes):
    """The timeline's Continue here went back at rest ("the history keeps no optimizer state")."""
    make = lambda: spiral(**changes)  # noqa: E731
    t = make()
    for _ in range(30):
        t.advance()
    clean = same_run_stopped_at(make, 12)
    assert t.snapshot(12).state.equals(clean.optimizer_state)  # a snapshot of the step shown: its state too
    assert t.continue_from(12) == 12
    assert not at_rest(clean.optimizer_state)
    assert_same_state(t, clean)
    for _ in range(5):
        a, b = t.advance(), clean.advance()
        assert a.loss == b.loss
    assert_same_state(t, clean)


def test_the_history_keeps_each_steps_state_through_thinning_copies_and_another_process():
    import pickle

    t = spiral(momentum=0.9)
    t.history.budget_bytes = 1 << 20  # the smallest budget: thinned many times over 3,000 steps
    states = {}
    for _ in range(3000):
        t.advance(measure_test=False)
        states[t.step] = t.optimizer_state
    h = t.history
    row = 105 * 8 + 128  # a 2-8-8-1 network's vector and its overhead: a row is two of them with the velocity
    assert h.nbytes <= h.budget_bytes and len(h) <= h.budget_bytes // (2 * row) + 1
    for history in (h, h.copy_until(2000), h.sampled(1 << 16), pickle.loads(pickle.dumps(h)),
                    History(h.budget_bytes).followed_by(pickle.loads(pickle.dumps(h.sampled(1 << 16))))):
        for step in history.steps.tolist():
            state = history.state_at(step)
            assert at_rest(state) if step == 0 else state.equals(states[step]) and state.count == step
    assert len(h.sampled(1 << 16)) > 16  # (pickled as one block)
