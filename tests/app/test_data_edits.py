"""Data edits return new data sets; CSV files and new data fit the network."""

import numpy as np
import pytest

from mlpviz.app.data_edits import random_batch, row_count, row_values, with_row_added, with_value, without_row
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, DataError
from mlpviz.training.fit import arch_for_data, dataset_from_csv


def test_with_value_changes_one_number_and_keeps_the_original():
    data = make_dataset("notebook", seed=0)
    edited = with_value(data, 2, 1, 0.25)
    assert edited.x_train[2, 1] == 0.25 and data.x_train[2, 1] != 0.25
    edited = with_value(data, 0, 2, 1.0)
    assert edited.y_train[0, 0] == 1.0 and edited.labels_train[0] == 1


def test_editing_a_target_to_a_non_label_drops_the_classes():
    edited = with_value(make_dataset("notebook", seed=0), 0, 2, 0.5)
    assert edited.labels_train is None and edited.n_classes == 0


def test_test_rows_come_after_train_rows():
    data = make_dataset("xor", n_samples=10, test_fraction=0.2)
    assert row_count(data) == 10
    np.testing.assert_array_equal(row_values(data, 8), np.concatenate([data.x_test[0], data.y_test[0]]))
    assert with_value(data, 9, 0, 7.0).x_test[1, 0] == 7.0


def test_add_and_remove_rows():
    data = make_dataset("notebook", seed=0)
    added = with_row_added(data)
    assert added.n_train == 6
    np.testing.assert_array_equal(added.x_train[5], data.x_train[4])
    removed = without_row(data, 1)
    np.testing.assert_array_equal(removed.x_train, np.delete(data.x_train, 1, axis=0))
    one = make_dataset("notebook", n_samples=1)
    with pytest.raises(DataError, match="last training row"):
        without_row(one, 0)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_refuses_non_finite_values(bad):
    with pytest.raises(DataError):
        with_value(make_dataset("notebook"), 0, 0, bad)


def test_random_batch_is_the_notebooks_draw_for_notebook_data():
    data = random_batch(make_dataset("notebook", seed=0), seed=7)
    np.testing.assert_array_equal(data.x_train, make_dataset("notebook", seed=7).x_train)


def test_random_batch_keeps_the_shape_of_other_data():
    blobs = make_dataset("blobs", n_samples=30, n_classes=4)
    data = random_batch(blobs, seed=1)
    assert data.x_train.shape == blobs.x_train.shape and data.y_train.shape == blobs.y_train.shape
    assert data.n_classes == 4 and (data.y_train.sum(axis=1) == 1).all()


def test_arch_for_data_keeps_a_fitting_network_and_adapts_others():
    arch = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    assert arch_for_data(arch, make_dataset("xor")) is arch
    fitted = arch_for_data(arch, make_dataset("blobs", n_classes=3))
    assert fitted.sizes == (2, 3, 3) and fitted.output_activation == "softmax" and fitted.loss == "ce"
    back = arch_for_data(fitted, make_dataset("xor"))
    assert back.output_activation in ("sigmoid", "softmax")


def test_dataset_from_csv_one_hots_class_indices_for_a_softmax(tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("a,b,y\n0,0,0\n1,0,1\n0,1,2\n")
    data = dataset_from_csv(path, n_outputs=3)
    assert data.name == "three" and data.n_classes == 3
    np.testing.assert_array_equal(data.y_train, np.eye(3))
    same = dataset_from_csv(path, n_outputs=1)  # a class column is classes whatever the network
    np.testing.assert_array_equal(same.y_train, np.eye(3))
