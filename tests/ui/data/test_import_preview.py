"""The import preview shows how a CSV file is read, re-reads it when a choice changes, and applies nothing."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from mlpviz.ui.data.import_preview import ImportPreviewDialog, preview_csv

CASES = pathlib.Path(__file__).parents[2] / "io" / "cases"


@pytest.fixture
def preview(qtbot):
    def make(name):
        dialog = ImportPreviewDialog(CASES / name if isinstance(name, str) else name)
        qtbot.addWidget(dialog)
        return dialog
    return make


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()


def choose(box, data):
    index = box.findData(data)
    assert index > 0, data
    box.setCurrentIndex(index)


def test_shows_the_detected_format_and_the_first_rows(preview):
    dialog = preview("excel_de.csv")
    assert dialog.delimiter_box.currentText() == "Detected: semicolon (;)"
    assert dialog.decimal_box.currentText() == "Detected: comma (0,5)"
    assert dialog.encoding_box.currentText() == "Detected: UTF-8"
    assert dialog.target_box.currentText() == "Detected: y"
    view = dialog.rows_view
    assert (view.rowCount(), view.columnCount()) == (2, 3)
    assert [view.horizontalHeaderItem(c).text() for c in range(3)] == ["x1", "x2", "y (target)"]
    assert view.item(0, 0).text() == "0.637" and view.verticalHeaderItem(0).text() == "line 2"
    assert "2 rows · 2 inputs · target y: 2 classes" in dialog.summary_label.text()
    assert ok_enabled(dialog) and dialog.error_label.isHidden()
    assert dialog.text_view.toPlainText().startswith("x1;x2;y\n0,637;0,270;0")


def test_a_file_without_its_target_shows_why_then_reads_once_the_target_is_chosen(preview):
    dialog = preview("iris_species.csv")
    assert not ok_enabled(dialog) and dialog.table is None
    assert "line 1: no target column" in dialog.error_label.text()
    assert dialog.error_label.textFormat() == Qt.PlainText
    choose(dialog.target_box, "species")
    assert ok_enabled(dialog) and dialog.error_label.isHidden()
    assert dialog.table.class_names == ("setosa", "versicolor", "virginica")
    assert dialog.rows_view.item(2, 4).text() == "versicolor"
    assert "target species: 3 classes (setosa, versicolor, virginica)" in dialog.summary_label.text()


def test_changing_the_separator_re_reads_and_can_fail_with_the_real_cause(preview):
    dialog = preview("semicolon.csv")
    assert ok_enabled(dialog)
    choose(dialog.delimiter_box, ",")
    assert not ok_enabled(dialog)
    assert "the columns are 'x1;x2;y'" in dialog.error_label.text()
    assert dialog.rows_view.rowCount() == 0
    choose(dialog.delimiter_box, ";")
    assert ok_enabled(dialog) and dialog.table.format.delimiter == ";"


def test_notes_say_what_was_assumed_and_the_encoding_can_be_changed(preview):
    dialog = preview("cp1252_header.csv")
    assert dialog.encoding_box.currentText() == "Detected: Windows-1252"
    assert "read as Windows-1252" in dialog.notes_label.text()
    assert dialog.rows_view.horizontalHeaderItem(0).text() == "température"
    choose(dialog.encoding_box, "utf-8")
    assert not ok_enabled(dialog) and "not valid UTF-8 text (byte 0xE9" in dialog.error_label.text()
    choose(dialog.encoding_box, "latin-1")
    assert ok_enabled(dialog) and dialog.table.input_names[0] == "température"


def test_index_column_note_and_decimal_choice(preview):
    dialog = preview("pandas_index.csv")
    assert "column 1 (no name) holds the row numbers 0..1" in dialog.notes_label.text()
    assert dialog.table.input_names == ("x1", "x2")
    german = preview("excel_de.csv")
    choose(german.decimal_box, ".")
    assert not ok_enabled(german) and "choose the decimal comma" in german.error_label.text()


@pytest.mark.parametrize("button,expected", [(QDialogButtonBox.Ok, [[0.1, 0.2], [0.3, 0.4]]), (QDialogButtonBox.Cancel, None)])
def test_ok_returns_the_table_as_read_and_cancel_returns_nothing(qtbot, button, expected):
    def press():
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # still being built (it reads the file first)
            QTimer.singleShot(10, press)
            return
        assert isinstance(dialog, ImportPreviewDialog)
        dialog.buttons.button(button).click()

    QTimer.singleShot(0, press)
    table = preview_csv(CASES / "excel_unicode_text.txt")
    if expected is None:
        assert table is None
    else:
        np.testing.assert_array_equal(table.x, expected)


def test_a_binary_file_is_refused_in_the_dialog(preview, tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    dialog = preview(path)
    assert not ok_enabled(dialog) and "binary" in dialog.error_label.text()


def test_excel_unicode_text_shows_utf16_and_tabs(preview):
    dialog = preview("excel_unicode_text.txt")
    assert dialog.encoding_box.currentText() == "Detected: UTF-16 LE"
    assert dialog.delimiter_box.currentText() == "Detected: tab"
    assert ok_enabled(dialog) and dialog.rows_view.rowCount() == 2


def test_a_file_without_a_header_shows_every_row_as_a_sample(preview, tmp_path):
    dialog = preview("uci_iris.data")
    assert ok_enabled(dialog) and dialog.rows_view.rowCount() == 15
    assert dialog.rows_view.verticalHeaderItem(0).text() == "line 1"
    assert dialog.rows_view.item(0, 0).text() == "5.1" and dialog.rows_view.item(0, 4).text() == "Iris-setosa"
    assert "the file has no header row" in dialog.notes_label.text()
    digits = tmp_path / "digits.csv"
    digits.write_text("0,0,0,5,13\n1,0,0,12,13\n2,0,0,4,15\n")
    dialog = preview(digits)
    assert not ok_enabled(dialog) and "no header row (line 1 is a sample): choose the target column" in \
        dialog.error_label.text()
    choose(dialog.target_box, "column 1")
    assert ok_enabled(dialog) and dialog.table.n_rows == 3 and dialog.table.class_names == ("0", "1", "2")


def test_text_inputs_are_one_hot_encoded_when_the_box_is_ticked(preview):
    dialog = preview("titanic_text.csv")
    choose(dialog.target_box, "survived")
    assert not ok_enabled(dialog) and "One-hot encode text columns in the import preview" in dialog.error_label.text()
    dialog.one_hot_box.click()
    assert ok_enabled(dialog) and dialog.table.input_names == ("class=1st class", "age=adults", "sex=man")
    assert [dialog.rows_view.horizontalHeaderItem(c).text() for c in range(3)] == list(dialog.table.input_names)
    assert "one-hot encoded" in dialog.notes_label.text() and "0 = no, 1 = yes" in dialog.notes_label.text()


def test_standardize_is_offered_and_travels_with_the_table(preview, qtbot):
    dialog = preview("wine_unscaled.csv")
    choose(dialog.target_box, "target")
    assert "Standardize inputs in the import preview" in dialog.notes_label.text()
    assert not dialog.table.standardize
    dialog.standardize_box.click()
    assert dialog.table.standardize and "inputs standardized when loaded" in dialog.summary_label.text()
    choose(dialog.delimiter_box, ",")  # read again: the choice stays
    assert dialog.table.standardize


def test_missing_values_and_booleans_in_the_preview(preview):
    dialog = preview("penguins_na.csv")
    choose(dialog.target_box, "species")
    assert not ok_enabled(dialog) and "'NA' is a missing value; drop the rows" in dialog.error_label.text()
    dialog = preview("pandas_dummies_bool.csv")
    choose(dialog.target_box, "survived")
    assert ok_enabled(dialog) and "read as 1/0" in dialog.notes_label.text()
    assert dialog.rows_view.item(0, 0).text() == "1"


def test_every_column_is_as_wide_as_its_name(preview, qtbot):
    """uci_iris.data read without a header: "column 5 (target)" was cut to ":olumn 5 (target" (issue 22 tester)."""
    dialog = preview("uci_iris.data")
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.rows_view
    header = view.horizontalHeader()
    for c in range(view.columnCount()):
        name = view.horizontalHeaderItem(c).text()
        assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(name), name
