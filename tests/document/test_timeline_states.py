"""A lesson's timeline keeps each kept step's optimizer state: continuing from an older step of a lesson read
back is bit for bit the run it came from; a damaged state is refused by name; an older lesson still opens."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from mlpviz.datasets.generators import make_dataset
from mlpviz.document import Lesson, read_lesson, write_lesson
from mlpviz.engine import Architecture, SnapshotError
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

from .lesson_members import rewrite

ARCH = Architecture((2, 4, 3), "tanh", "softmax", "ce")
SETTINGS = {"momentum": dict(momentum=0.9, learning_rate=0.3), "adam": dict(optimizer="adam", learning_rate=0.02),
            "rmsprop": dict(optimizer="rmsprop", momentum=0.5, learning_rate=0.01), "sgd": dict(learning_rate=0.3)}


def trained(settings: dict, steps: int = 20) -> Trainer:
    trainer = Trainer(ARCH, make_dataset("blobs", n_samples=60, seed=3), TrainingConfig(seed=5, batch_size=8, **settings))
    for _ in range(steps):
        trainer.advance()
    return trainer


def saved(trainer: Trainer, path, **kw) -> Lesson:
    write_lesson(path, Lesson(trainer.snapshot(), trainer.settings, trainer.dataset, trainer.loss_log,
                              trainer.history), **kw)
    return read_lesson(path)


def opened(lesson: Lesson) -> Trainer:
    """The lesson continued in a new run, as the app does (``Session.load_snapshot``)."""
    trainer = Trainer(lesson.snapshot.arch, lesson.dataset, lesson.config)
    trainer.load(lesson.snapshot, lesson.loss_log, lesson.history)
    return trainer


def same(a, b) -> bool:
    return np.array_equal(a.flat.view(np.uint64), b.flat.view(np.uint64))


@pytest.mark.parametrize("kind", list(SETTINGS))
def test_continuing_an_older_step_of_a_lesson_read_back_is_bit_for_bit(tmp_path, kind):
    teacher = trained(SETTINGS[kind])
    back = saved(teacher, tmp_path / "l.mlpviz")
    for step in teacher.history.steps.tolist():
        want = teacher.history.state_at(step)
        assert back.history.state_at(step).equals(want) if want is not None else back.history.state_at(step) is None
    student = opened(back)
    assert not student.state_lost(7) and student.history.states_unknown_before == 0
    teacher.continue_from(7)
    student.continue_from(7)
    for _ in range(9):
        teacher.advance()
        student.advance()
    assert same(student.params, teacher.params) and student.optimizer_state.equals(teacher.optimizer_state)
    assert same(student.params, trained(SETTINGS[kind], 16).params)  # as a run never interrupted


def test_a_smaller_timeline_keeps_each_steps_own_state_and_counts_them_in_its_budget(tmp_path):
    teacher = trained(SETTINGS["adam"], 40)
    row = 8 * ARCH.parameter_count + 128
    back = saved(teacher, tmp_path / "small.mlpviz", timeline_bytes=3 * 6 * row)  # six steps of three vectors
    kept = back.history.steps.tolist()
    assert 2 <= len(kept) <= 6 and kept[-1] == 40
    assert kept[0] == 0 and back.history.state_at(0) is None  # the run began at rest
    for step in kept[1:]:
        assert back.history.state_at(step).equals(teacher.history.state_at(step))
        assert back.history.state_at(step).count == step


def test_states_of_another_optimizer_are_at_rest_as_in_the_run(tmp_path):
    """Adam for ten steps, then momentum: continuing from an Adam step starts momentum at rest, file or not."""
    teacher = trained(SETTINGS["adam"], 10)
    teacher.set_settings(teacher.settings.with_(optimizer="sgd", momentum=0.9, learning_rate=0.3))
    for _ in range(10):
        teacher.advance()
    student = opened(saved(teacher, tmp_path / "mixed.mlpviz"))
    assert student.history.state_at(6) is None and student.history.state_at(15).names == ("velocity",)
    for step in (6, 15):
        teacher.continue_from(step)
        student.continue_from(step)
        for _ in range(4):
            teacher.advance()
            student.advance()
        assert same(student.params, teacher.params)


def old_format(path) -> None:
    """The lesson at ``path`` as the previous writer laid it out: format version 1, a timeline of steps and
    parameters only."""
    def change(members):
        doc = json.loads(members["lesson.json"])
        assert doc["version"] == 2
        members["lesson.json"] = json.dumps({**doc, "version": 1}).encode()
        with np.load(io.BytesIO(members["timeline.npz"])) as arrays:
            buf = io.BytesIO()
            np.savez(buf, steps=arrays["steps"], rows=arrays["rows"])
        members["timeline.npz"] = buf.getvalue()
    rewrite(path, change)


def test_an_older_lesson_opens_and_its_earlier_steps_continue_at_rest(tmp_path):
    teacher = trained(SETTINGS["momentum"])
    path = tmp_path / "old.mlpviz"
    saved(teacher, path)
    old_format(path)
    back = read_lesson(path)
    assert back.history.states_unknown_before == 20 and back.history.state_at(7) is None
    student = opened(back)
    assert student.state_lost(7) and not student.state_lost(20)
    assert student.optimizer_state.equals(teacher.optimizer_state)  # the latest step's came in the snapshot
    student.continue_from(7)
    start = student.params
    for _ in range(3):
        student.advance()
    assert not student.state_lost(9)  # steps trained here know their state
    assert student.state_lost(6)
    at_rest = Trainer(ARCH, student.dataset, student.settings, start, step=7)
    teacher.continue_from(7)
    for _ in range(3):
        at_rest.advance()
        teacher.advance()
    assert same(student.params, at_rest.params) and not same(student.params, teacher.params)
    resaved = opened(saved(student, tmp_path / "again.mlpviz"))  # the new file says so again
    assert resaved.state_lost(6) and not resaved.state_lost(9)


def test_an_older_lesson_without_state_vectors_has_nothing_to_lose(tmp_path):
    path = tmp_path / "sgd.mlpviz"
    saved(trained(SETTINGS["sgd"], 6), path)
    old_format(path)
    assert not opened(read_lesson(path)).state_lost(3)


def edit_timeline(path, change) -> None:
    """The lesson file at ``path`` with its timeline's arrays (name: array) as ``change`` leaves them."""
    def change_members(members):
        with np.load(io.BytesIO(members["timeline.npz"])) as loaded:
            arrays = dict(loaded)
        change(arrays)
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        members["timeline.npz"] = buf.getvalue()
    rewrite(path, change_members)


def negative_v(a):
    a["state_v"][3, 0] = -1e-3


def nan_m(a):
    a["state_m"][2, 5] = np.nan


def count_too_high(a):
    a["counts"][5] += 2


def state_before_the_known(a):
    a["unknown_before"] = np.array(a["steps"][4])


@pytest.mark.parametrize("change, message", [
    (lambda a: a.update(optimizer=np.array("rmsprop")), "holds states of 'rmsprop', but the lesson trains with adam"),
    (lambda a: a.pop("counts"), "need a count for each step"),
    (lambda a: a.update(counts=a["counts"][:-1]), "need a count for each step"),
    (lambda a: a.update(counts=a["counts"].astype(float)), "need a count for each step"),
    (lambda a: a.pop("state_v"), "optimizer v must be 8 vectors of 27 finite numbers"),
    (lambda a: a.update(state_m=a["state_m"][:, :-1]), "optimizer m must be 8 vectors of 27"),
    (nan_m, "optimizer m must be 8 vectors of 27 finite numbers"),
    (negative_v, "optimizer v adds up squares and cannot be negative"),
    (count_too_high, "the optimizer state of step 5 counts 7 updates"),
    (lambda a: a["counts"].__setitem__(0, -2), "must be -1 or whole numbers"),
    (state_before_the_known, "first step with a known optimizer state"),
    (lambda a: a.update(unknown_before=np.array(99)), "first step with a known optimizer state must be from 0 to 8"),
])
def test_a_damaged_state_is_refused_naming_the_file(tmp_path, change, message):
    path = tmp_path / "bad.mlpviz"
    saved(trained(SETTINGS["adam"], 8), path)
    edit_timeline(path, change)
    with pytest.raises(SnapshotError, match=message) as caught:
        read_lesson(path)
    assert str(caught.value).startswith(str(path))
