"""Files without a header row (UCI, scikit-learn, digit sets): every row is a sample, never taken for column names."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

from mlpviz.engine import DataError
from mlpviz.io import peek_csv, read_csv_table

CASES = pathlib.Path(__file__).parent / "cases"


def write(tmp_path, text: str, name: str = "data.csv") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_uci_iris_reads_every_line_as_a_sample_and_keeps_the_class_names():
    table = read_csv_table(CASES / "uci_iris.data")
    assert table.n_rows == 15 and table.lines[0] == 1  # the first flower is a sample, not the header
    np.testing.assert_array_equal(table.x[0], [5.1, 3.5, 1.4, 0.2])
    assert table.input_names == ("column 1", "column 2", "column 3", "column 4")
    assert table.target_names == ("column 5",)
    assert table.class_names == ("Iris-setosa", "Iris-versicolor", "Iris-virginica")
    assert "the file has no header row, so every line is read as a sample" in table.notes[0]
    assert "column 5, the one column of text, is the target" in table.notes[0]
    assert peek_csv(CASES / "uci_iris.data").columns == tuple(f"column {c}" for c in range(1, 6))


def test_a_label_first_digits_file_names_the_missing_header_and_the_fix(tmp_path):
    """Duplicate numbers once gave "the column name '0' appears twice"; distinct ones lost the first sample."""
    path = write(tmp_path, "0,0,0,5,13,9\n1,0,0,12,13,5\n2,0,0,4,15,12\n")
    with pytest.raises(DataError, match=r"no header row \(line 1 is a sample\): choose the target column, "
                                        r"e\.g\. 'column 1' or 'column 6' \(mlpviz train --target 'column 6'\)"):
        read_csv_table(path)
    table = read_csv_table(path, target="column 1")
    assert table.n_rows == 3 and table.class_names == ("0", "1", "2")
    np.testing.assert_array_equal(table.x[0], [0, 0, 5, 13, 9])
    distinct = write(tmp_path, "7,1,2,3\n3,4,5,6\n", "distinct.csv")
    with pytest.raises(DataError, match="no header row"):
        read_csv_table(distinct)


def test_scikit_learns_description_line_names_the_classes_and_is_not_a_header(tmp_path):
    path = write(tmp_path, "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n"
                           "7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n")
    table = read_csv_table(path)
    assert table.n_rows == 4 and table.target_names == ("column 5",)
    assert table.class_names == ("setosa", "versicolor", "virginica") and table.has_text_classes
    np.testing.assert_array_equal(table.labels, [0, 0, 1, 2])
    assert table.notes[0].startswith("line 1 is scikit-learn's description of the file (150 samples, 4 features, "
                                     "classes setosa, versicolor, virginica), not column names")
    wine = write(tmp_path, "178,3,class_0,class_1,class_2\n14.2,1.7,2.4,0\n13.2,1.8,2.1,1\n12.4,1.2,2.6,2\n",
                 "wine.csv")
    assert read_csv_table(wine).class_names == ("class_0", "class_1", "class_2")


def test_a_description_line_followed_by_a_header_skips_the_description(tmp_path):
    """boston_house_prices.csv: "506,13", then the column names."""
    path = write(tmp_path, "3,2\nCRIM,ZN,MEDV\n0.006,18,24\n0.027,0,21.6\n0.027,0,34.7\n")
    table = read_csv_table(path, target="MEDV")
    assert table.input_names == ("CRIM", "ZN") and table.n_rows == 3 and table.lines[0] == 3
    assert "not column names: skipped; line 2 names the columns" in table.notes[0]


def test_numbered_column_names_and_ordinary_headers_stay_headers(tmp_path):
    numbered = read_csv_table(write(tmp_path, "0,1,2,y\n0.5,0.25,3,1\n1.5,0.75,2,0\n"))
    assert numbered.input_names == ("0", "1", "2") and numbered.n_rows == 2
    indexed = read_csv_table(write(tmp_path, ",0,1,y\n0,0.5,3,1\n1,1.5,2,0\n", "indexed.csv"))
    assert indexed.input_names == ("0", "1")
    assert read_csv_table(CASES / "iris_species.csv", target="species").n_rows == 6


def test_a_headerless_file_with_a_short_row_names_the_first_line(tmp_path):
    path = write(tmp_path, "1.5,2.5,a\n1.5,2.5,b\n3.5,b\n")
    with pytest.raises(DataError, match="line 3: 2 cell\\(s\\) but the first line has 3 column"):
        read_csv_table(path)
