"""Every field and cell where a number is typed, typed into through its real editor, in two locales.

``0,5`` and ``0.5`` give 0.5, ``1e-3`` gives 0.001 where it is in range; ``abc`` and an
out-of-range number are refused with a message at the field, and the value stays.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from mlpviz.engine.architecture import MAX_UNITS_PER_LAYER
from mlpviz.ui.widgets.number_spin_box import NumberSpinBox, WholeNumberSpinBox

from ..acting import type_into


@pytest.fixture(params=["C", "German"])
def locale(request):
    before = QLocale()
    QLocale.setDefault(QLocale.c() if request.param == "C" else QLocale(QLocale.German))
    yield request.param
    QLocale.setDefault(before)


@pytest.fixture
def shown(window, locale):
    window.show()
    window.docks["controls"].raise_()
    return window


def real_fields(window):
    """(spin box, what the session holds, (minimum, maximum)) for every real-number setting."""
    p, c = window.control_panel, window.dataset_chooser
    c.noise_spin.setEnabled(True)  # (off for the notebook's data, which has no noise)
    return [
        (p.lr_spin, lambda: window.session.config.learning_rate),
        (p.momentum_spin, lambda: window.session.config.momentum),
        (p.decay_spin, lambda: window.session.config.weight_decay),
        (c.noise_spin, c.noise_spin.value),
        (c.test_spin, c.test_spin.value),
    ]


@pytest.mark.parametrize("text, expected", [("0,5", 0.5), ("0.5", 0.5), ("1e-3", 0.001)])
def test_real_fields_read_either_decimal_mark(shown, text, expected):
    for spin, held in real_fields(shown):
        spin.setValue(0.1)
        type_into(spin, text)
        assert spin.value() == expected, spin.toolTip()
        assert held() == expected
        assert spin.text() == f"{expected:g}"  # one style: a point, whatever the locale
        assert not spin.refusal


@pytest.mark.parametrize("text", ["abc", "1e9", "-2", "0.5.1"])
def test_real_fields_refuse_text_and_out_of_range_with_a_message(shown, text):
    for spin, held in real_fields(shown):
        spin.setValue(0.1)
        before = held()
        type_into(spin, text)
        assert spin.value() == pytest.approx(0.1) and held() == before
        assert spin.refusal and spin.toolTip() == spin.refusal
        if text in ("1e9", "-2"):
            assert "out of range" in spin.refusal and "from" in spin.refusal  # names the range
        type_into(spin, "0,25")  # the next good entry clears the message
        assert spin.value() == 0.25 and not spin.refusal


def test_a_refused_setting_is_named_in_the_status_bar(shown):
    type_into(shown.control_panel.momentum_spin, "1,5")
    assert "out of range" in shown.statusBar().currentMessage()


def test_hidden_units_5000_are_refused_not_500_and_nothing_rebuilds_while_typing(shown):
    session, spin = shown.session, shown.control_panel._layer_spins[0]
    rebuilt = []
    session.network_rebuilt.connect(rebuilt.append)
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin, "5000")
    assert rebuilt == [] and spin.lineEdit().text() == "5000"  # typed as typed, no rebuild per key
    QTest.keyClick(spin, Qt.Key_Return)
    assert session.arch.sizes == (2, 3, 1) and rebuilt == []
    assert f"1 to {MAX_UNITS_PER_LAYER}" in spin.refusal
    for text in ("0,5", "1e-3", "abc"):
        type_into(spin, text)
        assert session.arch.sizes == (2, 3, 1) and spin.refusal
    type_into(spin, "5")
    assert session.arch.sizes == (2, 5, 1) and len(rebuilt) == 1


def test_whole_number_fields(shown):
    p, c = shown.control_panel, shown.dataset_chooser
    for spin in (p.seed_spin, p.batch_spin, c.size_spin, c.seed_spin, c.classes_spin):
        assert isinstance(spin, WholeNumberSpinBox)
        spin.setValue(3)
        type_into(spin, "4")
        assert spin.value() == 4 and not spin.refusal
        for text in ("0,5", "1e-3", "abc", "99999999999"):
            type_into(spin, text)
            assert spin.value() == 4 and spin.refusal, text
    assert shown.session.config.seed == 4 and shown.session.config.batch_size == 4
    p.batch_spin.setValue(0)
    assert p.batch_spin.text() == "full batch"


def test_every_spin_box_in_the_window_is_the_apps_own(shown):
    from PySide6.QtWidgets import QAbstractSpinBox

    spins = shown.findChildren(QAbstractSpinBox)
    assert spins and all(isinstance(s, (NumberSpinBox, WholeNumberSpinBox)) for s in spins)


def edit_cell(view, index, text: str) -> QLineEdit:
    """Type ``text`` into the cell's real editor and press Enter; returns the editor (if still open)."""
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()  # the delegate commits a good entry queued
    return editor


def cells(window):
    """(view, index, what the session holds) for a weight, a bias and a data cell."""
    window.docks["weights"].raise_()
    weights = window.weights_view
    view, model = weights.views[0], weights.models[0]
    s = window.session
    window.docks["data"].raise_()
    data_view = window.data_panel.table
    return [
        (view, model.index(0, 0), lambda: s.params.weights[0][0, 0]),
        (view, model.index(model.rowCount() - 1, 1), lambda: s.params.biases[0][1]),
        (data_view, window.data_panel.model.index(1, 0), lambda: s.dataset.x_train[1, 0]),
    ]


@pytest.mark.parametrize("text, expected", [("0,5", 0.5), ("0.5", 0.5), ("1e-3", 0.001), ("-2,25", -2.25)])
def test_cells_read_either_decimal_mark(shown, text, expected):
    for view, index, held in cells(shown):
        edit_cell(view, index, text)
        assert held() == expected
        assert index.model().data(index, Qt.DisplayRole) == f"{expected:g}"


@pytest.mark.parametrize("text", ["abc", "1e999", "0,5,1", "nan"])
def test_cells_refuse_what_is_not_a_finite_number_at_the_cell(shown, text):
    for view, index, held in cells(shown):
        before = held()
        editor = edit_cell(view, index, text)
        assert held() == before
        assert editor.property("refusal") and editor.toolTip() == editor.property("refusal")
        assert view.state() == view.State.EditingState  # the editor stays open with the text
        assert editor.text() == text
        assert shown.statusBar().currentMessage() == editor.property("refusal")
        QTest.keyClick(editor, Qt.Key_Escape)
        assert held() == before


@pytest.mark.parametrize("text, expected", [("1,5", 1.5), ("1.5", 1.5), ("3", 3.0)])
def test_the_picture_scale_question_reads_either_decimal_mark(qtbot, locale, text, expected):
    """The PNG export's scale was a plain Qt field: in German, 1.5 became 1 without a word."""
    from mlpviz.ui.widgets.number_dialog import NumberDialog

    dialog = NumberDialog("Export", "Scale:", 2.0, 0.25, 8.0)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.spin, text)
    assert dialog.value() == expected


def test_a_preset_clears_the_red_frame_of_a_refused_entry(shown):
    panel = shown.control_panel
    layer_spin = panel._layer_spins[0]
    for spin, text in ((layer_spin, "0"), (panel.lr_spin, "-1")):
        type_into(spin, text)
        assert spin.refusal and spin.styleSheet()
    action = next(a for a in shown.presets_menu.actions() if a.objectName() == "preset-iris")
    action.trigger()
    for spin in (panel._layer_spins[0], panel.lr_spin):
        assert not spin.refusal and not spin.styleSheet()  # the preset's values stand, without a red frame


def test_the_hidden_layer_row_says_its_numbers_are_units(shown):
    from PySide6.QtWidgets import QFormLayout, QGroupBox

    form = shown.control_panel.findChild(QGroupBox).layout()
    assert isinstance(form, QFormLayout)
    labels = [form.itemAt(r, QFormLayout.LabelRole).widget().text() for r in range(form.rowCount())
              if form.itemAt(r, QFormLayout.LabelRole) is not None and form.itemAt(r, QFormLayout.LabelRole).widget()]
    assert "Hidden units, per layer" in labels and "Hidden layers" not in labels
