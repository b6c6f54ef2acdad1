"""CSV tables become data sets with their classes, and the network fitted to them suits their targets."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

from mlpviz.app.data_edits import with_value
from mlpviz.engine import Architecture, DataError, InputsMismatch, check_targets
from mlpviz.io import read_csv_table
from mlpviz.training.fit import arch_for_data, dataset_for_network, dataset_from_csv, dataset_from_table

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"
BCE = Architecture((2, 3, 1), "relu", "sigmoid", "bce")


def test_named_classes_become_a_data_set_with_names_and_a_softmax_network():
    data = dataset_from_table(read_csv_table(CASES / "iris_species.csv", target="species"), test_fraction=0.5, seed=1)
    assert data.name == "iris_species" and data.class_names == ("setosa", "versicolor", "virginica")
    assert (data.n_train, data.n_test, data.n_outputs) == (3, 3, 3)
    np.testing.assert_array_equal(data.y_train.argmax(axis=1), data.labels_train)
    arch = arch_for_data(BCE, data)
    assert arch == Architecture((4, 3, 3), "relu", "softmax", "ce")
    check_targets(arch, data.targets_for(3))


def test_a_class_column_0_1_2_builds_three_softmax_outputs_not_one_sigmoid(tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("a,b,y\n0,0,0\n1,0,1\n0,1,2\n1,1,2\n")
    data = dataset_from_csv(path, n_outputs=1)
    assert data.n_classes == 3 and data.class_names == ("0", "1", "2")
    assert arch_for_data(BCE, data) == Architecture((2, 3, 3), "relu", "softmax", "ce")


def test_two_classes_keep_one_0_1_column_and_a_sigmoid():
    data = dataset_from_table(read_csv_table(CASES / "semicolon.csv"))
    assert data.y_train.shape == (2, 1) and data.n_classes == 2
    assert arch_for_data(BCE, data) is BCE


def test_pm1_labels_leave_a_fitting_bce_network_to_be_refused_and_make_a_new_one_mse():
    data = dataset_from_csv(CASES / "xor_pm1.csv")
    assert data.n_classes == 0
    assert arch_for_data(BCE, data) is BCE  # sizes fit: the trainer's check_targets refuses it
    with pytest.raises(DataError, match="map -1 to 0"):
        check_targets(BCE, data.y_train)
    wider = Architecture((3, 4, 1), "tanh", "sigmoid", "bce")
    fitted = arch_for_data(wider, data)
    assert fitted == Architecture((2, 4, 1), "tanh", "linear", "mse")


def test_overrides_reach_the_reader(tmp_path):
    path = tmp_path / "kinds.csv"
    path.write_text("x;kind\n1,5;cat\n2,5;dog\n")
    data = dataset_from_csv(path, target="kind", decimal=",")
    np.testing.assert_array_equal(data.x_train, [[1.5], [2.5]])
    assert data.class_names == ("cat", "dog")


def test_class_names_are_kept_by_edits_until_the_targets_stop_being_classes():
    data = dataset_from_table(read_csv_table(CASES / "iris_species.csv", target="species"))
    edited = with_value(data, 0, 0, 4.2)
    assert edited.class_names == data.class_names
    assert with_value(data, 0, 5, 0.5).class_names == ()  # a target of 0.5 is no class


def test_a_data_file_chosen_for_a_network_is_checked_against_it_before_anything_changes():
    """A network file opened on other data (the app's Choose data…): the data must fit the network as it is."""
    net = Architecture((4, 5, 3), "tanh", "softmax", "ce")
    data, note = dataset_for_network(read_csv_table(CASES / "classes3.csv"), net)
    assert (data.n_inputs, data.n_outputs, note) == (4, 3, "")
    with pytest.raises(InputsMismatch, match="this network takes 4 inputs; the loaded data has 2 input columns"):
        dataset_for_network(read_csv_table(CASES / "xor_pm1.csv"), net)
    # inputs that fit, targets that do not: said, not loaded
    with pytest.raises(DataError, match="binary cross-entropy needs every target between 0 and 1"):
        dataset_for_network(read_csv_table(CASES / "xor_pm1.csv"), BCE)


def test_new_data_get_the_network_a_fresh_window_gives_them_whatever_network_was_there():
    """The previous network's outputs never survive into data that name their own classes (Iris, then two classes)."""
    from mlpviz.datasets import make_dataset
    from mlpviz.training.fit import network_for_data

    iris = Architecture((4, 8, 3), "tanh", "softmax", "ce")
    two = dataset_from_table(read_csv_table(CASES / "cp1252_header.csv"))
    data, arch, note = network_for_data(iris, two)
    assert (data, arch, note) == (two, Architecture((2, 8, 1), "tanh", "sigmoid", "bce"), "")
    four = make_dataset("iris")
    three = dataset_from_table(read_csv_table(CASES / "classes3.csv"))  # 3 classes on 4 inputs
    assert network_for_data(arch, three)[1] == Architecture((4, 8, 3), "tanh", "softmax", "ce")
    regression = Architecture((4, 8, 1), "tanh", "linear", "mse")
    assert network_for_data(regression, four)[1] == iris  # classes after numbers: a classifier's head
    two_softmax = Architecture((2, 8, 2), "tanh", "softmax", "ce")
    assert network_for_data(two_softmax, two)[1] is two_softmax  # one softmax output per class fits as it is


def test_class_numbers_with_gaps_are_indices_of_a_bigger_networks_classes():
    from mlpviz.training.fit import network_for_data

    net = Architecture((5, 50, 7), "relu", "softmax", "ce")
    data, arch, note = network_for_data(net, dataset_from_table(read_csv_table(CASES / "labels_0_1_5.csv")))
    assert arch is net and data.n_classes == 7 and "class(es) 2, 3, 4, 6 do not occur" in note
    whole = dataset_from_table(read_csv_table(CASES / "classes3.csv"))  # 0, 1, 2: every class shown
    assert network_for_data(Architecture((4, 8, 5), "relu", "softmax", "ce"), whole)[1].sizes == (4, 8, 3)
