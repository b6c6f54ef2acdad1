"""The weight tables hold exactly the engine's numbers, edit the network and follow the selection."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from mlpviz.app.presets import worked_example_222
from mlpviz.app.selection import Selection, UnitRef, WeightRef
from mlpviz.app.session import Session
from mlpviz.engine import Architecture, init_params, train_step
from mlpviz.datasets import Dataset
from mlpviz.ui.tables.weight_table_model import RAW_ROLE, VALUE_ROLE, HIGHLIGHT_ROLE, Show, WeightTableModel

from .. import views


@pytest.fixture
def dock(qtbot, session):
    widget = views.weights_dock(session, Selection())
    qtbot.addWidget(widget)
    return widget


def table(model: WeightTableModel, role=RAW_ROLE):
    """The model's cells read back through data(): weights (fan_in, fan_out) and the bias row."""
    rows, cols = model.rowCount(), model.columnCount()
    cells = np.array([[model.data(model.index(r, c), role) for c in range(cols)] for r in range(rows)], dtype=float)
    return cells[:-1], cells[-1]


def assert_tables_hold(dock, weights, biases):
    for layer, model in enumerate(dock.models):
        w, b = table(model)
        assert np.array_equal(w, weights[layer]) and np.array_equal(b, biases[layer])


def test_tables_have_a_tab_per_layer_with_unit_headers(dock):
    assert dock.tabs.count() == 2
    m0, m1 = dock.models
    assert (m0.rowCount(), m0.columnCount()) == (3, 3)
    assert [m0.headerData(r, Qt.Vertical) for r in range(3)] == ["x1", "x2", "bias"]
    assert [m0.headerData(c, Qt.Horizontal) for c in range(3)] == ["h1.1", "h1.2", "h1.3"]
    assert [m1.headerData(r, Qt.Vertical) for r in range(4)] == ["h1.1", "h1.2", "h1.3", "bias"]
    assert m1.headerData(0, Qt.Horizontal) == "y1"


def test_after_step_tables_hold_the_new_parameters_bit_for_bit(dock, session):
    assert_tables_hold(dock, session.params.weights, session.params.biases)
    before = session.params
    for _ in range(3):
        session.step()
    assert not session.params.equals(before)
    assert_tables_hold(dock, session.params.weights, session.params.biases)
    assert dock.models[0].data(dock.models[0].index(0, 0)) == f"{session.params.weights[0][0, 0]:.5g}"


def test_change_and_gradient_views_hold_the_record(dock, session):
    session.step()
    rec = session.trainer.last_record
    dock.set_show(Show.CHANGE)
    for layer, model in enumerate(dock.models):
        w, b = table(model)
        assert np.array_equal(w, rec.params_after.weights[layer] - rec.params.weights[layer])
        assert np.array_equal(b, rec.params_after.biases[layer] - rec.params.biases[layer])
        vw, vb = table(model, VALUE_ROLE)
        assert np.array_equal(vw, session.params.weights[layer])
    assert not dock.models[0].flags(dock.models[0].index(0, 0)) & Qt.ItemIsEditable
    dock.set_show(Show.GRADIENT)
    for layer, model in enumerate(dock.models):
        w, b = table(model)
        assert np.array_equal(w, rec.grad_weights[layer]) and np.array_equal(b, rec.grad_biases[layer])
    session.reset()  # no step to explain: nothing to show
    assert dock.models[0].data(dock.models[0].index(0, 0), RAW_ROLE) is None
    assert dock.models[0].data(dock.models[0].index(0, 0)) == ""


def test_editing_a_cell_changes_the_network_and_the_next_step_starts_from_it(dock, session):
    m0, m1 = dock.models
    assert m0.setData(m0.index(1, 2), "0.75")
    assert session.params.weights[0][1, 2] == 0.75
    assert m1.setData(m1.index(3, 0), " -1.5e-1 ")  # bias row
    assert session.params.biases[1][0] == -0.15
    assert m0.data(m0.index(1, 2), RAW_ROLE) == 0.75
    edited = session.params
    session.step()
    assert session.trainer.last_record.params.equals(edited)
    x, y = session.trainer.last_record.inputs, session.trainer.last_record.targets
    expected = train_step(session.arch, edited, x, y, session.config.learning_rate)
    assert session.params.equals(expected.params_after)


@pytest.mark.parametrize("text", ["abc", "", "nan", "inf", "1.2.3", "--1"])
def test_invalid_text_is_refused_and_nothing_changes(dock, session, qtbot, text):
    before = session.params
    model = dock.models[0]
    with qtbot.waitSignal(dock.problem) as blocker:
        assert not model.setData(model.index(0, 0), text)
    said = blocker.args[0]  # why (the rule's own words) and that the cell keeps its value
    assert "stays" in said and any(why in said for why in ("not a number", "type a number", "decimal mark"))
    assert session.params is before
    assert model.data(model.index(0, 0), RAW_ROLE) == before.weights[0][0, 0]


def test_editor_keeps_what_was_typed_and_refuses_letters_in_place(dock, qtbot):
    view, model = dock.views[0], dock.models[0]
    from PySide6.QtWidgets import QStyleOptionViewItem

    editor = view.itemDelegate().createEditor(view.viewport(), QStyleOptionViewItem(), model.index(0, 0))
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor, "1x.5")
    assert editor.text() == "1x.5"  # never silently turned into 1.5
    with qtbot.waitSignal(dock.problem) as said:
        view.itemDelegate().eventFilter(editor, QKeyEvent(QEvent.KeyPress, Qt.Key_Return, Qt.NoModifier))
    assert "not a number" in said.args[0] and editor.property("refusal") == said.args[0]


def test_selecting_a_cell_sets_the_selection_and_back(dock):
    selection = dock.selection
    view, model = dock.views[1], dock.models[1]
    view.setCurrentIndex(model.index(2, 0))
    assert selection.item == WeightRef(1, 2, 0)
    view.setCurrentIndex(model.index(3, 0))
    assert selection.item == WeightRef(1, -1, 0)
    selection.set_item(WeightRef(0, 1, 2))
    assert dock.tabs.currentIndex() == 0
    assert dock.views[0].currentIndex().row() == 1 and dock.views[0].currentIndex().column() == 2
    assert dock.views[0].itemDelegate().marked == (1, 2)
    assert dock.views[1].itemDelegate().marked is None  # only one cell is framed
    assert selection.item == WeightRef(0, 1, 2)
    selection.set_item(WeightRef(0, -1, 1))
    assert dock.views[0].currentIndex().row() == 2
    selection.set_item(UnitRef(1, 0))
    assert not dock.views[0].currentIndex().isValid()
    assert dock.views[0].itemDelegate().marked is None
    assert selection.item == UnitRef(1, 0)


def test_tooltip_writes_out_the_update(dock, session):
    session.step()
    rec = session.trainer.last_record
    model = dock.models[1]
    tip = model.data(model.index(2, 0), Qt.ToolTipRole)
    lr = rec.learning_rate
    assert "w'_h1.3→y1 = w_h1.3→y1 − η·∂C/∂w_h1.3→y1" in tip
    for number in (rec.params.weights[1][2, 0], rec.grad_weights[1][2, 0], rec.params_after.weights[1][2, 0]):
        assert f"{number:.9g}" in tip
    assert f"{lr:g}" in tip


def test_changed_cells_are_highlighted_then_fade(dock, session, qtbot):
    model = dock.models[0]
    session.step()
    changed = session.trainer.last_record.weight_change(0) != 0
    r, c = np.argwhere(changed)[0]
    assert model.data(model.index(r, c), HIGHLIGHT_ROLE) > 0
    qtbot.waitUntil(lambda: model.data(model.index(r, c), HIGHLIGHT_ROLE) == 0, timeout=30_000)


def test_rebuilt_network_rebuilds_tabs(dock, session):
    session.set_architecture(Architecture((2, 4, 3, 1), "tanh", "sigmoid", "bce"))
    assert dock.tabs.count() == 3
    assert [m.shape for m in dock.models] == [(2, 4), (4, 3), (3, 1)]
    assert_tables_hold(dock, session.params.weights, session.params.biases)


def test_animation_shows_params_before_the_update_until_it_is_done(dock, session, qtbot):
    before = session.params
    session.set_animate(True)
    session.set_speed(20.0)
    session.step()
    assert_tables_hold(dock, before.weights, before.biases)
    qtbot.waitUntil(lambda: not session.is_playing, timeout=30_000)
    assert_tables_hold(dock, session.params.weights, session.params.biases)


def test_big_layer_model_answers_any_cell_without_building_cells():
    arch = Architecture((784, 128, 10), "relu", "softmax", "ce")
    params = init_params(arch, "he", 0)
    model = WeightTableModel(0, 2, params.weights[0], params.biases[0])
    assert (model.rowCount(), model.columnCount()) == (785, 128)
    # The model holds the arrays by reference, and nothing per cell.
    assert model._weights is params.weights[0] and model._biases is params.biases[0]
    per_cell = [v for v in vars(model).values() if isinstance(v, (list, dict, np.ndarray)) and np.size(v) > 1000
                and v is not params.weights[0]]
    assert per_cell == []
    start = time.thread_time()  # this thread's CPU time: a busy machine's other programs do not count
    for r, c in [(0, 0), (783, 127), (784, 5), (400, 64)]:
        assert model.data(model.index(r, c), RAW_ROLE) == (params.biases[0][c] if r == 784 else params.weights[0][r, c])
        model.data(model.index(r, c), Qt.BackgroundRole)
    assert time.thread_time() - start < 0.05
    after = train_step(arch, params, np.zeros((2, 784)), np.eye(10)[:2], 0.1).params_after
    model.set_values(after.weights[0], after.biases[0], None)
    assert model.data(model.index(783, 127), RAW_ROLE) == after.weights[0][783, 127]


def _worked_session():
    arch, params, x, y, lr = worked_example_222()
    session = Session()
    session.set_animate(False)
    session.set_data(Dataset("worked example", x, y, np.zeros((0, 2)), np.zeros((0, 2))), arch)
    session.set_network(arch, params)
    session.set_config(session.config.with_(learning_rate=lr, batch_size=0, momentum=0.0, weight_decay=0.0))
    return session


def test_worked_222_example_matches_the_published_first_step(qtbot):
    session = _worked_session()
    dock = views.weights_dock(session, Selection())
    qtbot.addWidget(dock)
    session.step()
    assert session.trainer.last_record.loss == pytest.approx(0.298371109, abs=1e-9)
    w0, _ = table(dock.models[0])
    w1, _ = table(dock.models[1])
    published_w0 = [[0.149780716, 0.24975114], [0.19956143, 0.29950229]]  # w1 w3 / w2 w4
    published_w1 = [[0.35891648, 0.511301270], [0.408666186, 0.561370121]]  # w5 w7 / w6 w8
    assert np.allclose(w0, published_w0, atol=1e-8)
    assert np.allclose(w1, published_w1, atol=1e-8)


def test_numeric_view_shows_the_gradient_check_of_the_step(dock, session):
    session.step()
    rec = session.trainer.last_record
    dock.set_show(Show.NUMERIC)
    for layer, model in enumerate(dock.models):
        w, b = table(model)
        np.testing.assert_allclose(w, rec.grad_weights[layer], rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(b, rec.grad_biases[layer], rtol=1e-6, atol=1e-9)
        assert not np.array_equal(w, rec.grad_weights[layer]) or not np.array_equal(b, rec.grad_biases[layer])
    first = dock.numeric.check_of(rec, None)
    session.step()  # the next step is checked afresh
    assert dock.numeric.check_of(session.trainer.last_record, None) is not first
    session.reset()
    assert dock.models[0].data(dock.models[0].index(0, 0), RAW_ROLE) is None


def test_numeric_view_refuses_a_network_over_the_limit(dock, session, qtbot, monkeypatch):
    import functools

    import mlpviz.ui.tables.numeric_gradients as numeric

    monkeypatch.setattr(numeric, "gradient_check", functools.partial(numeric.gradient_check, max_parameters=5))
    session.step()
    with qtbot.waitSignal(dock.problem) as problem:
        dock.set_show(Show.NUMERIC)
    assert "13 parameters is over the limit of 5" in problem.args[0]
    assert dock.models[0].data(dock.models[0].index(0, 0), RAW_ROLE) is None
