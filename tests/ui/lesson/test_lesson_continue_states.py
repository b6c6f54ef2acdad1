"""A student who opens a teacher's lesson and uses the timeline's Continue here at an older step gets the teacher's
numbers bit for bit (momentum, Adam); an older lesson without the states says the optimizer starts at rest."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.datasets import make_dataset
from mlpviz.training.trainer import Trainer

from ...document.test_timeline_states import old_format
from .test_lesson_documents import choose_open, choose_save, new_window

OLDER, LATER = 5, 7  # Continue here from step 5 of 12, then step on 7 times
SETTINGS = {"momentum": dict(momentum=0.9, learning_rate=0.05), "adam": dict(optimizer="adam", learning_rate=0.01)}


def teacher_saves(qtbot, tmp_path, monkeypatch, settings: dict):
    """Iris 4-8-3 trained 12 steps with the toolbar's Step, saved with File ▸ Save As."""
    teacher = new_window(qtbot, tmp_path, "teacher")
    s = teacher.session
    s.load_data(make_dataset("iris", n_samples=60))
    s.set_config(s.config.with_(batch_size=16, **settings))
    for _ in range(12):
        teacher.toolbar.step_action.trigger()
    assert s.step_count == 12
    path = tmp_path / "lesson.mlpviz"
    choose_save(monkeypatch, path)
    teacher.document_actions.save_as_action.trigger()
    assert path.exists()
    return teacher, path


def student_continues(qtbot, tmp_path, monkeypatch, path, step: int = OLDER):
    """File ▸ Open the lesson in a fresh window, scrub the timeline to ``step``, Continue here, Step 7 times."""
    student = new_window(qtbot, tmp_path, "student")
    choose_open(monkeypatch, path)
    student.document_actions.open_action.trigger()
    assert student.session.step_count == 12
    return student, continue_at(student, step)


def continue_at(window, step: int) -> str:
    """Scrub to ``step``, Continue here, Step 7 times; the status bar's message on continuing."""
    window.timeline.slider.setValue(step)
    assert window.session.state.step == step
    window.timeline.continue_button.click()
    assert window.session.step_count == step
    said = window.statusBar().currentMessage()
    for _ in range(LATER):
        window.toolbar.step_action.trigger()
    return said


def same(a, b) -> bool:
    return np.array_equal(a.flat.view(np.uint64), b.flat.view(np.uint64))


@pytest.mark.parametrize("kind", list(SETTINGS))
def test_continue_here_in_a_students_copy_gives_the_teachers_numbers(qtbot, tmp_path, monkeypatch, kind):
    teacher, path = teacher_saves(qtbot, tmp_path, monkeypatch, SETTINGS[kind])
    student, said = student_continues(qtbot, tmp_path, monkeypatch, path)
    assert said == f"Continuing from step {OLDER}; the later steps were discarded"
    continue_at(teacher, OLDER)  # the teacher's own session, from the same step
    a, b = teacher.session, student.session
    assert b.step_count == a.step_count == OLDER + LATER
    assert np.array_equal(b.params.flat, a.params.flat) and same(b.params, a.params)
    assert b.trainer.optimizer_state.equals(a.trainer.optimizer_state)


def test_an_older_lesson_opens_and_continuing_from_an_earlier_step_says_it_starts_at_rest(qtbot, tmp_path,
                                                                                          monkeypatch):
    teacher, path = teacher_saves(qtbot, tmp_path, monkeypatch, SETTINGS["momentum"])
    old_format(path)  # the timeline as the previous writer laid it out: no optimizer states
    student = new_window(qtbot, tmp_path, "student")
    choose_open(monkeypatch, path)
    student.document_actions.open_action.trigger()
    s = student.session
    start = s.trainer.history.params_at(OLDER)
    note = continue_at(student, OLDER)
    assert note == f"Continuing from step {OLDER} with the optimizer at rest: this older lesson did not save it"
    at_rest = Trainer(s.arch, s.dataset, s.config, start, step=OLDER)  # what it did: momentum from rest
    for _ in range(LATER):
        at_rest.advance()
    assert same(s.params, at_rest.params)
    continue_at(teacher, OLDER)
    assert not same(s.params, teacher.session.params)  # the note is needed: the numbers differ
    said = continue_at(student, OLDER + 3)  # a step trained here knows its state: the usual message
    assert said == f"Continuing from step {OLDER + 3}; the later steps were discarded"
