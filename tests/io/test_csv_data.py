"""CSV data files: parsing paths and every refusal."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.engine import DataError

from mlpviz.io import load_csv, write_csv
from mlpviz.io.limits import MAX_CSV_BYTES


def write(tmp_path, text, name="data.csv", mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_inputs_in_file_order_and_a_y_column(tmp_path):
    path = write(tmp_path, "b,y,a\n1,0,2\n3,1,4\n")
    x, y = load_csv(path)
    np.testing.assert_array_equal(x, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(y, [[0], [1]])
    assert x.dtype == y.dtype == np.float64


def test_numbered_targets_are_ordered_by_number(tmp_path):
    path = write(tmp_path, "y2,x,y1\r\n0.5,1,0.25\r\n\r\n1e-3,2,-0\r\n")
    x, y = load_csv(path, n_inputs=1, n_outputs=2)
    np.testing.assert_array_equal(x, [[1], [2]])
    np.testing.assert_array_equal(y, [[0.25, 0.5], [-0.0, 1e-3]])


def test_class_index_becomes_one_hot(tmp_path):
    path = write(tmp_path, "x1,x2,y\n0,0,2\n1,1,0\n")
    _, y = load_csv(path, 2, 3)
    np.testing.assert_array_equal(y, [[0, 0, 1], [1, 0, 0]])
    _, y1 = load_csv(path, 2)  # no output size: the column as is
    np.testing.assert_array_equal(y1, [[2], [0]])


def test_quotes_bom_spaces_and_blank_lines(tmp_path):
    path = write(tmp_path, "\ufeff x ,\"y\"\n\n\"1.5\", 1 \n\n")
    x, y = load_csv(path)
    np.testing.assert_array_equal(x, [[1.5]])
    np.testing.assert_array_equal(y, [[1]])


def test_write_then_load_is_bit_identical(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((20, 3)) * 1e-300
    y = np.eye(4)[rng.integers(0, 4, 20)]
    write_csv(tmp_path / "out.csv", x, y)
    x2, y2 = load_csv(tmp_path / "out.csv", 3, 4)
    assert x2.tobytes() == x.tobytes() and y2.tobytes() == y.tobytes()
    write_csv(tmp_path / "one.csv", x, y[:, 0])
    assert (tmp_path / "one.csv").read_text().splitlines()[0] == "x1,x2,x3,y"
    with pytest.raises(DataError):
        write_csv(tmp_path / "bad.csv", [[np.nan]], [[1.0]])
    with pytest.raises(DataError):
        write_csv(tmp_path / "bad.csv", np.zeros((2, 1)), np.zeros((3, 1)))


@pytest.mark.parametrize("text,sizes,message", [
    ("", (None, None), "empty"),
    ("\n\n  \n", (None, None), "no header"),
    ("x,y\n", (None, None), "no data rows"),
    ("x,y\n1,2,3\n", (None, None), "line 2: 3 cell"),
    ("x,y\n1,2\n3\n", (None, None), "line 3: 1 cell"),
    ("x,y\n1,\n", (None, None), "line 2, column 2 \\(y\\): missing value"),
    ("x,y\n1,2\nabc,1\n", (None, None), "line 3, column 1 \\(x\\): 'abc' is not a number"),
    ("x,y\nnan,1\n", (None, None), "line 2, column 1 \\(x\\): 'NaN' is a missing value; drop the rows"),
    ("x,y\n1,-inf\n", (None, None), "not a finite number"),
    ("x,x,y\n1,2,3\n", (None, None), "appears twice"),
    ("x,,y\n1,2,3\n", (None, None), "empty column name"),
    ("a,b\n1,2\n", (None, None), "no target column"),
    ("y\n1\n", (None, None), "no input column"),
    ("x,y,y1\n1,2,3\n", (None, None), "not both"),
    ("x,y1,y3\n1,2,3\n", (None, None), "without gaps"),
    ("x,y\n1,3\n", (1, 3), "line 2, column 2 \\(y\\): class index 3"),
    ("x,y\n1,0.5\n", (1, 3), "class index 0.5"),
    ("x,y\n1,-1\n", (1, 3), "class index -1"),
    ("a,b,y\n1,2,0\n", (3, None), "2 input column"),
    ("a,y1,y2\n1,2,0\n", (1, 3), "2 target column"),
    ('x,y\n"1\n', (None, None), "line"),
])
def test_refusals_name_the_file_line_and_column(tmp_path, text, sizes, message):
    path = write(tmp_path, text)
    with pytest.raises(DataError, match=message) as info:
        load_csv(path, *sizes)
    assert str(path) in str(info.value)


def test_long_cells_are_refused_without_a_huge_array(tmp_path):
    path = write(tmp_path, "x,y\n" + "1" * 100 + "x,1\n")
    with pytest.raises(DataError, match="not a number"):
        load_csv(path)
    field = write(tmp_path, "x,y\n" + "1" * 200_000 + ",1\n", "field.csv")
    with pytest.raises(DataError, match="not valid CSV"):
        load_csv(field)


def test_binary_files_are_refused(tmp_path):
    with pytest.raises(DataError, match="binary"):
        load_csv(write(tmp_path, b"x,y\n\x00\x01,2\n", mode="wb"))
    with pytest.raises(DataError, match="binary"):
        load_csv(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", mode="wb"))


def test_missing_file_directory_and_huge_file_are_refused(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_csv(tmp_path / "none.csv")
    with pytest.raises(DataError, match="not a regular file"):
        load_csv(tmp_path)
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as f:
        f.truncate(MAX_CSV_BYTES + 1)  # sparse: refused from its size, never read
    with pytest.raises(DataError, match="over the limit"):
        load_csv(huge)
