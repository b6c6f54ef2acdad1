"""Plot ranges jump to nice values and then hold while the data stays inside."""

import pytest

from mlpviz.ui.plots.axis_range import nice_ceiling, steps_range, values_range


@pytest.mark.parametrize("value, nice", [(0.3, 0.5), (1, 1), (1.01, 2), (3, 5), (7, 10), (10, 10), (101, 200), (4500, 5000)])
def test_nice_ceiling(value, nice):
    assert nice_ceiling(value) == pytest.approx(nice)


def test_steps_range_holds_until_the_curve_reaches_its_end():
    r = steps_range(3, None)
    assert r == (0.0, 10.0)
    assert steps_range(10, r) is r
    assert steps_range(11, r) == (0.0, 20.0)


def test_values_range_holds_while_the_data_fits_and_fills_it():
    r = values_range(0.5, 1.0, None)
    assert r[0] < 0.5 and r[1] > 1.0
    assert values_range(0.45, 0.95, r) is r  # still inside, still fills most of it
    assert values_range(0.1, 0.95, r) != r  # left the range
    shrunk = values_range(0.50, 0.52, r)  # fills too little: zoom in
    assert shrunk[1] - shrunk[0] < 0.1
