"""The Trainer: one training run's rules, Qt-free; the same numbers for every caller."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, DataError, MlpvizError, train_step
from mlpviz.io import load_snapshot, save_snapshot
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

ARCH = Architecture((2, 5, 1), "tanh", "sigmoid", "bce")
MOONS = make_dataset("moons", n_samples=40, seed=2)


def trainer(**settings) -> Trainer:
    return Trainer(ARCH, MOONS, TrainingConfig(seed=4, learning_rate=0.3, **settings))


def test_advance_takes_exactly_the_engine_step_on_the_scheduled_batch():
    t = trainer(batch_size=8, shuffle=True)
    x, y = t.next_batch
    expected = train_step(ARCH, t.params, x, y, 0.3)
    record = t.advance()
    assert record.params_after is t.params and t.params.equals(expected.params_after)
    assert t.step == 1 and t.loss_log.steps.tolist() == [1] and t.history.last_step == 1
    assert t.batch_position == (0, 1, 4)


@pytest.mark.parametrize("settings", [
    dict(), dict(batch_size=8), dict(batch_size=8, shuffle=False), dict(momentum=0.9),
    dict(batch_size=7, momentum=0.5, weight_decay=0.01),
])
@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_a_run_rebuilt_from_its_snapshot_file_continues_bit_for_bit(tmp_path, settings, suffix):
    whole, half = trainer(**settings), trainer(**settings)
    for _ in range(13):
        whole.advance()
    for _ in range(6):
        half.advance()
    save_snapshot(tmp_path / f"s{suffix}", half.snapshot())
    resumed = Trainer.from_snapshot(load_snapshot(tmp_path / f"s{suffix}"), MOONS)
    for _ in range(7):
        resumed.advance()
    assert resumed.step == 13 and resumed.settings == whole.settings
    assert resumed.params.flat.tobytes() == whole.params.flat.tobytes()


def test_a_diverged_step_is_logged_and_not_applied():
    t = Trainer(Architecture((2, 3, 1), "relu", "linear", "mse"), make_dataset("xor", noise=0.0),
                TrainingConfig(learning_rate=1e5))
    records = [t.advance() for _ in range(40)]
    bad = next(r for r in records if r.diverged)
    assert t.params.is_finite() and t.loss_log.diverged.any()
    assert bad.params_after is bad.params


def test_continue_from_an_earlier_step_equals_a_fresh_run_stopped_there():
    t, fresh = trainer(batch_size=8, shuffle=True), trainer(batch_size=8, shuffle=True)
    for _ in range(10):
        t.advance()
    assert t.continue_from(4) == 4 and t.step == 4 and len(t.loss_log) == 4
    for _ in range(4):
        fresh.advance()
    t.advance(), fresh.advance()
    assert t.params.equals(fresh.params)


def test_settings_are_checked_in_one_place_with_one_message_each():
    for change, message in [
        (dict(learning_rate=-1.0), "the learning rate must be a number above 0, got -1.0"),
        (dict(learning_rate=0.0), "the learning rate must be a number above 0, got 0.0"),
        (dict(momentum=1.5), "momentum μ must be from 0 to 0.9999, got 1.5"),
        (dict(weight_decay=-1.0), "weight decay λ must be from 0 to 1000, got -1.0"),
        (dict(batch_size=-2), "the batch size must be 0 (full batch) or more, got -2"),
        (dict(init_method="zeros"), "unknown initialisation 'zeros'"),
    ]:
        with pytest.raises(MlpvizError, match=message.replace("(", r"\(").replace(")", r"\)")):
            TrainingConfig(**change)


def test_changes_are_checked_before_anything_changes():
    t = trainer()
    before = t.params
    with pytest.raises(DataError):
        t.set_architecture(Architecture((3, 4, 1), "relu", "sigmoid", "bce"))
    with pytest.raises(DataError):
        t.set_data(make_dataset("xor"), Architecture((3, 4, 1), "relu", "sigmoid", "bce"))
    assert t.arch == ARCH and t.params is before and t.dataset is MOONS


def test_snapshot_of_an_earlier_step_comes_from_the_history_and_carries_the_settings():
    t = trainer(batch_size=8, momentum=0.9)
    first = t.params
    for _ in range(3):
        t.advance()
    old = t.snapshot(0)
    assert old.step == 0 and old.params.equals(first) and old.velocity is None and old.state is None
    latest = t.snapshot()
    assert latest.step == 3 and latest.velocity is not None and latest.state.count == 3
    assert latest.extra["batch_size"] == 8 and latest.extra["momentum"] == 0.9 and latest.extra["data"] == "moons"


def test_one_hot_targets_are_fitted_for_a_softmax_network():
    blobs = make_dataset("blobs", n_classes=3)
    t = Trainer(Architecture((2, 4, 3), "relu", "softmax", "ce"), blobs)
    assert t.targets.shape == (blobs.n_train, 3) and np.all(t.targets.sum(axis=1) == 1)
    assert not np.isnan(t.test_loss())
