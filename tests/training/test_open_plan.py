"""What opening a CSV file gives, before anything changes: the plan (or the trainer's own refusal) and the classes said."""

from __future__ import annotations

import pathlib

import pytest

from mlpviz.engine import Architecture, DataError, check_targets
from mlpviz.io import read_csv_table
from mlpviz.training.open_plan import classes_said, plan_open

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"
BCE = Architecture((2, 3, 1), "relu", "sigmoid", "bce")


def test_pm1_labels_are_refused_with_the_check_of_the_targets_and_planned_on_tanh_mse():
    table = read_csv_table(CASES / "xor_pm1.csv")
    with pytest.raises(DataError) as refused:
        plan_open(BCE, table)
    with pytest.raises(DataError) as checked:
        check_targets(BCE, table.y)
    assert str(refused.value) == str(checked.value)
    tanh = Architecture((2, 3, 1), "relu", "tanh", "mse")
    plan = plan_open(tanh, table)
    assert plan.arch == tanh and plan.dataset.n_classes == 0 and plan.note == ""


def test_classes_are_said_as_the_file_holds_them_and_as_the_network_gets_them():
    table = read_csv_table(CASES / "labels_0_1_5.csv")
    assert classes_said(table) == "3 classes (0, 1, 5); numbered up to 5: 6 outputs, 3 of them never a target"
    plan = plan_open(BCE, table)  # other inputs: a network built for the file
    assert plan.arch.sizes[-1] == 6 and classes_said(table, plan.arch) == classes_said(table)
    seven = Architecture((5, 4, 7), "relu", "softmax", "ce")
    plan = plan_open(seven, table)
    assert plan.arch == seven and "class(es) 2, 3, 4, 6 do not occur" in plan.note
    assert classes_said(table, seven).endswith("numbered up to 5: 7 outputs, 4 of them never a target")


def test_named_and_complete_classes_and_numbers():
    iris = read_csv_table(CASES / "iris_species.csv", target="species")
    assert classes_said(iris) == "3 classes (setosa, versicolor, virginica)"
    assert classes_said(read_csv_table(CASES / "classes3.csv")).startswith("3 classes (0, 1, 2)")
    assert classes_said(read_csv_table(CASES / "wine_unscaled.csv", target="alcohol")) == ""


def test_a_yes_no_target_whose_rows_are_all_yes_says_one_class_and_names_the_other():
    """titanic_text.csv's 40 rows all survived: "1 classes (yes)" read wrong beside the note that no = 0, yes = 1."""
    table = read_csv_table(CASES / "titanic_text.csv", target="survived", one_hot=True)
    assert classes_said(table) == "1 class (yes); never a target: no"
