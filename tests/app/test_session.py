"""The session owns the network and the loop: stepping, running, rebuilding, refusing."""

from __future__ import annotations

from mlpviz.app import files

import numpy as np
import pytest

from mlpviz.app.session import Session
from mlpviz.app.view_state import Phase
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, MlpvizError, init_params, train_step

WAIT_MS = 30_000  # Run's worker (or its animated first steps) on a busy machine: a bound, never a pace


def test_starts_on_the_notebook_default(session):
    assert session.arch == Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    assert session.config.learning_rate == 0.1
    x, y = session.trainer.next_batch
    assert x.shape == (5, 2) and y.shape == (5, 1)
    assert set(np.unique(y)) <= {0.0, 1.0}
    assert session.state.phase is Phase.IDLE and session.state.step == 0
    assert session.state.record.loss > 0  # the forward pass of the start is shown before any step


def test_step_applies_exactly_the_engine_step(session):
    x, y = session.trainer.next_batch
    before = session.params
    expected = train_step(session.arch, before, x, y, 0.1)
    session.step()
    assert session.step_count == 1
    assert session.params.equals(expected.params_after)
    assert session.state.params.equals(expected.params_after)
    assert session.loss_log.train.tolist() == [expected.loss]


def test_learning_rate_applies_to_the_next_step_without_reset(session):
    session.step()
    session.set_config(session.config.with_(learning_rate=0.5))
    x, y = session.trainer.next_batch
    expected = train_step(session.arch, session.params, x, y, 0.5)
    session.step()
    assert session.step_count == 2
    assert session.params.equals(expected.params_after)


@pytest.mark.parametrize("run_apart", [True, False], ids=["worker process", "GUI thread"])
def test_run_trains_and_pause_stops(run_apart, qtbot):
    session = Session(run_apart=run_apart)
    session.set_animate(False)
    session.run()
    assert session.runs.running
    qtbot.waitUntil(lambda: session.step_count > 50, timeout=WAIT_MS)
    session.pause()
    n = session.step_count
    with qtbot.assertNotEmitted(session.state_changed, wait=50):
        pass
    assert not session.runs.running and session.step_count == n
    assert len(session.loss_log) == n
    assert np.all(np.diff(session.loss_log.steps) == 1)


def test_mini_batches_cycle_through_the_data(session):
    session.set_data(make_dataset("xor", n_samples=40, test_fraction=0.0))
    session.set_config(session.config.with_(batch_size=16))
    assert session.trainer.batch_position == (0, 0, 3)
    seen = []
    for _ in range(3):
        seen.append(session.trainer.next_batch[0].shape[0])
        session.step()
    assert seen == [16, 16, 8]
    assert session.trainer.batch_position == (1, 0, 3)


def test_architecture_change_rebuilds_from_the_seed(session, qtbot):
    session.step()
    with qtbot.waitSignal(session.network_rebuilt) as signal:
        session.set_architecture(Architecture((2, 4, 4, 1)))
    assert signal.args[0].sizes == (2, 4, 4, 1)
    assert session.step_count == 0 and len(session.loss_log) == 0
    assert session.params.equals(init_params(Architecture((2, 4, 4, 1)), "normal", 0))


def test_data_that_does_not_fit_is_refused_and_nothing_changes(session):
    before_data, before_params = session.dataset, session.params
    with pytest.raises(MlpvizError, match="output"):
        session.set_data(make_dataset("blobs", n_classes=3))
    assert session.dataset is before_data and session.params is before_params


def test_divergence_pauses_and_keeps_the_last_good_parameters(session, qtbot):
    session.set_architecture(Architecture((2, 3, 1), "relu", "linear", "mse"))
    session.set_config(session.config.with_(learning_rate=1e6))
    messages = []
    session.message.connect(messages.append)
    with qtbot.waitSignal(session.diverged, timeout=WAIT_MS) as signal:
        session.run()
    assert not session.runs.running
    assert signal.args[0].diverged
    assert session.params.is_finite()
    assert session.params.equals(signal.args[0].params)  # the parameters the bad step started from
    assert any("Likely cause: the learning rate 1e+06 is too large" in m for m in messages)
    assert session.loss_log.diverged[-1]


def test_editing_a_weight_changes_the_next_step(session):
    session.edit_weight(0, 1, 2, 0.75)
    assert session.params.weights[0][1, 2] == 0.75
    x, y = session.trainer.next_batch
    expected = train_step(session.arch, session.params, x, y, 0.1)
    session.step()
    assert session.trainer.last_record.params.weights[0][1, 2] == 0.75
    assert session.params.equals(expected.params_after)
    with pytest.raises(MlpvizError):
        session.edit_bias(0, 0, float("nan"))


def test_softmax_over_binary_labels_gets_one_hot_targets(session):
    arch = Architecture((2, 4, 2), "relu", "softmax", "ce")
    session.set_architecture(arch)
    _, y = session.trainer.next_batch
    assert y.shape == (5, 2) and np.all(y.sum(axis=1) == 1)


@pytest.mark.parametrize("batch_size,shuffle,momentum", [(0, False, 0.0), (3, False, 0.0), (3, True, 0.9), (0, False, 0.9)])
def test_opening_a_snapshot_and_stepping_equals_one_run(session, tmp_path, batch_size, shuffle, momentum):
    """N steps, export, open in a fresh window's session, M more steps == N+M steps in one go."""
    config = session.config.with_(batch_size=batch_size, shuffle=shuffle, momentum=momentum)
    session.set_config(config)
    for _ in range(4):
        session.step()
    files.write_snapshot(tmp_path / "run.npz", session.trainer.snapshot())
    for _ in range(5):
        session.step()
    other = Session()
    other.set_animate(False)
    other.load_snapshot(files.read_snapshot(tmp_path / "run.npz"))
    assert other.config == config and other.step_count == 4
    for _ in range(5):
        other.step()
    assert other.params.flat.tobytes() == session.params.flat.tobytes()


def test_run_with_animate_on_plays_the_first_steps_for_under_ten_seconds_then_learns_xor(qtbot):
    """A class presses Run on the XOR preset with the default settings and sees it learn. The steps
    played one by one last under ten seconds by the player's own clock (how long the worker then takes
    depends on the machine, so it is waited for, not timed)."""
    from mlpviz.app.presets import apply_preset
    from mlpviz.app.run_control import RUN_TEMPO_GROWTH

    session = Session()
    apply_preset(session, "xor")
    assert session.runs.animate  # the default
    states = []
    session.state_changed.connect(states.append)
    session.run()
    qtbot.waitUntil(lambda: session.loss_log.train.size and session.loss_log.train[-1] < 0.1, timeout=2 * WAIT_MS)
    session.pause()
    phases = [s.phase for s in states]
    assert Phase.BACKWARD in phases and Phase.UPDATE in phases  # the first steps were played
    played = len({s.step for s in states if s.phase is Phase.BACKWARD})
    player = session.runs._player
    assert 1 <= played and sum(player.step_seconds(RUN_TEMPO_GROWTH ** k) for k in range(played)) < 10.0
    assert session.step_count > 200


def test_a_run_stops_at_the_last_step_number_a_snapshot_can_hold(session):
    from mlpviz.io.limits import MAX_STEP

    snap = session.trainer.snapshot()
    session.load_snapshot(type(snap)(snap.arch, snap.params, step=MAX_STEP - 1, learning_rate=0.1, seed=0))
    messages = []
    session.message.connect(messages.append)
    session.step()
    assert session.step_count == MAX_STEP
    session.step()
    assert session.step_count == MAX_STEP and "last step a run can count to" in messages[-1]
    assert session.trainer.snapshot().step == MAX_STEP


def test_run_in_the_worker_shows_its_steps_and_pause_brings_the_whole_run_back(qtbot):
    """The pictures during Run are steps the worker took; after Pause the session holds that run exactly."""
    from mlpviz.training.trainer import Trainer

    session = Session()
    session.set_animate(False)
    session.set_config(session.config.with_(momentum=0.9, batch_size=2, shuffle=True))
    shown = []
    session.state_changed.connect(lambda state: shown.append(state))
    session.run()
    qtbot.waitUntil(lambda: len(shown) >= 3 and session.step_count > 200, timeout=WAIT_MS)
    session.pause()
    during = shown[1:-1]
    assert during and all(state.record.params_after is state.params for state in during)
    assert all(a.step < b.step for a, b in zip(during, during[1:]))

    here = Trainer(session.arch, session.dataset, session.config)
    while here.step < session.step_count:
        here.advance(measure_test=False)
    assert session.params.equals(here.params)
    assert session.trainer.optimizer_state.equals(here.optimizer_state)
    assert np.array_equal(session.loss_log.train, here.loss_log.train)
    assert session.state.step == session.step_count and session.state.params is session.params
    assert session.history.params_at(session.step_count).equals(session.params)


def test_run_with_animate_plays_its_first_steps_then_says_it_trains_at_full_speed(qtbot):
    session = Session()
    session.set_animate(True)
    session.set_speed(20.0)
    messages = []
    session.message.connect(messages.append)
    session.run()
    assert session.is_playing  # the first step is played, phase by phase
    qtbot.waitUntil(lambda: session.step_count > 50, timeout=WAIT_MS)
    session.pause()
    assert any("now trains at full speed" in m for m in messages)
