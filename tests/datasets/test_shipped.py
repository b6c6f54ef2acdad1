"""The shipped real data sets (Iris, digits) and class names kept through a Dataset's life."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.datasets import DATASETS, Dataset, class_targets, dataset_from_arrays, make_dataset
from mlpviz.datasets.shipped import shipped_table
from mlpviz.engine import DataError


def test_iris_is_fishers_150_flowers_in_three_named_species():
    names, x, labels, classes = shipped_table("iris.csv")
    assert names == ("sepal_length", "sepal_width", "petal_length", "petal_width")
    assert x.shape == (150, 4) and classes == ("setosa", "versicolor", "virginica")
    assert np.bincount(labels).tolist() == [50, 50, 50]
    np.testing.assert_array_equal(x[0], [5.1, 3.5, 1.4, 0.2])  # the first row of Fisher's table
    np.testing.assert_allclose(x.mean(axis=0), [5.843, 3.057, 3.758, 1.199], atol=1e-3)


def test_digits_are_1797_images_of_8x8_pixels_0_to_16():
    names, x, labels, classes = shipped_table("digits.csv")
    assert x.shape == (1797, 64) and names[0] == "r1c1" and names[-1] == "r8c8"
    assert classes == tuple("0123456789") and np.bincount(labels).min() >= 170
    assert x.min() == 0 and x.max() == 16 and (x == np.round(x)).all()


@pytest.mark.parametrize("name,inputs,k", [("iris", 4, 3), ("digits", 64, 10)])
def test_shipped_sets_are_built_in_data_sets_with_a_seeded_split(name, inputs, k):
    assert name in DATASETS
    d = make_dataset(name, seed=3)
    assert (d.n_inputs, d.n_outputs, d.n_classes) == (inputs, k, k) and len(d.class_names) == k
    assert d.n_test == round(0.2 * (d.n_train + d.n_test))
    np.testing.assert_array_equal(d.y_train.argmax(axis=1), d.labels_train)
    again = make_dataset(name, seed=3)
    assert again.x_test.tobytes() == d.x_test.tobytes()
    assert make_dataset(name, seed=4).x_test.tobytes() != d.x_test.tobytes()


def test_digit_pixels_are_scaled_to_0_1_and_iris_kept_in_cm():
    assert make_dataset("digits").x_train.max() == 1.0
    assert make_dataset("iris").x_train.max() == 7.9


def test_fewer_samples_noise_and_too_many_samples():
    d = make_dataset("iris", n_samples=30, test_fraction=0.0, seed=1)
    assert d.n_train == 30 and d.class_names == ("setosa", "versicolor", "virginica")
    noisy = make_dataset("iris", noise=0.1, test_fraction=0.0)
    clean = make_dataset("iris", test_fraction=0.0)
    assert 0.05 < np.abs(noisy.x_train - clean.x_train).mean() < 0.15
    with pytest.raises(DataError, match="the iris data has 150 rows; ask for at most 150 samples"):
        make_dataset("iris", n_samples=151)


def test_class_names_are_kept_through_the_split_and_must_match_the_classes():
    x = np.arange(12.0).reshape(6, 2)
    labels = np.array([0, 1, 2, 0, 1, 2])
    d = dataset_from_arrays("abc", x, class_targets(labels, 3), test_fraction=0.5, seed=0, class_names=("a", "b", "c"))
    assert d.class_names == ("a", "b", "c") and d.n_classes == 3 and d.n_test == 3
    binary = dataset_from_arrays("yes/no", x, class_targets(labels % 2, 2), class_names=("no", "yes"))
    assert binary.y_train.shape == (6, 1) and binary.class_names == ("no", "yes")
    with pytest.raises(DataError, match="2 class name\\(s\\) but the targets hold 3 class"):
        dataset_from_arrays("bad", x, class_targets(labels, 3), class_names=("a", "b"))
    with pytest.raises(DataError, match="1 class name\\(s\\) for 2 class"):
        Dataset("bad", x, labels[:, None] % 2, x[:0], np.zeros((0, 1)), labels % 2, labels[:0], 2, ("a",))
    with pytest.raises(AttributeError):
        d.class_names = ("x", "y", "z")
