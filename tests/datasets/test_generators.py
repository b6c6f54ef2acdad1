"""Built-in data sets and mini-batches."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlpviz.datasets import DATASETS, make_dataset

from mlpviz.engine import DataError, batch_count, batch_for_step, batch_indices, parse_batch_size
from mlpviz.datasets import dataset_from_arrays, labels_of


@pytest.mark.parametrize("name", list(DATASETS))
def test_generators_are_seeded_and_shaped(name):
    a, b, c = make_dataset(name, seed=1), make_dataset(name, seed=1), make_dataset(name, seed=2)
    assert a.x_train.tobytes() == b.x_train.tobytes() and a.y_test.tobytes() == b.y_test.tobytes()
    assert a.x_train.tobytes() != c.x_train.tobytes()
    assert a.n_inputs == {"iris": 4, "digits": 64}.get(name, 2) and a.x_train.dtype == np.float64 and a.y_train.dtype == np.float64
    assert a.n_train + a.n_test == DATASETS[name].defaults["n_samples"]
    assert a.y_train.shape == (a.n_train, 1 if a.n_classes == 2 else a.n_classes)
    assert not a.x_train.flags.writeable and not a.y_train.flags.writeable
    assert a.labels_train.shape == (a.n_train,) and set(np.unique(a.labels_train)) <= set(range(a.n_classes))
    assert np.isfinite(a.x_train).all()


def test_notebook_batch_is_the_notebooks_draw():
    d = make_dataset("notebook", seed=0)
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(d.x_train, rng.random((5, 2)))
    np.testing.assert_array_equal(d.y_train[:, 0], rng.integers(0, 2, 5))
    assert d.n_test == 0


def test_split_sizes_and_classes():
    d = make_dataset("moons", n_samples=100, test_fraction=0.25, seed=3)
    assert (d.n_train, d.n_test) == (75, 25)
    assert set(np.unique(d.labels_train)) == {0, 1}
    blobs = make_dataset("blobs", n_classes=5, n_samples=50, test_fraction=0.0)
    assert blobs.y_train.shape == (50, 5) and (blobs.y_train.sum(axis=1) == 1).all()
    np.testing.assert_array_equal(blobs.y_train.argmax(axis=1), blobs.labels_train)


def test_noise_zero_gives_clean_problems():
    xor = make_dataset("xor", noise=0.0, test_fraction=0.0)
    assert ((xor.x_train[:, 0] * xor.x_train[:, 1] < 0) == (xor.labels_train == 1)).all()
    circles = make_dataset("circles", noise=0.0, test_fraction=0.0)
    r = np.hypot(*circles.x_train.T)
    assert (r[circles.labels_train == 1] <= 0.5).all() and (r[circles.labels_train == 0] >= 0.7).all()


def test_targets_for_makes_one_hot_for_a_two_unit_softmax():
    d = make_dataset("xor", n_samples=10, test_fraction=0.0)
    assert d.targets_for(1) is d.y_train
    np.testing.assert_array_equal(d.targets_for(2).argmax(axis=1), d.labels_train)
    three = d.targets_for(3)  # class indices 0 and 1 within 3 outputs: a class the data do not show
    np.testing.assert_array_equal(three, np.eye(3)[d.labels_train])
    named = dataclasses.replace(d, class_names=("no", "yes"))
    with pytest.raises(DataError, match="3 output"):
        named.targets_for(3)


@pytest.mark.parametrize("kwargs", [
    {"n_samples": 0}, {"n_samples": 10**9}, {"n_samples": 2.5}, {"n_samples": True}, {"noise": -1},
    {"noise": float("nan")}, {"noise": "x"}, {"test_fraction": 1.0}, {"test_fraction": -0.1},
    {"test_fraction": "a"}, {"colour": 1},
])
def test_bad_generator_settings_are_refused(kwargs):
    with pytest.raises(DataError):
        make_dataset("spiral", **kwargs)


def test_unknown_dataset_and_bad_class_count():
    with pytest.raises(DataError, match="unknown data set"):
        make_dataset("mnist")
    with pytest.raises(DataError, match="classes"):
        make_dataset("blobs", n_classes=1)


def test_dataset_from_arrays_finds_labels():
    x = np.arange(8.0).reshape(4, 2)
    d = dataset_from_arrays("file", x, np.array([[0.0], [1.0], [1.0], [0.0]]), test_fraction=0.5, seed=0)
    assert d.n_train == 2 and d.n_classes == 2
    assert labels_of(np.array([[0.5], [1.0]])) == (None, 0)
    labels, k = labels_of(np.eye(3)[[2, 0]])
    assert k == 3 and list(labels) == [2, 0]
    with pytest.raises(DataError):
        dataset_from_arrays("bad", np.zeros((3, 2)), np.zeros((2, 1)))


# --- batches ---------------------------------------------------------------


def test_full_batch_and_in_order_batches():
    assert [list(b) for b in batch_indices(5, None)] == [[0, 1, 2, 3, 4]]
    assert [list(b) for b in batch_indices(5, 2)] == [[0, 1], [2, 3], [4]]
    assert [list(b) for b in batch_indices(3, 10)] == [[0, 1, 2]]
    assert batch_count(5, 2) == 3 and batch_count(5, None) == 1 and batch_count(5, 5) == 1


def test_shuffled_batches_are_a_seeded_permutation_per_epoch():
    e0 = np.concatenate(batch_indices(10, 3, epoch=0, seed=7, shuffle=True))
    e1 = np.concatenate(batch_indices(10, 3, epoch=1, seed=7, shuffle=True))
    assert sorted(e0) == list(range(10)) and sorted(e1) == list(range(10))
    assert list(e0) != list(e1)
    again = np.concatenate(batch_indices(10, 3, epoch=0, seed=7, shuffle=True))
    assert list(e0) == list(again)
    assert list(np.concatenate(batch_indices(10, 3, 0, 8, True))) != list(e0)
    assert not batch_indices(10, 3, 0, 7, True)[0].flags.writeable


def test_batch_for_step_walks_epochs():
    seen = [batch_for_step(7, 3, s, seed=1, shuffle=True) for s in range(6)]
    assert [(e, i) for e, i, _ in seen] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert sorted(np.concatenate([idx for e, _, idx in seen if e == 1])) == list(range(7))


@pytest.mark.parametrize("text,expected", [("full", None), ("", None), (None, None), (" 32 ", 32), (1, 1)])
def test_parse_batch_size(text, expected):
    assert parse_batch_size(text) == expected


@pytest.mark.parametrize("call", [
    lambda: parse_batch_size("0"), lambda: parse_batch_size("many"), lambda: batch_indices(0, None),
    lambda: batch_indices(5, 0), lambda: batch_indices(5, 2, epoch=-1), lambda: batch_for_step(5, 2, -1),
    lambda: batch_indices(5, 2, seed=-3, shuffle=True),
])
def test_bad_batch_settings_are_refused(call):
    with pytest.raises(DataError):
        call()
