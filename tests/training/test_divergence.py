"""Runs going bad are caught before they are useless, and the fix the message names rescues them."""

from __future__ import annotations

import pytest

from mlpviz.cli.main import main
from mlpviz.datasets import dataset_from_arrays, make_dataset
from mlpviz.engine import Architecture
from mlpviz.io import load_snapshot
from mlpviz.training.divergence import LEARNING_RATE, MOMENTUM, TARGET_SCALE_CAUSE, WEIGHT_DECAY
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
