"""A race of optimizers: each runner's path is the run a Trainer of its own takes with the same rules."""

import numpy as np
import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, MlpvizError, Params, forward, init_params
from mlpviz.training.loop import take_steps
from mlpviz.training.race import DEFAULT_RACERS, RACERS, default_learning_rate, racer_config, run_race
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

XOR = Architecture((2, 4, 1), "tanh", "sigmoid", "bce")
IRIS = Architecture((4, 8, 3), "relu", "softmax", "ce")


@pytest.mark.parametrize("arch, data, config", [
    (XOR, "xor", TrainingConfig(seed=3, learning_rate=0.5)),
    (IRIS, "iris", TrainingConfig(seed=1, batch_size=16, weight_decay=0.01, schedule="cosine", schedule_steps=30)),
], ids=["xor-full-batch", "iris-mini-batches"])
def test_each_path_equals_a_separate_trainer_run_step_by_step(arch, data, config):
    dataset = make_dataset(data, seed=0)
    run = Trainer(arch, dataset, config)
    for _ in range(7):  # the race starts mid-run: the batches and the schedule go on from step 7
        run.advance()
    runners = [(key, {"adam": 0.05, "rmsprop": 0.005}.get(key, 0.3)) for key in ("sgd", "momentum", "nesterov", "adam", "rmsprop")]
    paths = run_race(arch, dataset, config, run.params, run.step, runners, steps=12)
    assert [p.key for p in paths] == [k for k, _ in runners]
    for path, (key, lr) in zip(paths, runners):
        alone = Trainer(arch, dataset, racer_config(config, key, lr), run.params, step=run.step)
        flats = [alone.params.flat]
        for _ in range(12):
            take_steps(alone, 1)
            flats.append(alone.params.flat)
        assert path.steps.tolist() == list(range(7, 20)) and path.stopped is None
        assert np.array_equal(path.flats, np.stack(flats))  # bit for bit: the same rules, the same batches
        for flat, loss in zip(flats, path.losses):
            assert loss == forward(arch, Params.from_flat(flat, arch.sizes), dataset.x_train, alone.targets).loss
        assert alone.settings.optimizer == RACERS[key].changes[0][1]
    assert not np.array_equal(paths[0].flats[-1], paths[1].flats[-1])  # momentum moved otherwise than SGD


def test_the_racers_settings_are_swapped_in_and_the_rest_kept():
    config = TrainingConfig(optimizer="adam", learning_rate=0.02, momentum=0.5, batch_size=8, seed=4)
    momentum = racer_config(config, "momentum", 0.3)
    assert (momentum.optimizer, momentum.momentum, momentum.nesterov, momentum.learning_rate) == ("sgd", 0.9, False, 0.3)
    assert (momentum.batch_size, momentum.seed) == (8, 4)
    assert racer_config(config, "nesterov", 0.3).nesterov
    assert racer_config(config, "rmsprop", 0.01).momentum == 0.0
    assert default_learning_rate("adam", config) == 0.01
    assert default_learning_rate("sgd", config) == 0.1  # the run is not SGD: its Adam rate is no SGD rate
    assert default_learning_rate("sgd", config.with_(optimizer="sgd")) == 0.02
    assert set(DEFAULT_RACERS) <= set(RACERS)


def test_a_diverging_runner_stops_where_the_rule_refuses_its_step_and_the_others_go_on():
    arch = Architecture((2, 8, 1), "relu", "linear", "mse")
    dataset = make_dataset("xor", seed=0)
    params = init_params(arch, "he", 0)
    paths = run_race(arch, dataset, TrainingConfig(), params, 0, [("sgd", 0.05), ("sgd", 500.0)], steps=30)
    calm, wild = paths
    assert calm.stopped is None and calm.flats.shape[0] == 31
    assert wild.stopped is not None and wild.flats.shape[0] == wild.stopped
    assert np.isfinite(wild.losses).all()


def test_a_race_refuses_bad_input_before_any_runner_starts():
    dataset = make_dataset("xor")
    params = init_params(XOR)
    with pytest.raises(MlpvizError, match="from 1 to 10,000 steps"):
        run_race(XOR, dataset, TrainingConfig(), params, 0, [("sgd", 0.1)], steps=0)
    with pytest.raises(MlpvizError, match="learning rate"):
        run_race(XOR, dataset, TrainingConfig(), params, 0, [("sgd", 0.1), ("adam", -1.0)], steps=5)
    with pytest.raises(MlpvizError, match="unknown optimizer"):
        run_race(XOR, dataset, TrainingConfig(), params, 0, [("lion", 0.1)], steps=5)


def test_a_large_networks_path_is_thinned_within_the_budget():
    arch = Architecture((64, 128, 10), "relu", "softmax", "ce")
    dataset = make_dataset("digits", seed=0)
    params = init_params(arch, "he", 0)
    (path,) = run_race(arch, dataset, TrainingConfig(batch_size=32), params, 0, [("adam", 0.001)], steps=40,
                       history_bytes=1024 * 1024)
    assert path.steps[0] == 0 and path.steps[-1] == 40 and len(path.steps) < 41
    assert path.flats.nbytes <= 1.2 * 1024 * 1024
