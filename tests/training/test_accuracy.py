"""Accuracy: the predicted class is ŷ ≥ 0.5 for one output and the largest output for several."""

import numpy as np

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, init_params
from mlpviz.training.accuracy import accuracy_of, dataset_accuracy, predicted_classes


def test_predicted_classes_and_accuracy():
    np.testing.assert_array_equal(predicted_classes(np.array([[0.2], [0.5], [0.9]])), [0, 1, 1])
    np.testing.assert_array_equal(predicted_classes(np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]])), [1, 0])
    assert accuracy_of(np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([1, 1])) == 0.5
    assert np.isnan(accuracy_of(np.zeros((2, 1)), None))


def test_dataset_accuracy_is_nan_where_there_are_no_classes_to_predict():
    iris = make_dataset("iris")
    arch = Architecture((4, 5, 3), "tanh", "softmax", "ce")
    params = init_params(arch, "xavier", 0)
    assert 0 <= dataset_accuracy(arch, params, iris) <= 1 and 0 <= dataset_accuracy(arch, params, iris, test=True) <= 1
    one = Architecture((4, 5, 1), "tanh", "linear", "mse")  # one output cannot tell 3 classes apart
    assert np.isnan(dataset_accuracy(one, init_params(one, "xavier", 0), iris))
    assert np.isnan(dataset_accuracy(arch, params, make_dataset("iris", test_fraction=0.0), test=True))
