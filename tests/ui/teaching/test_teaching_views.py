"""The worked-example export dialog and the quiz panel, in the window and on their own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mlpviz.app.presets import apply_preset, worked_example_222
from mlpviz.engine import train_step
from mlpviz.teaching.quiz import Quiz, make_question
from mlpviz.ui.teaching.export_dialog import ExportWorkedExampleDialog
from mlpviz.ui.teaching.quiz_panel import QuizPanel


def step_222():
    arch, params, x, y, lr = worked_example_222()
    return train_step(arch, params, x, y, lr)


def test_window_offers_export_and_quiz(window, qtbot):
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Export step as &worked example…" in texts and texts[-1] == "&Quit"
    quiz_toggle = next(a for a in window.train_menu.actions() if a.text().startswith("&Quiz"))
    assert not window.docks["quiz"].isVisible()
    panel = window.teaching.quiz_panel
    assert not panel.answer_edit.isEnabled()
    apply_preset(window.session, "worked-222")
    window.session.step()
    assert panel.quiz.current is None and not window.session.quiz.is_holding  # a closed quiz asks nothing
    quiz_toggle.trigger()
    window.session.step()
    assert panel.quiz.current is not None  # a new step asks a new question
    assert panel.answer_edit.isEnabled() and panel.question_label.text().startswith("What is")
    assert quiz_toggle.isCheckable()


def test_export_without_a_step_says_why(window, qtbot):
    window.teaching.export_action.trigger()
    assert "Take a step first" in window.statusBar().currentMessage()


def test_quiz_panel_judges_a_typed_answer_with_a_comma(qtbot):
    record = step_222()
    panel = QuizPanel(Quiz(seed=0), lambda: record)
    qtbot.addWidget(panel)
    panel.ask()
    panel.quiz.current = make_question(record, "new", 2, 0, 0)  # w5' = 0.35891648
    qtbot.keyClicks(panel.answer_edit, "0,359")
    with qtbot.waitSignal(panel.answered) as answered:
        qtbot.keyClick(panel.answer_edit, Qt.Key_Return)
    assert answered.args == [True]
    assert panel.verdict_label.text().startswith("Right: w'_h1.1→y1 = 0.35891648 (right within 1 % or rounded right to the digits typed)")
    assert panel.formula_label.text().endswith("= 0.4 − 0.5·0.0821670406 = 0.35891648")
    assert panel.score_label.text() == "Score: 1 right of 1"
    panel.reset_score()
    assert panel.score_label.text() == "Score: 0 right of 0"


def test_quiz_panel_refuses_garbage_without_counting_and_follows_the_choices(qtbot):
    record = step_222()
    panel = QuizPanel(Quiz(seed=0), lambda: record)
    qtbot.addWidget(panel)
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("delta"))
    panel.layer_box.setCurrentIndex(panel.layer_box.findData(1))
    panel.ask()
    assert panel.quiz.current.kind == "delta" and panel.quiz.current.layer == 1
    assert panel.hint_label.text().startswith("Formula: δ_h1.")
    panel.answer_edit.setText("zero point five")
    panel.answer()
    assert "is not a number" in panel.verdict_label.text() and panel.quiz.asked == 0
    panel.relative_box.setValue(5.0)
    assert panel.quiz.relative == 0.05


def test_export_dialog_writes_the_chosen_format(tmp_path, qtbot):
    dialog = ExportWorkedExampleDialog(step_222(), folder=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    assert dialog.path_edit.text().endswith("worked-step-2-2-2.md")
    dialog.write()
    assert dialog.written and "= 0.298371109$" in (tmp_path / "worked-step-2-2-2.md").read_text(encoding="utf-8")
    assert not dialog.mean_box.isEnabled()  # one sample: no batch means to choose


def test_export_dialog_shows_a_failure_and_stays_open(tmp_path, qtbot):
    dialog = ExportWorkedExampleDialog(step_222(), folder=str(tmp_path / "missing" / "folder"))
    qtbot.addWidget(dialog)
    dialog.write()
    box = dialog.findChild(QMessageBox)
    assert dialog.written is None and box is not None and box.textFormat() == Qt.PlainText
    box.close()


def test_a_new_network_withdraws_the_waiting_question(window, qtbot):
    """After a preset, the quiz must not grade a question about the network that is gone."""
    panel = window.teaching.quiz_panel
    window.docks["quiz"].toggleViewAction().trigger()
    apply_preset(window.session, "worked-222")
    window.session.step()
    assert panel.quiz.current is not None and window.session.quiz.is_holding
    apply_preset(window.session, "spiral")
    assert panel.quiz.current is None and not panel.answer_edit.isEnabled() and not window.session.quiz.is_holding
    assert panel.question_label.text().startswith("Take a step")


def test_the_quiz_panel_fits_a_narrow_dock_with_a_question_and_verdict(qtbot):
    """On a 1366×768 laptop the right dock area is about 320 px wide: no sideways scrolling in the quiz."""
    record = step_222()
    panel = QuizPanel(Quiz(seed=0), lambda: record)
    qtbot.addWidget(panel)
    panel.ask()
    panel.answer_edit.setText("12")
    panel.answer()
    panel.ask()
    assert panel.minimumSizeHint().width() <= 300


def test_the_question_and_the_answer_box_come_before_the_settings(qtbot):
    """A short dock shows what to answer without scrolling; the choices are below."""
    record = step_222()
    panel = QuizPanel(Quiz(seed=0), lambda: record)
    qtbot.addWidget(panel)
    panel.resize(300, 600)
    panel.show()
    panel.ask()
    assert panel.question_label.y() < panel.answer_edit.y() < panel.kind_box.y()


def test_ask_now_clears_the_last_verdict(qtbot):
    record = step_222()
    panel = QuizPanel(Quiz(seed=0), lambda: record)
    qtbot.addWidget(panel)
    panel.ask()
    panel.answer_edit.setText("12345")
    panel.answer()
    assert panel.verdict_label.text().startswith("Not quite")
    panel.ask_now()
    assert panel.verdict_label.text() == "" and panel.formula_label.text() == ""
    assert panel.answer_edit.isEnabled()


def test_the_222_example_with_a_unit_picked_is_exported_whole_and_never_says_more_than_60(window, qtbot, tmp_path):
    from mlpviz.app.selection import UnitRef

    apply_preset(window.session, "worked-222")
    window.toolbar.step_action.trigger()
    window.selection.set_item(UnitRef(1, 1))  # h1.2 picked on the canvas
    window.teaching.export_action.trigger()
    dialog = window.findChild(ExportWorkedExampleDialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    dialog.path_edit.setText(str(tmp_path / "w.md"))
    dialog.write()
    text = (tmp_path / "w.md").read_text(encoding="utf-8")
    assert "more than 60" not in text and "written out" not in text
    assert r"= 0.3775$" in text and r"= 0.3925$" in text  # z of h1.1 and of h1.2: every unit, not only the one picked
