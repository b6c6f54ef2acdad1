"""read_csv_table: every kind of file spreadsheets and pandas write, the overrides, and the limits."""

from __future__ import annotations

import codecs
import time

import numpy as np
import pytest

from mlpviz.engine import DataError
from mlpviz.io import csv_rows, read_csv_table
from mlpviz.io.limits import MAX_ABS_VALUE, MAX_CSV_CLASSES, MAX_CSV_COLUMNS

ROWS = "x1,x2,y\n0.5,1,0\n-2,3e-3,1\n"


def write(tmp_path, data, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def assert_rows(table):
    np.testing.assert_array_equal(table.x, [[0.5, 1], [-2, 3e-3]])
    np.testing.assert_array_equal(table.y, [[0], [1]])


# --- encodings ------------------------------------------------------------------------

@pytest.mark.parametrize("codec,bom,expected", [
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_marks_pick_the_encoding(tmp_path, codec, bom, expected):
    table = read_csv_table(write(tmp_path, bom + ROWS.replace(",", "\t").encode(codec)))
    assert table.format.encoding == expected and table.format.delimiter == "\t"
    assert table.input_names == ("x1", "x2")  # no BOM left in the first name
    assert_rows(table)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised_and_noted(tmp_path, codec):
    table = read_csv_table(write(tmp_path, ROWS.encode(codec)))
    assert table.format.encoding == codec
    assert "no byte-order mark" in table.notes[0]
    assert_rows(table)


def test_not_utf8_falls_back_to_windows_1252_and_says_so(tmp_path):
    table = read_csv_table(write(tmp_path, "x1,x2,y\n0.5,1,0\n-2,3e-3,1\n".replace("x2", "x2 (€)").encode("cp1252")))
    assert table.format.encoding == "cp1252" and table.input_names == ("x1", "x2 (€)")
    assert table.notes[0].startswith("the file is not UTF-8 (line 1 has the byte 0x80): read as Windows-1252")
    assert_rows(table)
    with pytest.raises(DataError, match="line 4, column 1 \\(x1\\): '€' is not a number"):
        read_csv_table(write(tmp_path, "x1,x2,y\n0.5,1,0\n-2,3e-3,1\n€,1,1\n".encode("cp1252")))


def test_a_file_neither_utf8_nor_windows_1252_names_the_line_and_byte(tmp_path):
    with pytest.raises(DataError, match="line 2: the file is not text in UTF-8 or Windows-1252 \\(byte 0x81\\)"):
        read_csv_table(write(tmp_path, b"x,y\n\x81\xe9,1\n"))


def test_nul_bytes_in_a_text_file_mean_binary(tmp_path):
    with pytest.raises(DataError, match="binary"):
        read_csv_table(write(tmp_path, b"x,y\n1,\x00\x02\x03\n"))
    with pytest.raises(DataError, match="line 2: the text holds a NUL"):
        read_csv_table(write(tmp_path, codecs.BOM_UTF8 + b"x,y\n1,\x00\n"))


def test_encoding_can_be_given(tmp_path):
    path = write(tmp_path, "tempé,y\n1,0\n2,1\n".encode("latin-1"))
    assert read_csv_table(path, encoding="latin-1").input_names == ("tempé",)
    assert read_csv_table(path, encoding="latin1").format.encoding == "latin-1"
    with pytest.raises(DataError, match="not valid UTF-8 text \\(byte 0xE9"):
        read_csv_table(path, encoding="utf-8")
    with pytest.raises(DataError, match="unknown encoding 'klingon'"):
        read_csv_table(path, encoding="klingon")
    with pytest.raises(DataError, match="not a text encoding"):
        read_csv_table(path, encoding="base64")


# --- separators and decimal marks -------------------------------------------------------

@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_separators_with_quoted_cells_and_crlf(tmp_path, delimiter):
    text = f'"x;1"{delimiter}"x\t2"{delimiter}y\r\n"0.5"{delimiter} 1{delimiter}0\r\n-2{delimiter}"3e-3"{delimiter}"1"\r\n'
    table = read_csv_table(write(tmp_path, text))
    assert table.format.delimiter == delimiter and table.input_names == ("x;1", "x\t2")
    assert_rows(table)


def test_decimal_comma_with_tabs_and_quoted_commas_in_a_comma_file(tmp_path):
    tabs = read_csv_table(write(tmp_path, "x1\tx2\ty\n0,5\t1\t0\n-2\t3e-3\t1\n"))
    assert tabs.format.decimal == ","
    assert_rows(tabs)
    quoted = read_csv_table(write(tmp_path, 'x1,x2,y\n"0.5",1,0\n-2,"3e-3",1\n'))
    assert quoted.format.decimal == "."
    assert_rows(quoted)


def test_one_decimal_mark_per_file(tmp_path):
    with pytest.raises(DataError, match=r"line 2, column 1 \(x1\): '0,5' has a decimal comma, which a comma-separated"):
        read_csv_table(write(tmp_path, 'x1,x2,y\n"0,5",1,0\n'))
    with pytest.raises(DataError, match=r"line 3, column 1 \(x1\): '1.5' is not a number with a decimal comma"):
        read_csv_table(write(tmp_path, "x1;x2;y\n0,5;0,25;0\n1.5;0,5;1\n"))
    with pytest.raises(DataError, match=r"line 2, column 1 \(x1\): '0,5' has a decimal comma .* choose the decimal comma"):
        read_csv_table(write(tmp_path, "x1;x2;y\n0,5;1.25;0\n1.5;0.5;1\n"))


def test_separator_and_decimal_can_be_given(tmp_path):
    path = write(tmp_path, "x1;x2;y\n1;2;0\n3;4;1\n")
    assert read_csv_table(path, delimiter="semicolon", decimal="comma").format.decimal == ","
    with pytest.raises(DataError, match="no target column"):
        read_csv_table(path, delimiter=",")  # the header is then one column named 'x1;x2;y'
    with pytest.raises(DataError, match="unknown separator ':'"):
        read_csv_table(path, delimiter=":")
    with pytest.raises(DataError, match="a decimal comma needs another separator"):
        read_csv_table(path, delimiter=",", decimal=",")
    with pytest.raises(DataError, match="the file's separator is a comma, so its decimal mark cannot be one"):
        read_csv_table(write(tmp_path, ROWS), decimal=",")
    with pytest.raises(DataError, match="unknown decimal mark"):
        read_csv_table(path, decimal="·")
    assert read_csv_table(write(tmp_path, "x1\tx2\ty\n1\t2\t0\n"), delimiter="tab").format.delimiter == "\t"


def test_a_header_of_one_column_with_spaces_says_to_separate_the_columns(tmp_path):
    with pytest.raises(DataError, match="line 1: the header 'x1 x2 y' is a single column: separate the columns"):
        read_csv_table(write(tmp_path, "x1 x2 y\n1 2 0\n"))


def test_a_row_with_a_wrong_number_of_cells_is_named_in_a_semicolon_file(tmp_path):
    with pytest.raises(DataError, match=r"line 3: 2 cell\(s\) but the header \(line 1\) has 3 column\(s\)"):
        read_csv_table(write(tmp_path, "x1;x2;y\n1;2;0\n1;2\n"))


# --- index and empty columns -------------------------------------------------------------

@pytest.mark.parametrize("text,skipped", [
    (",x1,x2,y\n0,0.5,1,0\n1,-2,3e-3,1\n", 1),
    ("Unnamed: 0,x1,x2,y\n0,0.5,1,0\n1,-2,3e-3,1\n", 1),
    (",Unnamed: 0,x1,x2,y\n0,0,0.5,1,0\n1,1,-2,3e-3,1\n", 2),  # read with its index and written again
    (",x1,x2,y\n7,0.5,1,0\n3,-2,3e-3,1\n", 1),  # the index of filtered or shuffled rows
    ('"";"x1";"x2";"y"\n"0";"0,5";"1";"0"\n"1";"-2";"3e-3";"1"\n', 1),
])
def test_pandas_index_columns_are_skipped_with_a_note(tmp_path, text, skipped):
    table = read_csv_table(write(tmp_path, text))
    assert table.input_names == ("x1", "x2") and len(table.notes) == skipped
    assert all("skipped" in note for note in table.notes)
    assert_rows(table)


@pytest.mark.parametrize("cells,message", [
    ("5,5", r"line 3, column 1 \(no name\): this column has no name and 5 is not a row number .*to_csv\(index=False\)"),
    ("0.5,1", r"line 2, column 1 \(no name\): .* 0.5 is not a row number"),
    ("a,b", r"line 2, column 1 \(no name\): 'a' is not a number: this first column has no name .*to_csv\(index=False\)"),
])
def test_an_unnamed_first_column_that_is_not_an_index_is_refused_with_the_fix(tmp_path, cells, message):
    a, b = cells.split(",")
    with pytest.raises(DataError, match=message):
        read_csv_table(write(tmp_path, f",x,y\n{a},1,0\n{b},2,1\n"))


def test_a_separator_at_the_end_of_every_line_is_ignored(tmp_path):
    table = read_csv_table(write(tmp_path, "x1;x2;y;\n0,5;1;0;\n-2;3e-3;1\n"))
    assert_rows(table)
    assert "column(s) 4 have no name and no values" in table.notes[0]
    with pytest.raises(DataError, match="line 2, column 4: a value under a column with no name"):
        read_csv_table(write(tmp_path, "x1;x2;y;\n0,5;1;0;7\n"))


def test_an_empty_name_in_the_middle_and_a_name_used_twice_are_refused(tmp_path):
    with pytest.raises(DataError, match="line 1, column 2: the header has an empty column name"):
        read_csv_table(write(tmp_path, "x,,y\n1,2,0\n"))
    with pytest.raises(DataError, match="line 1, column 3: the column name 'x' appears twice \\(also column 1\\)"):
        read_csv_table(write(tmp_path, "x,y,x\n1,0,2\n"))


# --- targets and classes -----------------------------------------------------------------

def test_whole_numbers_from_zero_are_classes_and_from_one_are_numbers_with_a_note(tmp_path):
    classes = read_csv_table(write(tmp_path, "x,y\n1,2\n2,0\n3,1\n"))
    assert classes.class_names == ("0", "1", "2") and not classes.has_text_classes
    np.testing.assert_array_equal(classes.labels, [2, 0, 1])
    ones = read_csv_table(write(tmp_path, "x,y\n1,1\n2,3\n3,2\n"))
    assert ones.labels is None and ones.class_names == ()
    assert "whole numbers 1..3: read as numbers, not classes, unless the network has 4 or more softmax outputs" in ones.notes[0]
    for text in ("x,y\n1,0.5\n2,0\n", "x,y\n1,0\n2,0\n", f"x,y\n1,0\n2,{MAX_CSV_CLASSES}\n"):
        assert read_csv_table(write(tmp_path, text)).labels is None


def test_class_names_are_numbered_in_sorted_order_whatever_the_row_order(tmp_path):
    a = read_csv_table(write(tmp_path, "x,kind\n1,True\n2,False\n3,True\n"), target="kind")
    b = read_csv_table(write(tmp_path, "x,kind\n2,False\n1,True\n3,True\n"), target="kind")
    assert a.class_names == b.class_names == ("False", "True")
    np.testing.assert_array_equal(a.labels, [1, 0, 1])
    assert "numbered in sorted order: 0 = False, 1 = True" in a.notes[0]


@pytest.mark.parametrize("cells,message", [
    (["a", "1"], r"line 2, column 2 \(k\): 'a' is not a number, but line 3 holds the number '1'"),
    (["a", "a"], r"column 2 \(k\) holds one class only \('a'\)"),
    (["a", ""], r"line 3, column 2 \(k\): missing value"),
])
def test_class_columns_that_cannot_be_classes_are_refused(tmp_path, cells, message):
    with pytest.raises(DataError, match=message):
        read_csv_table(write(tmp_path, f"x,k\n1,{cells[0]}\n2,{cells[1]}\n"), target="k")


def test_too_many_class_names_suggest_another_target(tmp_path):
    rows = "\n".join(f"{i},name{i}" for i in range(MAX_CSV_CLASSES + 1))
    with pytest.raises(DataError, match=f"{MAX_CSV_CLASSES + 1} different texts.*right target column"):
        read_csv_table(write(tmp_path, "x,who\n" + rows + "\n"), target="who")


def test_targets_can_be_chosen_by_name(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,3\n4,5,6\n")
    table = read_csv_table(path, target=["c", "a"])
    assert table.input_names == ("b",) and table.target_names == ("c", "a")
    np.testing.assert_array_equal(table.y, [[3, 1], [6, 4]])
    with pytest.raises(DataError, match="there is no column named 'd'; the columns are 'a', 'b', 'c'"):
        read_csv_table(path, target="d")
    with pytest.raises(DataError, match="no input column"):
        read_csv_table(path, target=["a", "b", "c"])


def test_text_in_an_input_column_offers_one_hot_encoding(tmp_path):
    path = write(tmp_path, "colour,y\nred,1\nblue,0\nred,0\n")
    with pytest.raises(DataError, match=r"line 2, column 1 \(colour\): 'red' is not a number; .* one-hot encode the "
                                        r"text input columns .*--one-hot in mlpviz train"):
        read_csv_table(path)
    table = read_csv_table(path, one_hot=True)
    assert table.input_names == ("colour=blue", "colour=red")
    np.testing.assert_array_equal(table.x, [[0, 1], [1, 0], [0, 1]])


def test_large_inputs_get_a_note_to_scale_them(tmp_path):
    table = read_csv_table(write(tmp_path, "income,age,y\n52000,30,0\n18000,61,1\n"))
    assert table.notes == ("input 'income' reaches 52,000: standardize the inputs (Standardize inputs in the import "
                           "preview, --standardize in mlpviz train), or training will be slow or diverge",)


# --- limits ---------------------------------------------------------------------------------

def test_a_header_of_a_million_columns_is_refused_at_once(tmp_path):
    path = write(tmp_path, ",".join(f"c{i}" for i in range(1_000_000)) + ",y\n" + "1," * 1_000_000 + "0\n")
    start = time.thread_time()  # this thread's CPU time: a busy machine's other programs do not count
    with pytest.raises(DataError, match=f"line 1: the header has 1,000,001 columns, over the limit of {MAX_CSV_COLUMNS:,}"):
        read_csv_table(path)
    assert time.thread_time() - start < 2.0


def test_rows_over_the_limit_are_refused_before_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_rows, "MAX_CSV_ROWS", 3)
    path = write(tmp_path, "x,y\n" + "1,0\n" * 5 + "oops,1\n")
    with pytest.raises(DataError, match="line 5: more than 3 data rows; the limit is 3 rows"):
        read_csv_table(path)
    monkeypatch.setattr(csv_rows, "MAX_CSV_VALUES", 5)
    with pytest.raises(DataError, match="line 4: more than 2 data rows"):
        read_csv_table(path)


@pytest.mark.parametrize("cell", ["1e308", "-1e200", "1.7976931348623157e308"])
def test_values_too_large_to_compute_with_are_refused(tmp_path, cell):
    with pytest.raises(DataError, match=r"line 3, column 2 \(y\): .* is too large: mlpviz takes values up to ±1e\+150"):
        read_csv_table(write(tmp_path, f"x,y\n1,0\n2,{cell}\n"))
    assert read_csv_table(write(tmp_path, f"x,y\n1,0\n2,{MAX_ABS_VALUE!r}\n")).y[1, 0] == MAX_ABS_VALUE


def test_infinite_and_nan_cells_are_refused_in_inputs_and_class_columns(tmp_path):
    with pytest.raises(DataError, match=r"line 2, column 1 \(x\): inf is not a finite number"):
        read_csv_table(write(tmp_path, "x,y\ninf,0\n"))
    with pytest.raises(DataError, match=r"line 2, column 2 \(y\): 'NaN' is a missing value; drop the rows"):
        read_csv_table(write(tmp_path, "x,y\n1,NaN\n"))


def test_the_unnamed_index_column_cannot_be_the_target(tmp_path):
    with pytest.raises(DataError, match="line 1, column 1: a column of row numbers without a name cannot be the target"):
        read_csv_table(write(tmp_path, "Unnamed: 0,x,y\n0,1,0\n1,2,1\n"), target="Unnamed: 0")
