"""Numbers typed or pasted that are very long, too close to zero or too large for data.

32,766 digits and an "x" pasted into a cell froze the window 40 s (a backtracking pattern);
refusals quoted the whole input; ``1e-400`` silently became 0; 1e151 typed into a data cell
passed, then the decision map raised at every launch. One rule each, wherever a number gets in.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from mlpviz.datasets import Dataset
from mlpviz.engine import DataError, MlpvizError
from mlpviz.engine.data_values import MAX_ABS_VALUE
from mlpviz.io import read_csv_table
from mlpviz.teaching.answer import MAX_NUMBER_CHARS, parse_answer

LONG = "1" * 32_766 + "x"


def _paste_into_cell(view, index, text):
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.insert(text)  # what a paste does
    QTest.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()
    return editor


def _cells(window):
    window.show()
    window.docks["weights"].raise_()
    view, model = window.weights_view.views[0], window.weights_view.models[0]
    s = window.session
    return [(view, model.index(0, 0), lambda: s.params.weights[0][0, 0]),
            (window.data_panel.table, window.data_panel.model.index(1, 0), lambda: s.dataset.x_train[1, 0])]


@pytest.mark.parametrize("text, said", [(LONG, "too long to be a number"), ("1e-400", "too close to zero"),
                                        ("-1e-400", "too close to zero"), ("1" * 300 + "x", "not a number")])
def test_a_cell_refuses_with_a_short_quote_and_keeps_its_value(window, text, said):
    for view, index, held in _cells(window):
        before = held()
        editor = _paste_into_cell(view, index, text)
        refusal = editor.property("refusal")
        assert held() == before and said in refusal, refusal
        assert len(refusal) < 300  # the input quoted shortened, never whole
        QTest.keyClick(editor, Qt.Key_Escape)


def test_a_data_cell_refuses_values_over_the_one_limit(window):
    _view, index, held = _cells(window)[1]
    for text in ("1e151", "-2e200"):
        _paste_into_cell(window.data_panel.table, index, text)
        assert "too large" in window.statusBar().currentMessage() and held() != float(text)
    _paste_into_cell(window.data_panel.table, index, "1e150")
    assert held() == 1e150


def test_the_learning_rate_field_reads_each_typed_text_once(window, monkeypatch):
    import mlpviz.ui.widgets.number_spin_box as boxes

    reads = []
    monkeypatch.setattr(boxes, "parse_answer", lambda text: reads.append(text) or parse_answer(text))
    window.show()
    window.docks["controls"].raise_()
    spin = window.control_panel.lr_spin
    spin.setFocus()
    spin.lineEdit().selectAll()
    typed = "0.0123456789"
    QTest.keyClicks(spin, typed)
    QTest.keyClick(spin, Qt.Key_Return)
    assert window.session.config.learning_rate == pytest.approx(0.0123456789)
    assert len(reads) <= len(typed) + 2, reads  # once a text, not several times a keystroke


def test_the_learning_rate_field_refuses_a_pasted_8000_digit_number_quoting_a_little(window):
    window.show()
    spin = window.control_panel.lr_spin
    before = window.session.config.learning_rate
    spin.setFocus()
    spin.lineEdit().selectAll()
    spin.lineEdit().insert("0." + "1" * 8000)
    QTest.keyClick(spin, Qt.Key_Return)
    assert window.session.config.learning_rate == before
    assert "too long" in spin.refusal and len(spin.refusal) < 300


def test_parse_answer_bounds_its_work_and_says_why():
    with pytest.raises(MlpvizError, match="too long"):
        parse_answer("1" * (MAX_NUMBER_CHARS + 1))
    assert parse_answer("0." + "1" * 300) == pytest.approx(0.1111111111111111)
    assert parse_answer("0e-400") == 0.0 and parse_answer("0.000") == 0.0  # zero typed as zero is zero
    assert parse_answer("5e-324") == 5e-324  # the smallest float is still a number


def test_one_rule_for_huge_data_values_however_they_get_in(tmp_path):
    x = np.array([[0.0, 1.0], [2.0, 1e151]])
    with pytest.raises(DataError, match="too large: mlpviz takes values up to ±1e\\+150") as from_dataset:
        Dataset("typed", x, np.zeros((2, 1)), np.zeros((0, 2)), np.zeros((0, 1)))
    assert "row 2" in str(from_dataset.value)
    path = tmp_path / "big.csv"
    path.write_text("x1,x2,y\n0,1,0\n2,1e151,1\n")
    with pytest.raises(DataError, match="too large: mlpviz takes values up to ±1e\\+150"):
        read_csv_table(path)
    Dataset("edge", np.array([[MAX_ABS_VALUE, -MAX_ABS_VALUE]]), np.zeros((1, 1)), np.zeros((0, 2)), np.zeros((0, 1)))
