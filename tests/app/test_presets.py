"""Presets set the documented network, parameters, data and settings; the 2-2-2 example matches the published step."""

import numpy as np
import pytest

from mlpviz.app.presets import DEFAULT_PRESET, PRESETS, apply_preset
from mlpviz.app.session import Session
from mlpviz.engine import init_params, train_step




def test_worked_222_first_step_matches_the_published_numbers(session):
    apply_preset(session, "worked-222")
    assert session.arch.sizes == (2, 2, 2) and session.arch.loss == "mse"
    np.testing.assert_array_equal(session.params.weights[0], [[0.15, 0.25], [0.20, 0.30]])
    np.testing.assert_array_equal(session.params.weights[1], [[0.40, 0.50], [0.45, 0.55]])
    np.testing.assert_array_equal(session.params.biases[0], [0.35, 0.35])
    np.testing.assert_array_equal(session.params.biases[1], [0.60, 0.60])
    assert session.config.learning_rate == 0.5
    x, y = session.trainer.next_batch
    np.testing.assert_array_equal(x, [[0.05, 0.10]])
    np.testing.assert_array_equal(y, [[0.01, 0.99]])
    session.step()
    assert session.trainer.last_record.loss == pytest.approx(0.298371109, abs=1e-9)
    assert round(session.params.weights[1][0, 0], 8) == 0.35891648  # w5
    assert round(session.params.weights[0][0, 0], 9) == 0.149780716  # w1
    assert round(session.params.weights[0][1, 0], 9) == 0.199561432  # w2
    assert round(session.params.weights[1][1, 1], 8) == 0.56137012  # w8


def test_notebook_preset_is_the_default_session(session):
    other = Session()
    apply_preset(session, "xor")
    apply_preset(session, DEFAULT_PRESET)
    assert session.arch == other.arch
    assert session.params.equals(other.params)
    np.testing.assert_array_equal(session.dataset.x_train, other.dataset.x_train)
    assert session.config == other.config


@pytest.mark.parametrize("key, sizes, output", [
    ("xor", (2, 4, 1), "sigmoid"), ("spiral", (2, 8, 8, 1), "sigmoid"), ("blobs", (2, 6, 3), "softmax"),
])
def test_each_preset_sets_its_network_data_and_settings(session, key, sizes, output):
    setup = apply_preset(session, key)
    assert session.arch.sizes == sizes and session.arch.output_activation == output
    assert session.params.equals(init_params(setup.arch, setup.config.init_method, setup.config.seed))
    assert session.dataset is setup.dataset and session.config == setup.config
    assert session.step_count == 0 and len(session.loss_log) == 0
    session.step()
    assert session.step_count == 1


def test_presets_train_down(session):
    apply_preset(session, "xor")
    x, y = session.dataset.x_train, session.dataset.y_train
    params, velocity, first = session.params, None, None
    for _ in range(300):
        rec = train_step(session.arch, params, x, y, 0.5, 0.0, 0.0, velocity)
        first = rec.loss if first is None else first
        params, velocity = rec.params_after, rec.velocity
    assert rec.loss < 0.5 * first


def test_apply_preset_says_so(session, qtbot):
    said = []
    session.message.connect(said.append)
    apply_preset(session, "blobs")
    assert any("Three blobs" in text for text in said)


def test_building_twice_gives_the_same_numbers():
    for preset in PRESETS.values():
        a, b = preset.build(), preset.build()
        assert a.params.equals(b.params)
        np.testing.assert_array_equal(a.dataset.x_train, b.dataset.x_train)


@pytest.mark.parametrize("key,sizes,steps,goal", [("iris", (4, 8, 3), 1000, (0.95, 0.0)),
                                                  ("digits", (64, 32, 10), 500, (0.0, 0.90))])
def test_real_data_presets_learn_their_classes(session, key, sizes, steps, goal):
    apply_preset(session, key)
    assert session.arch.sizes == sizes and (session.arch.output_activation, session.arch.loss) == ("softmax", "ce")
    assert session.state.output_names == session.dataset.class_names and len(session.dataset.class_names) == sizes[-1]
    for _ in range(steps):
        session.trainer.advance(measure_test=False)
    train, test = session.trainer.accuracy()
    assert train >= goal[0] and test >= goal[1]
