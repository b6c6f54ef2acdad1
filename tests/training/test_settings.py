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
