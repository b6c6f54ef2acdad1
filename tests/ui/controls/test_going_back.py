"""After Run's thrash rule stops the spiral and goes back to step 2, the window explains step 2 as it was taken
and trains on from it with its momentum: the worked example, the canvas and the next Step agree."""

from __future__ import annotations

import re

import numpy as np

from mlpviz.app.presets import PRESETS
from mlpviz.training.thrash import NO_PROGRESS
from mlpviz.training.trainer import Trainer
from mlpviz.ui.teaching.export_dialog import ExportWorkedExampleDialog

from .test_divergence import spiral_window, type_into

FIRST_VELOCITY = re.compile(r"^\$v_\{[^$]*= 0\.5 \\cdot  (\S+) \+", re.M)  # v = μ·v_prev + g: its v_prev


def stopped_spiral(qtbot, tmp_path):
    """Presets ▸ spiral, learning rate 2.5 and momentum 0.5 typed in the panel, Run until the notice comes."""
    window = spiral_window(qtbot, tmp_path)
    panel = window.control_panel
    window.docks["controls"].raise_()
    type_into(panel.lr_spin, "2.5")
    type_into(panel.momentum_spin, "0.5")
    window.toolbar.run_action.trigger()
    qtbot.waitUntil(window.divergence_notice.isVisible, timeout=60_000)  # 500 steps and more of swinging
    qtbot.waitUntil(lambda: not window.session.runs.running, timeout=30_000)
    return window


def never_refused(steps: int) -> Trainer:
    """The same run stopped at ``steps`` by hand, never refused."""
    setup = PRESETS["spiral"].build()
    t = Trainer(setup.arch, setup.dataset, setup.config.with_(learning_rate=2.5, momentum=0.5), setup.params)
    for _ in range(steps):
        t.advance()
    return t


def export(window, qtbot, path) -> tuple[ExportWorkedExampleDialog, str]:
    """File ▸ Export step as worked example…, as Markdown to ``path``."""
    window.worked_example_action.trigger()
    dialog = next((d for d in window.findChildren(ExportWorkedExampleDialog) if d.isVisible()), None)
    assert dialog is not None, "the export refused: no step on screen"
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    dialog.path_edit.setText(str(path))
    dialog.write()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    return dialog, path.read_text(encoding="utf-8")


def test_after_the_stop_the_kept_step_is_exported_and_the_next_step_keeps_its_momentum(qtbot, tmp_path, settle):
    window = stopped_spiral(qtbot, tmp_path)
    session = window.session
    d = session.trainer.divergence
    assert d.reason == NO_PROGRESS and d.kept_step == 2 == session.step_count
    settle()
    clean = never_refused(2)
    shown = session.state.step_record  # what the canvas explains: step 2 as it was taken
    assert shown is not None and shown.params_after.equals(session.params) and shown.loss == clean.last_record.loss
    assert np.array_equal(window.canvas.drawn_edge_values(0), session.params.weights[0])

    dialog, text = export(window, qtbot, tmp_path / "kept.md")  # it refused: "Take a step first…"
    assert dialog.record is shown and "momentum μ = 0.5" in text
    assert float(FIRST_VELOCITY.search(text).group(1).strip("()")) == float(f"{clean.last_record.state_before['velocity'][0]:.9g}")

    window.toolbar.step_action.trigger()  # Step: step 3 from step 2's parameters and velocity
    qtbot.waitUntil(lambda: session.step_count == 3, timeout=30_000)
    record = session.trainer.last_record
    expected = clean.advance()
    assert np.array_equal(record.state_before["velocity"], clean.last_record.state_before["velocity"])
    assert record.state_before["velocity"].any() and record.params_after.equals(expected.params_after)
    settle()
    dialog, text = export(window, qtbot, tmp_path / "next.md")
    assert dialog.record is record
    v_prev = FIRST_VELOCITY.search(text).group(1).strip("()")  # it wrote v = 0.5·0 + g
    assert float(v_prev) != 0 and float(v_prev) == float(f"{record.state_before['velocity'][0]:.9g}")


def test_after_the_stop_ask_now_asks_about_the_kept_step_on_screen(qtbot, tmp_path, settle):
    from mlpviz.teaching.quiz import make_question

    window = stopped_spiral(qtbot, tmp_path)
    settle()
    shown = window.session.state.step_record
    assert shown is not None and shown.params_after.equals(window.session.params)
    window.docks["quiz"].show()
    window.quiz_panel.ask_button.click()  # the quiz's Ask now (it asked nothing: no step on screen)
    question = window.quiz_panel.quiz.current
    assert question is not None and window.quiz_panel.answer_edit.isEnabled()
    again = make_question(shown, question.kind, question.layer, question.index, question.row, question.sample)
    assert again.answer == question.answer  # a number of step 2 as the canvas explains it
