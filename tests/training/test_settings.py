"""TrainingConfig refuses any wrong value with an MlpvizError, whatever its type (values come from files too)."""

import math

import numpy as np
import pytest

from mlpviz.engine import MlpvizError
from mlpviz.training.settings import TrainingConfig

BAD = [
    {"learning_rate": 10**400}, {"momentum": 10**400}, {"weight_decay": 10**400},
    {"learning_rate": True}, {"learning_rate": "0.1"}, {"learning_rate": None}, {"learning_rate": [0.1]},
    {"learning_rate": math.inf}, {"momentum": math.nan}, {"momentum": 1.0}, {"weight_decay": -1},
    {"batch_size": 2.5}, {"batch_size": 10**30}, {"batch_size": -1}, {"batch_size": "8"}, {"batch_size": True},
    {"seed": 1.5}, {"seed": -1}, {"seed": 2**63}, {"seed": 10**400}, {"seed": False},
    {"init_method": ["normal"]}, {"init_method": {"a": 1}}, {"init_method": "zeros"}, {"shuffle": 1},
    {"shuffle": "yes"},
]


@pytest.mark.parametrize("change", BAD, ids=[repr(c)[:40] for c in BAD])
def test_a_wrong_value_of_any_type_is_refused_as_an_mlpviz_error(change):
    with pytest.raises(MlpvizError) as info:
        TrainingConfig(**change)
    assert len(str(info.value)) < 200  # one readable line, not 400 digits


def test_numpy_numbers_become_plain_python_numbers():
    c = TrainingConfig(seed=np.int64(4), learning_rate=np.float32(0.5), batch_size=np.int32(8), momentum=0)
    assert (type(c.seed), type(c.learning_rate), type(c.batch_size), type(c.momentum)) == (int, float, int, float)
    assert c == TrainingConfig(seed=4, learning_rate=0.5, batch_size=8)


RULES = [
    ({"beta1": 1.0}, "beta1 β₁ must be from 0 to below 1, got 1.0"),
    ({"beta2": -0.1}, "beta2 β₂ must be from 0 to below 1, got -0.1"),
    ({"alpha": 1.5}, "alpha α must be from 0 to below 1, got 1.5"),
    ({"eps": 0.0}, "eps ε must be above 0 and at most 1, got 0.0"),
    ({"eps": math.nan}, "eps ε must be above 0 and at most 1, got nan"),
    ({"weight_decay": -0.5}, "weight decay λ must be from 0 to 1000, got -0.5"),
    ({"momentum": 1.0}, "momentum μ must be from 0 to 0.9999, got 1.0"),
    ({"nesterov": 1}, "nesterov must be true or false, got 1"),
    ({"nesterov": True}, "Nesterov momentum needs a momentum above 0; set momentum (e.g. 0.9) or turn Nesterov off"),
    ({"optimizer": "lbfgs"}, "unknown optimizer 'lbfgs'; choose one of sgd, adam, adamw, rmsprop, adagrad"),
    ({"optimizer": "adam", "beta1": "0.9"}, "beta1 β₁ must be a number, got '0.9'"),
]


@pytest.mark.parametrize("change, message", RULES, ids=[repr(c) for c, _ in RULES])
def test_each_optimizer_rule_has_one_message_with_its_range(change, message):
    with pytest.raises(MlpvizError) as info:
        TrainingConfig(**change)
    assert str(info.value) == message


def test_a_rule_holds_whichever_optimizer_is_chosen():
    for optimizer in ("sgd", "adam", "rmsprop"):
        with pytest.raises(MlpvizError, match="beta1"):
            TrainingConfig(optimizer=optimizer, beta1=1.0)


def test_the_chosen_optimizer_gets_its_own_settings_and_defaults():
    adam = TrainingConfig(optimizer="adam", beta1=0.8, momentum=0.5, weight_decay=0.1).make_optimizer()
    assert (adam.name, adam.beta1, adam.beta2, adam.eps, adam.weight_decay) == ("adam", 0.8, 0.999, 1e-8, 0.1)
    assert TrainingConfig(optimizer="adagrad").make_optimizer().eps == 1e-10  # its own default, as torch's
    assert TrainingConfig(optimizer="adagrad", eps=1e-6).make_optimizer().eps == 1e-6
    sgd = TrainingConfig(momentum=0.9, nesterov=True).make_optimizer()
    assert (sgd.name, sgd.momentum, sgd.nesterov, sgd.state_names) == ("sgd", 0.9, True, ("velocity",))


def test_snapshot_notes_bring_back_the_optimizer_and_an_old_snapshot_means_sgd():
    c = TrainingConfig(optimizer="rmsprop", alpha=0.9, eps=1e-6, momentum=0.3, learning_rate=0.01)
    assert TrainingConfig().from_snapshot(0.01, 0, c.snapshot_notes()) == c
    old = {"init": "normal", "momentum": 0.5, "weight_decay": 0.0, "batch_size": 0, "shuffle": True}
    assert TrainingConfig(optimizer="adam").from_snapshot(0.1, 0, old).optimizer == "sgd"


@pytest.mark.parametrize("change, message", [
    ({"schedule": "linear"}, "unknown schedule 'linear'; choose one of constant, step, exponential, cosine"),
    ({"gamma": 0.0}, "gamma γ must be above 0 and at most 1, got 0.0"),
    ({"gamma": math.nan}, "gamma γ must be above 0 and at most 1, got nan"),
    ({"gamma": -2}, "gamma γ must be above 0 and at most 1, got -2.0"),
    ({"schedule_steps": 0}, "the schedule's steps must be a whole number from 1 to 2,147,483,647, got 0"),
    ({"warmup": -1}, "the warm-up must be a whole number of steps from 0 to 2,147,483,647, got -1"),
    ({"warmup": 1.5}, "the warm-up must be a whole number, got 1.5"),
])
def test_a_schedule_that_could_give_a_negative_or_nan_rate_is_refused_with_its_rule(change, message):
    with pytest.raises(MlpvizError) as info:
        TrainingConfig(**change)
    assert str(info.value) == message


def test_the_trainer_takes_each_step_at_the_scheduled_rate():
    from mlpviz.datasets import make_dataset
    from mlpviz.engine import Architecture
    from mlpviz.training.trainer import Trainer
    config = TrainingConfig(learning_rate=0.4, schedule="step", gamma=0.5, schedule_steps=2, warmup=1)
    t = Trainer(Architecture((2, 3, 1)), make_dataset("xor"), config)
    assert [t.advance().learning_rate for _ in range(6)] == [0.4, 0.4, 0.4, 0.2, 0.2, 0.1]
    assert t.learning_rate() == 0.1 and t.learning_rate(0) == 0.4


def test_the_settings_a_snapshot_leaves_out_are_named_with_the_values_used():
    from mlpviz.training.settings import TrainingConfig, unrecorded_settings

    used = TrainingConfig(momentum=0.5, batch_size=16, nesterov=True).snapshot_notes()
    assert unrecorded_settings({}, used) == "momentum μ 0.5, nesterov, weight decay λ 0, batch size 16"
    assert unrecorded_settings({"momentum": 0.5, "batch_size": 16}, used) == "nesterov, weight decay λ 0"
    assert unrecorded_settings(used, used) == ""
    assert unrecorded_settings({}, TrainingConfig().snapshot_notes()) == ""  # a fresh window's: nothing to say
    assert unrecorded_settings({}, TrainingConfig(batch_size=8).snapshot_notes()) == \
        "momentum μ 0, weight decay λ 0, batch size 8"
