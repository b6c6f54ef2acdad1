"""Every note reading a file gives is in the user's language: under zh_CN the notes of the cases were English."""

from __future__ import annotations

import pathlib

import pytest

from mlpviz import i18n
from mlpviz.io import read_csv_table
from mlpviz.io.csv_header import read_header

CASES = pathlib.Path(__file__).parent / "cases"


@pytest.fixture
def chinese():
    i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.parametrize("name,kwargs", [
    ("cp1252_header.csv", {}), ("uci_iris.data", {}), ("pandas_index.csv", {}),
    ("pandas_dummies_bool.csv", {"target": "survived"}), ("titanic_text.csv", {"target": "survived", "one_hot": True}),
])
def test_the_notes_of_the_cases_are_chinese(chinese, name, kwargs):
    notes = read_csv_table(CASES / name, **kwargs).notes
    assert notes and all(_chinese(note) for note in notes), notes
    assert not any(english in note for note in notes for english in ("no name", " holds ", "the file ")), notes


@pytest.mark.parametrize("lines", [
    [["150", "4", "setosa", "versicolor", "virginica"], ["5.1", "3.5", "1.4", "0.2", "0"], ["4.9", "3", "1.4", "0.2", "0"]],
    [["506", "13"], ["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT",
                     "MEDV"]],
])
def test_a_scikit_learn_first_line_is_said_in_chinese(chinese, lines):
    """scikit-learn's ``n_samples,n_features[,class names]`` line (csv_header.py): the two notes were English."""
    header = read_header(lines[0], lines[1:])
    assert header.skip_first and _chinese(header.note) and "scikit-learn" in header.note, header.note


def test_a_missing_value_is_refused_in_chinese(chinese):
    with pytest.raises(Exception) as refused:
        read_csv_table(CASES / "penguins_na.csv", target="species")
    said = str(refused.value)
    assert "缺失值" in said and "第 2 行" in said and "missing value" not in said, said
