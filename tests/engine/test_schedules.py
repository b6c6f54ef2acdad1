"""Learning-rate schedules: the rate of a step as a pure function of the step number."""

import math

import pytest

from mlpviz.engine.schedules import SCHEDULES, learning_rate_at


def test_each_schedule_by_its_formula():
    assert [learning_rate_at(t, 0.1) for t in (0, 5, 10**6)] == [0.1, 0.1, 0.1]
    assert [learning_rate_at(t, 0.8, "step", 0.5, 10) for t in (0, 9, 10, 19, 20, 35)] == [0.8, 0.8, 0.4, 0.4, 0.2, 0.1]
    assert learning_rate_at(3, 0.5, "exponential", 0.9) == pytest.approx(0.5 * 0.9**3, rel=1e-15)
    cos = [learning_rate_at(t, 1.0, "cosine", 0.1, 100) for t in (0, 50, 100, 500)]
    assert cos == pytest.approx([1.0, 0.55, 0.1, 0.1], rel=1e-12)


def test_warm_up_rises_linearly_then_the_schedule_starts_from_its_beginning():
    rates = [learning_rate_at(t, 0.4, "cosine", 0.25, 10, warmup=4) for t in range(16)]
    assert rates[:4] == pytest.approx([0.1, 0.2, 0.3, 0.4])
    assert rates[4] == 0.4 and rates[14] == pytest.approx(0.1) and rates[9] == pytest.approx(0.25)
    assert learning_rate_at(0, 0.4, "constant", warmup=2) == 0.2


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_no_schedule_ever_gives_a_negative_or_nan_rate(name):
    for gamma in (1e-300, 0.3, 1.0):
        for t in (0, 1, 7, 99, 100, 10**5, 2**31 - 1):
            rate = learning_rate_at(t, 1e6, name, gamma, 7, warmup=3)
            assert math.isfinite(rate) and rate >= 0


def test_an_unknown_schedule_names_the_known_ones():
    with pytest.raises(ValueError, match="constant, step, exponential, cosine"):
        learning_rate_at(0, 0.1, "linear")
