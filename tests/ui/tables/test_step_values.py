"""The step-values tree and the formula panel show the record's numbers for the picked sample and item."""

from __future__ import annotations

import re

import numpy as np
import pytest

from mlpviz.app.presets import worked_example_222
from mlpviz.app.selection import MEAN, Selection, UnitRef, WeightRef
from mlpviz.datasets import Dataset
from mlpviz.ui.tables.formula_panel import HINT
from mlpviz.ui.tables.formula_text import fmt
from mlpviz.ui.tables.step_values_view import RAW_ROLE

from .. import views as wiring




@pytest.fixture
def views(qtbot, session):
    selection = Selection()
    values = wiring.step_values_view(session, selection)
    panel = wiring.formula_panel(session, selection)
    qtbot.addWidget(values)
    qtbot.addWidget(panel)
    return values, panel


def column(model, layer, col):
    top = model.index(layer, 0)
    return np.array([model.data(model.index(u, col, top), RAW_ROLE) for u in range(model.rowCount(top))], dtype=float)


def test_step_values_hold_the_record_for_the_sample_and_the_mean(views, session):
    values, _ = views
    session.step()
    rec = session.trainer.last_record
    model = values.model
    assert model.rowCount() == 3
    for s in (0, 3):
        values.selection.set_sample(s)
        assert np.array_equal(column(model, 0, 2), rec.inputs[s])
        for layer in (1, 2):
            assert np.array_equal(column(model, layer, 1), rec.zs[layer - 1][s])
            assert np.array_equal(column(model, layer, 2), rec.activations[layer][s])
            assert np.array_equal(column(model, layer, 4), rec.deltas[layer - 1][s])
        assert np.array_equal(column(model, 2, 5), rec.targets[s])
    values.selection.set_sample(MEAN)
    assert np.allclose(column(model, 1, 4), rec.deltas[0].mean(axis=0))
    assert "mean" in values.sample_label.text().lower()


def test_step_values_without_a_step_have_no_deltas(views, session):
    values, _ = views
    model = values.model
    assert np.isnan(column(model, 1, 4)).all()
    assert np.array_equal(column(model, 1, 1), session.state.record.zs[0][0])


def test_picking_a_unit_row_selects_the_unit_and_back(views):
    values, _ = views
    model, tree = values.model, values.tree
    tree.setCurrentIndex(model.index(1, 0, model.index(1, 0)))
    assert values.selection.item == UnitRef(1, 1)
    values.selection.set_item(UnitRef(2, 0))
    current = tree.currentIndex()
    assert model.unit_at(current) == UnitRef(2, 0)
    values.selection.set_item(WeightRef(0, 0, 0))
    assert not tree.currentIndex().isValid()


def test_formula_panel_writes_out_a_weight_update(views, session):
    _, panel = views
    assert panel.text() == HINT
    session.step()
    rec = session.trainer.last_record
    panel.selection.set_item(WeightRef(1, 2, 0))
    text = panel.text()
    assert "∂C/∂w_h1.3→y1 = 1/5·Σ_s a_h1.3·δ_y1" in text
    for number in (rec.params.weights[1][2, 0], rec.grad_weights[1][2, 0], rec.params_after.weights[1][2, 0]):
        assert fmt(number) in text
    assert f"{rec.learning_rate:g}·" in text
    panel.selection.set_item(WeightRef(0, -1, 1))
    assert "∂C/∂b_h1.2 = 1/5·Σ_s δ_h1.2" in panel.text()
    assert fmt(rec.params_after.biases[0][1]) in panel.text()


def test_formula_panel_before_any_step_asks_for_one(views, session):
    _, panel = views
    panel.selection.set_item(WeightRef(0, 1, 1))
    assert fmt(session.params.weights[0][1, 1]) in panel.text()
    assert "Take a step" in panel.text()


def test_formula_panel_mentions_momentum_and_decay(views, session):
    _, panel = views
    session.set_config(session.config.with_(momentum=0.9, weight_decay=0.01))
    session.step()
    session.step()
    panel.selection.set_item(WeightRef(0, 0, 0))
    assert "v_x1→h1.1 = μ·v_x1→h1.1→prev + ∂C/∂w_x1→h1.1 = 0.9·" in panel.text()
    assert "+ λ·w_x1→h1.1" in panel.text()
    assert fmt(session.params.weights[0][0, 0]) in panel.text()


def _worked(session):
    arch, params, x, y, lr = worked_example_222()
    session.set_data(Dataset("worked example", x, y, np.zeros((0, 2)), np.zeros((0, 2))), arch)
    session.set_network(arch, params)
    session.set_config(session.config.with_(learning_rate=lr, batch_size=0))
    session.step()


def test_worked_222_example_numbers_in_step_values_and_formulas(views, session):
    values, panel = views
    _worked(session)
    model = values.model
    # Published forward pass: net_h1 0.3775, out_h1 0.593269992, out_o1 0.75136507, out_o2 0.772928465.
    assert column(model, 1, 1)[0] == pytest.approx(0.3775, abs=1e-12)
    assert np.allclose(column(model, 1, 2), [0.593269992, 0.596884378], atol=1e-9)
    assert np.allclose(column(model, 2, 2), [0.75136507, 0.772928465], atol=1e-8)
    panel.selection.set_item(WeightRef(1, 0, 0))  # w5
    assert "w'_h1.1→y1 = w_h1.1→y1 − η·∂C/∂w_h1.1→y1 = 0.4 − 0.5·0.0821670406 = 0.35891648" in panel.text()
    check = re.search(r"check: \(C\(w\+h\) − C\(w−h\)\)/2h = (\S+) by central differences; "
                      r"relative error (\S+)$", panel.text(), re.M)
    assert float(check[1]) == pytest.approx(0.0821670406, rel=1e-8) and float(check[2]) < 1e-6
    panel.selection.set_item(WeightRef(0, 0, 0))  # w1
    assert "= 0.149780716" in panel.text()
    panel.selection.set_item(UnitRef(2, 0))  # o1
    text = panel.text()
    assert "z_y1 = Σ_i a_i·w_i→y1 + b_y1 = 0.593269992·0.4 + 0.596884378·0.45 + 0.6 = 1.10590597" in text
    assert "a_y1 = σ(z_y1) = σ(1.10590597) = 0.75136507" in text
    assert "f'_y1 = a_y1·(1 − a_y1) = 0.75136507·(1 − 0.75136507) = 0.186815602" in text
    assert "δ_y1 = (ŷ_1 − y_1)·f'_y1 = (0.75136507 − 0.01)·0.186815602 = 0.138498562" in text
    panel.selection.set_item(UnitRef(1, 0))  # h1: δ = (w5·δo1 + w7·δo2)·f'(z)
    assert ("δ_h1.1 = (Σ_k w_h1.1→k·δ_k)·f'_h1.1 = (0.4·0.138498562 + 0.5·(-0.0380982365))·0.241300709 "
            "= 0.00877135469") in panel.text()


def test_output_delta_of_cross_entropy_is_prediction_minus_target(views, session):
    _, panel = views
    session.step()
    rec = session.trainer.last_record
    panel.selection.set_sample(2)
    panel.selection.set_item(UnitRef(2, 0))
    text = panel.text()
    assert "sample 3 of 5" in text
    assert f"δ_y1 = ŷ_1 − y_1 = {fmt(rec.outputs[2, 0])}" in text
    assert fmt(rec.deltas[1][2, 0]) in text


def test_deltas_hidden_until_the_backward_pass_reaches_them(qtbot, views, session):
    values, panel = views
    session.set_animate(True)
    session.set_phase_by_phase(True)
    session.set_speed(20.0)
    panel.selection.set_item(UnitRef(1, 0))
    session.step()  # plays the forward phase and waits
    qtbot.waitUntil(lambda: session.navigation.waiting, timeout=30_000)
    assert np.isnan(column(values.model, 2, 4)).all()
    assert "wait for the backward pass" in panel.text()
    while session.is_playing:
        session.navigation.phase()
        qtbot.waitUntil(lambda: session.navigation.waiting or not session.is_playing, timeout=30_000)
    assert not np.isnan(column(values.model, 2, 4)).any()
    assert "δ_h1.1 = (Σ_k w_h1.1→k·δ_k)·f'_h1.1" in panel.text()


@pytest.mark.parametrize("optimizer, symbols", [
    ("adam", ("m", "v", "m̂", "v̂")), ("adamw", ("w̃", "m", "v", "m̂", "v̂")), ("rmsprop", ("s", "b")),
    ("adagrad", ("G",)), ("nesterov", ("v",)),
])
def test_formula_panel_writes_the_optimizers_update_with_the_engines_numbers(views, session, optimizer, symbols):
    """Clicked weight: each state equation ends in the engine's value after the step, and w' in the new weight."""
    _, panel = views
    settings = {"nesterov": dict(optimizer="sgd", momentum=0.9, nesterov=True),
                "rmsprop": dict(optimizer="rmsprop", momentum=0.5)}.get(optimizer, dict(optimizer=optimizer))
    session.set_config(session.config.with_(weight_decay=0.1, learning_rate=0.05, **settings))
    for _ in range(3):
        session.step()
    rec = session.trainer.last_record
    panel.selection.set_item(WeightRef(0, 1, 2))
    lines = panel.text().splitlines()
    by_symbol = {line.split(" = ")[0].split("_")[0]: line for line in lines if " = " in line}
    names = rec.state_after.names
    index = 1 * 3 + 2  # W0[1, 2] of the 2-3-1 network, flat
    for name in names:
        symbol = rec.optimizer.symbols[name]
        value = rec.state_after[name][index]
        assert float(by_symbol[symbol].split(" = ")[-1]) == float(fmt(value)), by_symbol[symbol]
    for symbol in symbols:
        assert symbol in by_symbol, lines
    new = by_symbol["w'"]
    assert float(new.split(" = ")[-1]) == float(fmt(rec.params_after.weights[0][1, 2]))
    assert fmt(rec.params.weights[0][1, 2]) in by_symbol.get("w̃", new) and "0.05·" in new  # AdamW: w shrinks first
    if optimizer in ("adam", "adamw"):  # bias correction with this step's t = 3
        m_hat = by_symbol["m̂"]
        assert fmt(1 - 0.9**3) in m_hat and "(1 − β₁ᵗ)" in m_hat
        assert "/(√v̂" in new and "+ ε)" in new


def test_unit_names_stay_whole_at_twice_the_text_size(window, qtbot):
    """At 1024×768 with 2× text the unit column read "h1…" or "…"."""
    from PySide6.QtWidgets import QApplication, QStyle

    from mlpviz.ui.text_size import desktop_font

    view = window.step_values_view
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    window.session.step()
    view.throttle.redraw_now()
    window.text_size.set_scale(2.0)
    try:
        tree, model = view.tree, view.model
        top = model.index(1, 0)
        tree.expand(top)
        names = [str(model.data(model.index(k, 0, top))) for k in range(model.rowCount(top))]
        assert names and all(n.startswith("h1.") for n in names)
        margin = tree.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, tree) + 1  # the delegate's text margin
        for k, name in enumerate(names):
            cell = tree.visualRect(model.index(k, 0, top))
            assert cell.width() - 2 * margin >= tree.fontMetrics().horizontalAdvance(name), name  # not "h1…"
    finally:
        window.text_size.reset()
        QApplication.setFont(desktop_font())
