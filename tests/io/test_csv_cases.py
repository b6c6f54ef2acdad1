"""The files users bring (tests/io/cases/, copied from the issue): each loads as described or is refused for its real cause."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

from mlpviz.engine import Architecture, DataError, check_targets, init_params, train_step
from mlpviz.io import load_csv, read_csv_table

CASES = pathlib.Path(__file__).parent / "cases"
X2 = [[0.637, 0.270], [0.041, 0.017]]


def test_semicolon_separators_are_detected():
    table = read_csv_table(CASES / "semicolon.csv")
    assert (table.format.delimiter, table.format.decimal) == (";", ".")
    np.testing.assert_array_equal(table.x, X2)
    np.testing.assert_array_equal(table.y, [[0], [1]])
    assert table.input_names == ("x1", "x2") and table.target_names == ("y",)


def test_excel_de_semicolons_with_decimal_commas_load():
    table = read_csv_table(CASES / "excel_de.csv")
    assert (table.format.delimiter, table.format.decimal) == (";", ",")
    np.testing.assert_array_equal(table.x, X2)
    np.testing.assert_array_equal(table.y, [[0], [1]])
    assert "semicolon separators, decimal comma, UTF-8" == table.format.describe()


def test_excel_unicode_text_utf16_tabs_loads():
    table = read_csv_table(CASES / "excel_unicode_text.txt")
    assert (table.format.delimiter, table.format.encoding) == ("\t", "utf-16-le")
    np.testing.assert_array_equal(table.x, [[0.1, 0.2], [0.3, 0.4]])
    np.testing.assert_array_equal(table.y, [[1], [0]])


def test_cp1252_header_loads_saying_which_encoding_was_assumed():
    table = read_csv_table(CASES / "cp1252_header.csv")
    assert table.format.encoding == "cp1252"
    assert table.input_names == ("température", "humidité")
    assert any("Windows-1252" in note and "0xE9" in note for note in table.notes)
    np.testing.assert_array_equal(table.x, [[21.5, 0.4], [18.0, 0.7]])


def test_padded_cells_load():
    x, y = load_csv(CASES / "padded_cells.csv", 2, 1)
    np.testing.assert_array_equal(x, [[0.1, 0.2], [0.3, 0.4]])
    np.testing.assert_array_equal(y, [[1], [0]])


def test_pandas_index_column_is_skipped_with_a_note():
    table = read_csv_table(CASES / "pandas_index.csv")
    assert table.input_names == ("x1", "x2") and table.columns[0] == ""
    np.testing.assert_array_equal(table.x, [[0.1, 0.2], [0.3, 0.4]])
    assert table.notes == ("column 1 (no name) holds the row numbers 0..1 (the index pandas writes): skipped",)


def test_iris_species_needs_its_target_named_then_loads_as_three_named_classes():
    with pytest.raises(DataError, match="no target column.*choose the target column.*'species'") as info:
        read_csv_table(CASES / "iris_species.csv")
    assert "line 1" in str(info.value)
    table = read_csv_table(CASES / "iris_species.csv", target="species")
    assert table.class_names == ("setosa", "versicolor", "virginica") and table.has_text_classes
    np.testing.assert_array_equal(table.labels, [0, 0, 1, 1, 2, 2])
    assert table.x.shape == (6, 4) and table.input_names[0] == "sepal_length"
    x, y = load_csv(CASES / "iris_species.csv", 4, 3, target="species")
    np.testing.assert_array_equal(y, np.eye(3)[[0, 0, 1, 1, 2, 2]])
    with pytest.raises(DataError, match="3 classes but the network has one output"):
        load_csv(CASES / "iris_species.csv", 4, 1, target="species")


def test_xor_pm1_with_bce_is_refused_with_the_fix_and_trains_with_mse():
    x, y = load_csv(CASES / "xor_pm1.csv", 2, 1)  # the file itself is fine
    bce = Architecture((2, 4, 1), "tanh", "sigmoid", "bce")
    with pytest.raises(DataError, match="labels are -1 and 1; binary cross-entropy .* map -1 to 0"):
        check_targets(bce, y)
    mse = Architecture((2, 4, 1), "tanh", "linear", "mse")
    check_targets(mse, y)
    params = init_params(mse, "xavier", 0)
    first = None
    for _ in range(1000):
        record = train_step(mse, params, x, y, 0.1)
        first = record.loss if first is None else first
        params = record.params_after
    assert record.loss < 1e-3 < first  # XOR learnt


def test_pandas_dummies_read_booleans_as_1_0_with_a_note():
    table = read_csv_table(CASES / "pandas_dummies_bool.csv", target="survived")
    assert table.x.shape == (40, 7) and set(np.unique(table.x)) == {0.0, 1.0}
    np.testing.assert_array_equal(table.x[0], [1, 0, 0, 1, 0, 1, 0])
    assert any(note.endswith("hold True/False: read as 1/0") and "and 4 more columns" in note for note in table.notes)
    assert table.class_names == ("no", "yes")


def test_titanic_text_inputs_are_one_hot_encoded_when_asked():
    with pytest.raises(DataError, match="line 2, column 2 \\(class\\): '1st class' is not a number; .*--one-hot"):
        read_csv_table(CASES / "titanic_text.csv", target="survived")
    table = read_csv_table(CASES / "titanic_text.csv", target="survived", one_hot=True)
    assert table.input_names == ("class=1st class", "age=adults", "sex=man") and table.n_rows == 40
    assert table.class_names == ("no", "yes") and set(table.labels) == {1}


def test_penguins_na_is_a_missing_value_with_its_line_column_and_fix():
    with pytest.raises(DataError, match=r"penguins_na\.csv: line 2, column 2 \(bill_length_mm\): 'NA' is a missing "
                                        r"value; drop the rows with missing values \(pandas: df\.dropna\(\), R: "
                                        r"na\.omit\(df\)\) or fill them in"):
        read_csv_table(CASES / "penguins_na.csv", target="species")
