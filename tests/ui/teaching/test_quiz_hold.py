"""The quiz asks before the step shows the number: every view draws "?" there until it is answered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mlpviz.app.presets import apply_preset
from mlpviz.app.selection import WeightRef
from mlpviz.app.view_state import Phase
from mlpviz.teaching.quiz import make_question
from mlpviz.ui.tables.weight_table_model import Show

WAIT_MS = 30_000  # an animated step or the Run worker on a busy machine: a bound, never a pace


def open_quiz(window, kind, layer):
    """The 2-2-2 worked example with the quiz open, asking for ``kind`` in unit layer ``layer``."""
    apply_preset(window.session, "worked-222")
    window.docks["quiz"].toggleViewAction().trigger()
    panel = window.teaching.quiz_panel
    panel.kind_box.setCurrentIndex(panel.kind_box.findData(kind))
    panel._fill_layers(window.session.trainer.last_record or window.session.state.record and None)
    return panel


def choose_layer(panel, layer):
    panel.layer_box.setCurrentIndex(panel.layer_box.findData(layer))


def step_asking(window, qtbot, kind, layer):
    panel = open_quiz(window, kind, layer)
    window.session.step()  # the first step fills the layer choice
    panel.answer_edit.setText("12345")  # wrong for any number of the 2-2-2 example (0 could be right)
    panel.answer()
    choose_layer(panel, layer)
    window.session.step()
    qtbot.waitUntil(lambda: window.session.quiz.is_holding, timeout=WAIT_MS)  # with Animate on, once it gets there
    assert panel.quiz.current.kind == kind
    return panel, panel.quiz.current


def tree_text(window, layer, unit, column):
    model = window.step_values_view.model
    return model.data(model.index(unit, column, model.index(layer, 0)))


@pytest.mark.parametrize("animate", [False, True])
def test_an_asked_activation_is_hidden_everywhere_until_answered(window, qtbot, animate):
    window.session.set_animate(animate)
    window.session.set_speed(50.0)
    panel, q = step_asking(window, qtbot, "a", 2)
    state = window.session.state
    assert state.asked is not None and state.phase is Phase.FORWARD and not state.reveals(state.asked)
    record = state.step_record
    answer = float(record.activations[2][q.sample, q.index])
    window.step_values_view._refresh()
    assert tree_text(window, 2, q.index, 2) == "?"  # the a column of that unit
    assert tree_text(window, 1, 0, 2) not in ("", "?")  # the layer before is known: it is the input to the sum
    window.selection.set_item(__import__("mlpviz.app.selection", fromlist=["UnitRef"]).UnitRef(2, q.index))
    window.formula_panel.refresh()
    assert f"{answer:.9g}" not in window.formula_panel.text() and "= ?" in window.formula_panel.text()
    window.canvas.set_state(state)
    assert window.canvas.asked_mark.texts == ["?"]
    assert "?" not in window.canvas.value_labels.texts
    assert "a = ?" not in window.canvas.tooltip_for(window.selection.item)  # a not reached: not even its "?"
    panel.answer_edit.setText(f"{answer:.6f}".replace(".", ","))
    with qtbot.waitSignal(panel.answered) as answered:
        qtbot.keyClick(panel.answer_edit, Qt.Key_Return)
    assert answered.args == [True] and panel.verdict_label.text().startswith("Right")
    qtbot.waitUntil(lambda: not window.session.is_playing, timeout=WAIT_MS)  # the step goes on to its end
    state = window.session.state
    assert state.asked is None and state.is_update_done and state.step == window.session.step_count
    window.step_values_view._refresh()
    assert tree_text(window, 2, q.index, 2) == f"{answer:.6g}"
    window.canvas.set_state(state)
    assert window.canvas.asked_mark.texts == []


def test_a_wrong_answer_a_gradient_in_the_weights_table_and_the_score(window, qtbot):
    panel, q = step_asking(window, qtbot, "grad", 1)
    state = window.session.state
    assert state.phase is Phase.BACKWARD and state.shows_delta(2)  # δ above is known, ∂C/∂w not yet
    dock = window.weights_view
    dock._apply(state)
    model = dock.models[0]
    model.set_show(Show.GRADIENT)
    cell = model.index(model.shape[0] if q.row < 0 else q.row, q.index)
    assert model.data(cell) == "?" and model.raw(cell.row(), cell.column()) is None
    model.set_show(Show.CHANGE)
    assert model.data(cell) == "?"  # Δw would give it away
    model.set_show(Show.VALUE)
    assert model.data(cell) != "?"  # w itself is part of the question's data
    panel.answer_edit.setText("123,5")
    panel.answer()
    assert panel.verdict_label.text().startswith("Not quite") and "you typed 123.5" in panel.verdict_label.text()
    assert panel.formula_label.text().startswith("∂C/∂")
    assert panel.score_label.text() == "Score: 0 right of 2"  # the warm-up answer and this one
    panel.reset_score()
    assert panel.score_label.text() == "Score: 0 right of 0"
    assert not window.session.quiz.is_holding and window.session.state.asked is None
    dock._apply(window.session.state)
    model.set_show(Show.GRADIENT)
    assert model.data(cell) != "?"


def test_step_skips_the_question_without_counting_it(window, qtbot):
    panel, q = step_asking(window, qtbot, "delta", 1)
    asked_before = panel.quiz.asked
    step = window.session.step_count
    window.toolbar.step_action.trigger()  # → while the question waits
    assert panel.quiz.current is not None  # the new step asks its own question
    assert panel.verdict_label.text() == ""  # the skipped answer is said beside the score, not under the new question
    assert f"last question: Skipped: δ_h1.{q.index + 1} = {q.answer:.6g}" in panel.score_label.text()
    assert panel.quiz.asked == asked_before
    assert window.session.step_count == step + 1 and window.session.quiz.is_holding


def test_new_w_is_asked_before_the_update(window, qtbot):
    panel, q = step_asking(window, qtbot, "new", 2)
    state = window.session.state
    assert state.phase is Phase.BACKWARD and not state.shows_updated_parameters
    assert state.params is state.step_record.params  # the old w is shown, the new one not
    window.selection.set_item(WeightRef(1, q.row, q.index))
    window.formula_panel.refresh()
    lines = window.formula_panel.text().splitlines()
    assert any(line[:3] in ("w'_", "b'_") and line.endswith(" = ?") for line in lines), lines
    assert f"{q.answer:.9g}" not in window.formula_panel.text()


def test_run_with_animate_asks_on_every_step_it_plays(window, qtbot):
    window.session.set_animate(True)
    window.session.set_speed(5.0)
    panel, _q = step_asking(window, qtbot, "z", 1)
    panel.answer_edit.setText("0")
    panel.answer()
    qtbot.waitUntil(lambda: not window.session.is_playing, timeout=WAIT_MS)
    window.session.run()
    qtbot.waitUntil(lambda: window.session.quiz.is_holding, timeout=WAIT_MS)
    step = window.session.step_count
    assert panel.quiz.current is not None and window.session.state.asked is not None
    panel.answer_edit.setText("0")
    panel.answer()
    qtbot.waitUntil(lambda: window.session.step_count > step and window.session.quiz.is_holding, timeout=WAIT_MS)
    window.session.pause()
    assert window.session.state.asked is not None  # Pause keeps the number hidden
    window.session.step()  # finishes the step: the question is skipped
    window.session.runs.stop_for_change()


def test_fast_run_asks_nothing(window, qtbot):
    panel = open_quiz(window, "a", 1)
    window.session.run()  # Animate off: many steps a second, none shown on its own
    qtbot.waitUntil(lambda: window.session.step_count > 20, timeout=WAIT_MS)
    window.session.pause()
    assert panel.quiz.current is None and not window.session.quiz.is_holding


def test_the_quiz_stays_in_presentation_mode(window, qtbot):
    panel = open_quiz(window, "z", 1)
    window.show()
    qtbot.waitExposed(window)
    window.set_presenting(True)
    assert window.docks["quiz"].isVisible() and window.docks[window.presentation_panel].isVisible()
    window.toolbar.step_action.trigger()
    assert window.session.quiz.is_holding and panel.answer_edit.isEnabled()
    window.set_presenting(False)


def test_the_hold_point_follows_the_view_rules():
    from mlpviz.app.animation import hold_point, step_segments
    from mlpviz.app.presets import worked_example_222
    from mlpviz.app.view_state import Asked, ViewState
    from mlpviz.engine import train_step

    arch, params, x, y, lr = worked_example_222()
    record = train_step(arch, params, x, y, lr)
    segments = step_segments(arch.layer_count)
    for asked in (Asked("z", 1, 0), Asked("a", 2, 1), Asked("delta", 2, 0), Asked("delta", 1, 1),
                  Asked("grad", 2, 0, 1), Asked("grad", 1, 1, -1), Asked("new", 1, 0, 1)):
        index, progress = hold_point(record, 0, asked)
        seg = segments[index]
        held = ViewState(arch, record.params, record, seg.phase, seg.layer, progress, 0)
        assert not held.reveals(asked)
        later = [ViewState(arch, record.params, record, s.phase, s.layer, p, 0)
                 for s in segments[index + 1:] for p in (0.0, 1.0)]
        assert later[-1].reveals(asked)
    assert make_question(record, "z", 1, 0).answer == pytest.approx(0.3775)


def test_ask_now_takes_the_step_on_screen_back_to_just_before_the_number(window, qtbot):
    session = window.session
    session.set_animate(False)
    panel = open_quiz(window, "a", 2)
    panel.auto_box.setChecked(False)  # the teacher asks by hand
    session.step()
    assert session.state.shows_activation(2) and not session.quiz.is_holding
    choose_layer(panel, 2)
    panel.ask_now()
    state = session.state
    assert session.quiz.is_holding and state.asked is not None and state.asked.layer == 2
    assert not state.shows_activation(2)  # the outputs' a is not on screen any more
    panel.answer_edit.setText("12345")
    panel.answer()
    state = session.state
    assert not session.quiz.is_holding and state.asked is None
    assert state.step == session.step_count and state.params is session.params and state.shows_activation(2)


def test_ask_now_on_a_step_from_the_timeline_asks_without_changing_the_picture(window, qtbot):
    session = window.session
    session.set_animate(False)
    panel = open_quiz(window, "z", 1)
    panel.auto_box.setChecked(False)
    session.step()
    session.step()
    session.navigation.show(1)  # the timeline: a forward pass, not a step record, is on screen
    before = session.state
    panel.ask_now()
    assert not session.quiz.is_holding and session.state is before


def test_a_tiny_gradient_is_not_right_for_zero_or_a_near_miss_and_the_verdict_moves_aside(window, qtbot):
    panel, _q = step_asking(window, qtbot, "grad", 1)
    q = make_question(window.session.state.step_record, "grad", 1, 0, 0)  # ∂C/∂w1, like every first-layer ∂C/∂w
    assert abs(q.answer) < 1e-3  # of the 2-2-2 example below 0.001
    for typed in ("0", f"{q.answer + 1e-3:.4f}"):  # an absolute 0.001 would have called both right
        panel.quiz.current = q
        panel.answer_edit.setEnabled(True)
        qtbot.keyClicks(panel.answer_edit, typed)
        qtbot.keyClick(panel.answer_edit, Qt.Key_Return)
        assert panel.verdict_label.text().startswith("Not quite"), typed
        panel.answer_edit.clear()
    panel.quiz.current = q
    panel.answer_edit.setEnabled(True)
    qtbot.keyClicks(panel.answer_edit, f"{q.answer:.3g}")  # 3 significant digits, rounded right
    qtbot.keyClick(panel.answer_edit, Qt.Key_Return)
    assert panel.verdict_label.text().startswith("Right")
    qtbot.waitUntil(lambda: not window.session.quiz.is_holding, timeout=WAIT_MS)
    window.toolbar.step_action.trigger()  # the next step asks the next question
    qtbot.waitUntil(lambda: window.session.quiz.is_holding, timeout=WAIT_MS)
    assert panel.verdict_label.text() == "" and panel.formula_label.text() == ""  # not under the new question
    assert "last question: Right" in panel.score_label.text()


def test_adams_m_is_asked_before_the_update_and_hidden_in_the_formula_and_the_state_column(window, qtbot):
    session = window.session
    panel = open_quiz(window, "m", 2)
    session.set_config(session.config.with_(optimizer="adam", learning_rate=0.01))
    session.step()  # the first step fills the layer choice
    panel.answer_edit.setText("12345")
    panel.answer()
    choose_layer(panel, 2)
    session.step()
    qtbot.waitUntil(lambda: session.quiz.is_holding, timeout=WAIT_MS)
    q = panel.quiz.current
    assert q.kind == "m" and "Adam's first moment m" in panel.question_label.text()
    window.selection.set_item(WeightRef(1, q.row, q.index))
    window.formula_panel.refresh()
    text = window.formula_panel.text()
    assert text.splitlines()[-2].startswith("m") and text.splitlines()[-2].endswith(" = ?")
    assert f"{q.answer:.9g}" not in text and "v̂" not in text  # nothing after m is written
    view = window.weights_view
    view.set_show(Show.STATE1)
    model = view.models[1]
    row = model.rowCount() - 1 if q.row < 0 else q.row
    assert model.data(model.index(row, q.index)) == "?"
    panel.answer_edit.setText(f"{q.answer:.10g}")
    panel.answer()
    assert "Right" in panel.verdict_label.text() or "right" in panel.verdict_label.text().lower()


def test_m_asked_of_an_sgd_step_says_why_not(window, qtbot):
    panel = open_quiz(window, "m", 2)
    window.session.step()
    panel.ask_now()
    assert "keeps no m" in panel.question_label.text()
