"""Run in another process: the run that comes back is the run, bit for bit, divergence and limits included."""

from __future__ import annotations

import time
from typing import Callable

import numpy as np
import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, Params
from mlpviz.io.limits import MAX_STEP
from mlpviz.training.history import History
from mlpviz.training.loss_log import LossLog
from mlpviz.training.loop import DIVERGED, LAST_STEP
from mlpviz.training.run_apart import STOPPED, RunApart, follow
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

ARCH = Architecture((2, 8, 8, 1), "tanh", "sigmoid", "bce")
DEADLINE_SECONDS = 60  # a bound for the worker on a busy machine, never a pace


@pytest.fixture(scope="module")
def apart():
    worker = RunApart()
    yield worker
    worker.close()


def trainer(**settings) -> Trainer:
    config = TrainingConfig().with_(**{"learning_rate": 0.3, "momentum": 0.9, "batch_size": 16, **settings})
    return Trainer(ARCH, make_dataset("xor", n_samples=120, seed=0), config)


def ended(reports: list) -> bool:
    """The worker ended the run itself (diverged, last step): its last report says why."""
    return bool(reports) and reports[-1].end is not None


def run_for(apart: RunApart, t: Trainer, seconds: float, ask: bool = True,
            enough: Callable[[list], bool] = bool) -> list:
    """Run ``t`` apart for at least ``seconds`` and until ``enough(reports)`` (by default: one came),
    following every report; returns the reports. A worker slow to start on a busy machine is waited
    for, up to ``DEADLINE_SECONDS``, so what the run must show does not depend on the machine's pace."""
    seen = []
    apart.start(t)
    start = time.perf_counter()
    while apart.running and (time.perf_counter() < start + seconds or not enough(seen)):
        assert time.perf_counter() < start + DEADLINE_SECONDS, f"no {enough.__name__} in {DEADLINE_SECONDS} s"
        if ask:
            apart.ask()
        time.sleep(0.02)
        seen += apart.reports()
    seen += apart.stop()
    for report in seen:
        follow(t, report)
    return seen


def replay(steps_to: int, **settings) -> Trainer:
    """The same run trained here, step by step, as fast Run does (test loss not measured per step)."""
    t = trainer(**settings)
    for _ in range(3):
        t.advance()
    while t.step < steps_to:
        t.advance(measure_test=False)
    return t


def test_a_run_apart_is_the_same_run_bit_for_bit(apart):
    t = trainer(shuffle=True)
    for _ in range(3):
        t.advance()
    reports = run_for(apart, t, 0.4, enough=lambda seen: len(seen) > 2 and seen[-1].step > 100)
    assert reports[-1].end.reason == STOPPED and len(reports) > 2
    assert t.step > 100

    here = replay(t.step, shuffle=True)
    assert t.params.equals(here.params)
    assert t.optimizer_state.equals(here.optimizer_state) and t.optimizer_state.names == ("velocity",)
    assert np.array_equal(t.loss_log.steps, here.loss_log.steps)
    assert np.array_equal(t.loss_log.train, here.loss_log.train)
    assert np.array_equal(t.history.steps, here.history.steps)
    assert t.history.params_at(t.step).equals(t.params)
    assert t.last_record.params_after.equals(t.params)

    # and it trains on from there like any run
    t.advance()
    here.advance()
    assert t.params.equals(here.params)


@pytest.mark.parametrize("settings", [
    {"optimizer": "adam", "learning_rate": 0.02, "schedule": "cosine", "schedule_steps": 40, "warmup": 5},
    {"optimizer": "rmsprop", "learning_rate": 0.01, "momentum": 0.5, "schedule": "step", "schedule_steps": 7},
], ids=["adam-cosine", "rmsprop-step"])
def test_a_run_apart_with_another_optimizer_and_a_schedule_is_the_same_run(apart, settings):
    t = trainer(shuffle=True, **settings)
    for _ in range(3):
        t.advance()
    run_for(apart, t, 0.4)
    assert t.step > 3
    here = replay(t.step, shuffle=True, **settings)
    assert t.params.equals(here.params) and t.optimizer_state.equals(here.optimizer_state)
    assert t.optimizer_state.count == t.step and t.optimizer_state.optimizer == settings["optimizer"]
    t.advance()
    here.advance()
    assert t.params.equals(here.params) and t.optimizer_state.equals(here.optimizer_state)


def test_reports_carry_read_only_records_and_measured_test_loss(apart):
    t = trainer()
    reports = run_for(apart, t, 0.2, enough=lambda seen: any(len(r.loss.steps) for r in seen))
    record = reports[0].record
    assert not record.inputs.flags.writeable and not record.deltas[0].flags.writeable
    assert not record.params_after.flat.flags.writeable
    ends = [len(r.loss.steps) for r in reports if len(r.loss.steps)]
    assert ends and all(not np.isnan(r.loss.test[-1]) for r in reports if len(r.loss.steps))


def test_a_second_run_reuses_the_data_and_goes_on(apart):
    t = trainer()
    run_for(apart, t, 0.1)
    first = t.step
    run_for(apart, t, 0.1, enough=lambda seen: bool(seen) and seen[-1].step > first)
    assert t.step > first
    assert np.all(np.diff(t.loss_log.steps) == 1) and t.loss_log.steps[-1] == t.step
    assert t.params.equals(replay(t.step).params)


def test_divergence_apart_ends_where_it_ends_here(apart):
    t = trainer(learning_rate=1e6, momentum=0.0)
    t.advance()
    reports = run_for(apart, t, 0.0, ask=False, enough=ended)
    assert reports[-1].end.reason == DIVERGED

    here = trainer(learning_rate=1e6, momentum=0.0)
    here.advance()
    while not here.advance(measure_test=False).diverged:
        pass
    assert t.divergence == here.divergence
    assert t.step == here.step == t.divergence.kept_step
    assert t.params.equals(here.params)
    assert np.array_equal(t.loss_log.steps, here.loss_log.steps)
    assert np.array_equal(t.loss_log.diverged, here.loss_log.diverged)
    assert t.history.params_at(t.step).equals(t.params)


def test_a_run_apart_stops_at_the_last_countable_step(apart):
    t = trainer()
    t.restart(t.params, step=MAX_STEP - 5)
    reports = run_for(apart, t, 0.0, ask=False, enough=ended)
    assert reports[-1].end.reason == LAST_STEP
    assert t.step == MAX_STEP


def test_snapshots_come_back_every_n_steps(apart):
    t = trainer()
    apart.start(t, snapshot_every=25)
    reports, deadline = [], time.perf_counter() + DEADLINE_SECONDS
    while not any(r.snapshots for r in reports):  # the worker may be slow to start on a busy machine
        assert time.perf_counter() < deadline
        apart.ask()
        time.sleep(0.02)
        reports += apart.reports()
    reports += apart.stop()
    snaps = [s for r in reports for s in r.snapshots]
    for r in reports:
        follow(t, r)
    assert [s.step for s in snaps] == list(range(25, t.step + 1, 25))
    assert snaps[0].params.equals(replay(25).params)


def test_extending_a_loss_log_equals_appending_one_by_one():
    rng = np.random.default_rng(0)
    one, bulk, source = LossLog(16, max_entries=64), LossLog(16, max_entries=64), LossLog(max_entries=10_000)
    for step in range(1, 300):
        values = (step, rng.random(), rng.random(), step % 37 == 0, rng.random(), rng.random())
        one.append(*values)
        source.append(*values)
    for start in range(0, 299, 50):
        part = source.entries(start)
        bulk.extend(type(part)(*(column[:50] for column in part)))
    for column in ("steps", "train", "test", "diverged", "accuracy", "test_accuracy"):
        assert np.array_equal(getattr(one, column), getattr(bulk, column), equal_nan=True)


def test_a_history_followed_by_a_later_one_stays_within_its_budget():
    sizes = (2, 3, 1)
    earlier, later = History(2**20), History(2**20)
    width = 13
    row = lambda step: Params.from_flat(np.full(width, float(step)), sizes)
    for step in range(0, 10):
        earlier.record(step, row(step))
    for step in range(9, 200_000, 1):
        later.record(step, row(step))
    import pickle

    merged = earlier.followed_by(pickle.loads(pickle.dumps(later)))
    assert merged.first_step == 0 and merged.last_step == 199_999
    assert merged.nbytes <= merged.budget_bytes
    assert merged.params_at(199_999).flat[0] == 199_999.0
    assert len(earlier) == 10  # unchanged
    assert all(flat.base is None and not flat.flags.writeable for flat in merged._flats)


def test_reports_of_a_large_network_carry_evenly_fewer_steps_and_the_latest(apart):
    from mlpviz.datasets import dataset_from_arrays
    from mlpviz.training.run_apart import REPORT_HISTORY_BYTES

    rng = np.random.default_rng(0)
    x, y = rng.random((256, 200)), np.eye(10)[rng.integers(0, 10, 256)]
    arch = Architecture((200, 256, 10), "relu", "softmax", "ce")  # 54,000 parameters: 430 kB a step
    t = Trainer(arch, dataset_from_arrays("random", x, y), TrainingConfig().with_(batch_size=8, learning_rate=0.01))
    reports = run_for(apart, t, 0.5, enough=lambda seen: len(seen) > 1)
    assert t.step > len(reports)  # more steps than reports: some steps' parameters were left out
    for report in reports:
        assert report.history.nbytes <= REPORT_HISTORY_BYTES
        if len(report.history):
            assert report.history.last_step == report.step  # the latest step is always there
    assert t.history.last_step == t.step and t.history.params_at(t.step).equals(t.params)
    assert np.all(np.diff(t.history.steps) > 0)


def test_a_sampled_history_keeps_the_latest_and_spreads_the_rest():
    sizes = (2, 3, 1)
    history = History(2**20)
    for step in range(100):
        history.record(step, Params.from_flat(np.full(13, float(step)), sizes))
    row = history.nbytes // len(history)
    few = history.sampled(10 * row)
    assert len(few) <= 10 and few.last_step == 99
    assert np.all(np.diff(few.steps) >= 9)
    assert len(history.sampled(10**9)) == 100
