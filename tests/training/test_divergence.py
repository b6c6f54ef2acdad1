"""Runs going bad are caught before they are useless, and the fix the message names rescues them."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

from mlpviz.cli.main import main
from mlpviz.datasets import dataset_from_arrays, make_dataset
from mlpviz.engine import Architecture
from mlpviz.io import load_snapshot, read_csv_table
from mlpviz.training.divergence import (
    INPUT_SCALE_CAUSE, LEARNING_RATE, MOMENTUM, TARGET_SCALE_CAUSE, WEIGHT_DECAY, DeadUnits, Divergence,
)
from mlpviz.training.fit import dataset_from_table
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

XOR = make_dataset("xor", noise=0.0, seed=1)
REGRESSION = Architecture((2, 8, 1), "tanh", "linear", "mse")
CLASSIFIER = Architecture((2, 8, 1), "tanh", "sigmoid", "bce")

KINDS = {
    "large learning rate": (REGRESSION, XOR, dict(learning_rate=50.0), LEARNING_RATE, "learning_rate"),
    "huge weight decay": (CLASSIFIER, XOR, dict(learning_rate=0.5, weight_decay=900.0), WEIGHT_DECAY, "weight_decay"),
    "momentum close to 1": (REGRESSION, XOR, dict(learning_rate=1.0, momentum=0.999), MOMENTUM, "momentum"),
}


def run_until_refused(t: Trainer, steps: int = 3000):
    for _ in range(steps):
        if t.advance(measure_test=False).diverged:
            return t.divergence
    return None


def apply_fix(t: Trainer, fix: str) -> None:
    """The fix the message names, once; then what the banner's button does: halve the learning rate."""
    s = t.settings
    changed = {"learning_rate": s.learning_rate / 2, "weight_decay": s.weight_decay / 1000,
               "momentum": 0.9}[fix]
    if getattr(s, fix) == changed or fix == "learning_rate":
        fix, changed = "learning_rate", s.learning_rate / 2
    t.set_settings(s.with_(**{fix: changed}))


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_diverging_run_is_caught_named_and_rescued_by_the_fix_it_names(kind):
    arch, data, settings, cause, fix = KINDS[kind]
    t = Trainer(arch, data, TrainingConfig(seed=2, **settings))
    start = t.advance().loss
    d = run_until_refused(t)
    assert d is not None and d.cause == cause
    assert t.params.is_finite() and t.step == d.kept_step
    assert max(abs(t.params.flat)) < 1e6  # parameters a run can still learn from, not 1e176
    for _ in range(8):  # press the fix a few times until training goes on
        apply_fix(t, fix)
        if run_until_refused(t, 400) is None:
            break
    losses = [t.advance().loss for _ in range(50)]
    assert t.divergence is None and all(loss == loss for loss in losses)
    assert losses[-1] < start


def test_targets_far_from_one_are_named_as_the_cause():
    big = dataset_from_arrays("big", XOR.x_train, XOR.y_train * 5000)
    t = Trainer(REGRESSION, big, TrainingConfig(learning_rate=0.3))
    d = run_until_refused(t)
    assert d is not None and d.cause == TARGET_SCALE_CAUSE and "scale the targets" in d.describe()


CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"
WINE_NET = Architecture((13, 16, 3), "relu", "softmax", "ce")


def wine():
    return dataset_from_table(read_csv_table(CASES / "wine_unscaled.csv", target="target"))


def test_inputs_far_from_one_are_named_before_large_targets():
    """Boston housing as R writes it: inputs up to 711 and targets up to 50. Scaling the targets does not
    help, scaling the inputs does: the message names the inputs at every learning rate."""
    rng = np.random.default_rng(0)
    x = np.column_stack([rng.uniform(180, 711, 60), rng.uniform(0, 1, 60), rng.uniform(3, 9, 60)])
    y = (x[:, :1] / 711 * 45 + 5)
    houses = dataset_from_arrays("houses", x, y)
    for lr in (0.1, 1e-2, 1e-4):
        t = Trainer(Architecture((3, 8, 1), "relu", "linear", "mse"), houses, TrainingConfig(learning_rate=lr))
        d = run_until_refused(t, 50)
        assert d is not None and d.cause == INPUT_SCALE_CAUSE and d.input_size == pytest.approx(x.max())
        assert "inputs as large as" in d.describe() and "standardize the inputs" in d.describe()
        assert "targets" not in d.fix()


def test_wine_on_raw_inputs_diverges_naming_their_scale():
    t = Trainer(WINE_NET, wine(), TrainingConfig(learning_rate=0.1))
    d = run_until_refused(t, 20)
    assert d is not None and d.cause == INPUT_SCALE_CAUSE and d.input_size == 1680
    assert "inputs as large as 1,680 feed the first layer" in d.describe()


def test_a_relu_layer_that_died_is_found_and_its_cause_named():
    """Wine's raw inputs at learning rate 0.01 kill every hidden ReLU unit within a few steps; the loss then
    sits at ln 3 for ever. The trainer says so once, naming the inputs' scale and the fix."""
    t = Trainer(WINE_NET, wine(), TrainingConfig(learning_rate=0.01))
    for _ in range(200):
        assert not t.advance(measure_test=False).diverged
    dead = t.dead_units
    assert dead is not None and (dead.layer, dead.units) == (1, 16) and dead.step < 50
    assert t.advance().loss == pytest.approx(np.log(3), abs=0.02)
    text = dead.describe()
    assert "every unit of hidden layer 1 (16 ReLU units) outputs 0 for every training row" in text
    assert "inputs as large as 1,680" in text and "standardize the inputs" in text


def test_dead_units_on_small_inputs_name_the_learning_rate_and_other_units():
    arch = Architecture((2, 4, 1), "relu", "sigmoid", "bce")
    t = Trainer(arch, XOR, TrainingConfig(learning_rate=0.1))
    params = t.params
    t.edit(type(params)(params.weights, (np.full(4, -50.0), params.biases[1])))
    t.advance()
    assert t.dead_units is not None and t.dead_units.input_size <= 1.5
    assert "smaller learning rate, or use leaky_relu or tanh" in t.dead_units.describe()
    alive = Trainer(arch, XOR, TrainingConfig(learning_rate=0.1))
    for _ in range(100):
        alive.advance()
    assert alive.dead_units is None


def test_a_mini_batch_of_zeros_alone_is_not_dead_units():
    """A batch on which a layer happens to output 0 is checked on every training row before anything is said."""
    x = np.vstack([np.full((4, 2), -1.0), np.full((4, 2), 1.0)])
    data = dataset_from_arrays("halves", x, (x[:, :1] > 0).astype(float))
    arch = Architecture((2, 1, 1), "relu", "sigmoid", "bce")
    t = Trainer(arch, data, TrainingConfig(learning_rate=1e-9, batch_size=4))
    t.edit(type(t.params)((np.ones((2, 1)), t.params.weights[1]), (np.zeros(1), t.params.biases[1])))
    for _ in range(4):
        t.advance()
    assert t.dead_units is None


def test_the_message_is_written_once_and_words_every_cause():
    for cause in (INPUT_SCALE_CAUSE, LEARNING_RATE, MOMENTUM, TARGET_SCALE_CAUSE, WEIGHT_DECAY):
        d = Divergence(5, 1e9, "loss-rose", cause, 0.5, 3, 0.1, 0.0, 0.0, 50.0, 711.0)
        shouted = d.describe(str.upper)
        assert shouted == shouted.upper() and d.describe().startswith("Training diverged at step 5")
    assert DeadUnits(3, 1, 16, 711.0).describe(lambda t: "«" + t + "»").count("«") == 2


def test_a_healthy_run_is_never_refused():
    t = Trainer(CLASSIFIER, XOR, TrainingConfig(learning_rate=1.0, seed=3))
    assert run_until_refused(t, 2000) is None


def test_the_cli_exports_parameters_a_smaller_learning_rate_can_go_on_from(tmp_path, capsys):
    out, fixed = tmp_path / "bad.npz", tmp_path / "fixed.npz"
    args = ["train", "--sizes", "2,8,1", "--hidden", "tanh", "--output", "linear", "--loss", "mse",
            "--dataset", "xor", "--noise", "0"]
    assert main([*args, "--lr", "50", "--steps", "500", "--export", str(out)]) == 1
    text = capsys.readouterr().out
    assert "Likely cause: the learning rate 50 is too large" in text
    bad = load_snapshot(out)
    assert bad.params.is_finite() and max(abs(bad.params.flat)) < 1e6
    code = main(["train", "--init-from", str(out), "--dataset", "xor", "--noise", "0", "--lr", "0.05",
                 "--steps", "300", "--export", str(fixed)])
    assert code == 0
    assert "loss" in capsys.readouterr().out
