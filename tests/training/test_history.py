"""History: every step kept until the budget, then older steps thinned; session scrub and continue."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.app.session import Session
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, MlpvizError, Params
from mlpviz.training.history import History
from mlpviz.training.settings import TrainingConfig


def _params(sizes, value: float) -> Params:
    n = sum(i * o + o for i, o in zip(sizes[:-1], sizes[1:]))
    return Params.from_flat(np.full(n, value), sizes)


def test_keeps_every_step_under_budget_and_finds_nearest_below():
    h = History(budget_bytes=2**20)
    for step in range(0, 50):
        h.record(step, _params((2, 3, 1), float(step)))
    assert list(h.steps) == list(range(50))
    assert h.params_at(17).flat[0] == 17.0
    h.truncate_after(20)
    assert h.last_step == 20 and h.params_at(99).flat[0] == 20.0
    assert h.nearest(-5) == 0


def test_record_replaces_later_steps_and_new_shapes_restart():
    h = History()
    for step in range(5):
        h.record(step, _params((2, 3, 1), float(step)))
    h.record(3, _params((2, 3, 1), 33.0))
    assert list(h.steps) == [0, 1, 2, 3] and h.params_at(3).flat[0] == 33.0
    h.record(7, _params((2, 2, 1), 1.0))
    assert list(h.steps) == [7] and h.params_at(7).sizes == (2, 2, 1)


def test_empty_history_refuses():
    with pytest.raises(MlpvizError):
        History().params_at(0)


def test_returned_params_survive_thinning():
    h = History(budget_bytes=2**20)
    sizes = (64, 32, 16, 10)
    h.record(0, _params(sizes, 0.0))
    early = h.params_at(0)
    for step in range(1, 200):
        h.record(step, _params(sizes, float(step)))
    assert early.flat[0] == 0.0 and h.params_at(0).flat[0] == 0.0


def test_ten_thousand_steps_of_a_64_32_16_10_network_stay_within_budget():
    sizes = (64, 32, 16, 10)
    budget = 8 * 2**20
    h = History(budget_bytes=budget)
    rng = np.random.default_rng(0)
    base = rng.standard_normal(_params(sizes, 0).flat.size)
    for step in range(10_000):
        h.record(step, Params.from_flat(base + step, sizes))
        assert h.nbytes <= budget
    steps = h.steps
    assert steps[0] == 0 and steps[-1] == 9_999
    assert np.all(np.diff(steps) > 0)
    assert len(steps) > 100  # the budget is used, not emptied
    # recent steps dense, old ones thinned: the gaps only grow towards the past
    gaps = np.diff(steps)
    assert gaps[-1] == 1 and gaps[: len(gaps) // 4].mean() > gaps[-len(gaps) // 4 :].mean()
    for step in (0, int(steps[len(steps) // 2]), 9_999):
        assert np.array_equal(h.params_at(step).flat, base + step)


def test_lowering_the_budget_thins_and_shrinks():
    sizes = (64, 32, 16, 10)
    h = History(budget_bytes=16 * 2**20)
    for step in range(2_000):
        h.record(step, _params(sizes, float(step)))
    h.budget_bytes = 2 * 2**20
    assert h.nbytes <= 2 * 2**20 and h.first_step == 0 and h.last_step == 1_999


def _session(batch_size: int = 0) -> Session:
    s = Session()
    s.set_animate(False)
    s.set_data(make_dataset("moons", n_samples=40, seed=1), Architecture((2, 4, 1), "tanh", "sigmoid", "bce"))
    s.set_config(TrainingConfig(seed=3, batch_size=batch_size, learning_rate=0.5))
    s.reset()
    return s


@pytest.mark.parametrize("batch_size", [0, 7])
def test_scrub_shows_exactly_the_params_of_step_k(qtbot, batch_size):
    s = _session(batch_size)
    produced = [s.params]
    for _ in range(12):
        s.step()
        produced.append(s.params)
    fresh = _session(batch_size)
    for _ in range(5):
        fresh.step()
    s.navigation.show(5)
    assert s.state.step == 5
    assert s.state.params.equals(produced[5]) and s.state.params.equals(fresh.params)
    assert s.state.record.inputs.shape[0] == fresh.trainer.next_batch[0].shape[0]
    assert np.array_equal(s.state.record.inputs, fresh.trainer.next_batch[0])
    assert s.step_count == 12  # scrubbing does not change the run


@pytest.mark.parametrize("batch_size", [0, 7])
def test_continue_from_k_equals_a_fresh_run_stopped_at_k(qtbot, batch_size):
    s = _session(batch_size)
    for _ in range(15):
        s.step()
    s.navigation.continue_from(6)
    assert s.step_count == 6 and s.history.last_step == 6
    assert list(s.loss_log.steps) == list(range(1, 7))
    fresh = _session(batch_size)
    for _ in range(6):
        fresh.step()
    assert s.params.equals(fresh.params)
    for _ in range(9):
        s.step()
        fresh.step()
    assert s.params.equals(fresh.params)
    assert np.array_equal(s.loss_log.train, fresh.loss_log.train)


def test_compare_to_rides_on_every_published_state(qtbot):
    s = _session()
    s.step()
    other = s.history.params_at(0)
    s.navigation.set_compare(other)
    assert s.state.compare_to is other
    s.step()
    assert s.state.compare_to is other
    s.navigation.set_compare(None)
    assert s.state.compare_to is None
    s.navigation.set_compare(other)
    s.reset()  # a new run: nothing to compare with
    assert s.state.compare_to is None
    s.step()
    assert s.state.compare_to is None


def test_step_while_an_earlier_step_is_shown_says_it_trains_on_from_the_latest(qapp, qtbot):
    from mlpviz.app.session import Session

    session = Session()
    session.set_animate(False)
    for _ in range(3):
        session.step()
    session.navigation.show(1)
    with qtbot.waitSignal(session.message) as signal:
        session.step()
    assert "latest step 3" in signal.args[0] and "Continue here" in signal.args[0]
    assert session.step_count == 4


def test_recording_keeps_read_only_vectors_without_copying_and_copies_writable_ones():
    h = History()
    sizes = (2, 3, 1)
    kept = _params(sizes, 1.0)
    h.record(0, kept)
    assert h.params_at(0).flat is kept.flat  # immutable: shared, not copied
    writable = np.full(kept.flat.size, 2.0)
    h.record(1, Params.from_flat(writable.copy(), sizes))
    view = np.full(2 * kept.flat.size, 3.0)[: kept.flat.size]  # a view into a larger array: copied
    h.record(2, Params.from_flat(view, sizes))
    assert h.params_at(2).flat.base is None and h.params_at(2).flat[0] == 3.0


def test_thinning_frees_the_dropped_vectors_a_few_at_a_time_never_all_in_one_step():
    """Freeing half a million small vectors at once stalled the window ~0.4 s: each record frees a bounded few."""
    import weakref

    from mlpviz.training.history import RELEASE_PER_RECORD

    arch = Architecture((2, 4, 1))
    history = History(1024 * 1024)
    history.record(0, Params.from_flat(np.zeros(17), arch.sizes))
    rows = history._max_rows()
    for step in range(1, rows):
        history.record(step, Params.from_flat(np.full(17, float(step)), arch.sizes))
    alive = [weakref.ref(flat) for flat in history._flats]  # the vectors kept, nothing else holds them
    assert all(ref() is not None for ref in alive) and len(history) == rows
    freed = []
    for step in range(rows, rows + rows // 5):  # one thinning, not yet the next
        history.record(step, Params.from_flat(np.zeros(17), arch.sizes))
        freed.append(sum(ref() is None for ref in alive))
    per_step = np.diff([0, *freed])
    dropped = rows - len({int(s) for s in history.steps if s < rows})
    assert dropped >= rows // 4 > 10 * RELEASE_PER_RECORD  # one thinning dropped many vectors...
    assert per_step.max() <= RELEASE_PER_RECORD  # ...freed a bounded few a step
    assert freed[-1] == dropped  # and all of them long before the next thinning
