"""Standardized inputs: z-scores from the training rows, applied to the test rows, kept with the data."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.datasets import InputScaling, dataset_from_arrays, make_dataset, standardize
from mlpviz.engine import DataError


def test_z_scores_come_from_the_training_rows_and_are_applied_to_the_test_rows():
    raw = make_dataset("iris", seed=3)
    scaled = standardize(raw, ("sl", "sw", "pl", "pw"))
    np.testing.assert_allclose(scaled.x_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(scaled.x_train.std(axis=0), 1)
    mean, std = raw.x_train.mean(axis=0), raw.x_train.std(axis=0)
    np.testing.assert_array_equal(scaled.x_test, (raw.x_test - mean) / std)  # not the test rows' own statistics
    assert not np.allclose(scaled.x_test.mean(axis=0), 0, atol=1e-3)
    np.testing.assert_array_equal(scaled.y_train, raw.y_train)
    assert scaled.input_scaling.rows == raw.n_train and standardize(scaled) is scaled
    assert scaled.notes == (scaled.input_scaling.describe(),) and raw.notes == ()
    assert scaled.input_scaling.describe().startswith(
        f"inputs standardized, z = (x − mean) / std from the {raw.n_train} training rows: sl mean ")


def test_a_constant_column_is_only_centred():
    data = dataset_from_arrays("flat", [[1.0, 5.0], [3.0, 5.0]], [[0.0], [1.0]])
    scaled = standardize(data)
    np.testing.assert_array_equal(scaled.x_train, [[-1.0, 0.0], [1.0, 0.0]])
    assert "x2 mean 5 std 1" in scaled.input_scaling.describe()


def test_a_scaling_that_does_not_fit_is_refused():
    with pytest.raises(DataError, match="positive standard deviation"):
        InputScaling([0.0], [0.0], 3)
    data = dataset_from_arrays("two", [[1.0, 5.0], [3.0, 6.0]], [[0.0], [1.0]])
    with pytest.raises(DataError, match="1 column\\(s\\) for 2 input"):
        type(data)(**{**data.__dict__, "input_scaling": InputScaling([0.0], [1.0], 2)})
