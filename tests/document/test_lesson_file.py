"""A lesson file keeps the whole run bit for bit and refuses damaged, foreign or future files by name."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mlpviz.datasets.generators import make_dataset
from mlpviz.document import Checkpoint, Lesson, read_lesson, write_lesson
from mlpviz.document.lesson_file import lesson_bytes
from mlpviz.engine import Architecture, SnapshotError
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

from .lesson_members import rewrite


def trained_lesson(steps: int = 12, **kw) -> Lesson:
    arch = Architecture((2, 4, 3), "tanh", "softmax", "ce")
    data = make_dataset("blobs", n_samples=60, seed=3)
    trainer = Trainer(arch, data, TrainingConfig(seed=5, learning_rate=0.3, momentum=0.9, batch_size=8))
    for _ in range(steps):
        trainer.advance()
    fields = dict(view={"selected": "unit:1:2", "panel": "formulas", "animate": False, "speed": 2.5},
                  quiz={"enabled": True, "kinds": "delta"}, title="Blobs, <b>3</b> classes",
                  note="# Look\nat **h1.2**", checkpoints=(Checkpoint("Start", 0, "the first step"),
                                                         Checkpoint("After momentum", steps, "", {"panel": "loss"})))
    fields.update(kw)
    return Lesson(trainer.snapshot(), trainer.settings, data, trainer.loss_log, trainer.history, **fields)


def test_a_lesson_comes_back_bit_for_bit(tmp_path):
    lesson = trained_lesson()
    path = tmp_path / "spiral.mlpviz"
    write_lesson(path, lesson)
    back = read_lesson(path)
    assert back.snapshot.equals(lesson.snapshot) and back.snapshot.velocity is not None
    assert back.config == lesson.config
    for key in ("x_train", "y_train", "x_test", "y_test", "labels_train", "labels_test"):
        np.testing.assert_array_equal(getattr(back.dataset, key), getattr(lesson.dataset, key))
    assert back.dataset.name == lesson.dataset.name and back.dataset.n_classes == 3
    for a, b in zip(back.loss_log.entries(), lesson.loss_log.entries()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(back.history.steps, lesson.history.steps)
    for step in lesson.history.steps:
        assert back.history.params_at(int(step)).equals(lesson.history.params_at(int(step)))
    assert (back.title, back.note, dict(back.view), dict(back.quiz)) == (
        lesson.title, lesson.note, dict(lesson.view), dict(lesson.quiz))
    assert back.checkpoints == lesson.checkpoints


def test_the_timeline_keeps_to_its_budget_with_the_latest_step(tmp_path):
    lesson = trained_lesson(steps=40)
    path = tmp_path / "small.mlpviz"
    row = 8 * len(lesson.snapshot.params.flat) + 136
    write_lesson(path, lesson, timeline_bytes=5 * row)
    kept = read_lesson(path).history.steps
    assert 2 <= len(kept) <= 5 and kept[-1] == 40


def test_a_checkpoint_after_the_lessons_step_is_refused():
    with pytest.raises(SnapshotError, match="after the lesson's step"):
        trained_lesson(steps=3, checkpoints=(Checkpoint("Later", 9),))


@pytest.mark.parametrize("view", [{"x": float("nan")}, {"x": [1, 2]}, {"k" * 41: 1}, {"x": "y" * 201},
                                  {str(i): i for i in range(65)}])
def test_view_settings_must_be_short_json_scalars(view):
    with pytest.raises(SnapshotError):
        trained_lesson(steps=1, view=view)


def edit_doc(**changes):
    def change(members):
        doc = json.loads(members["lesson.json"])
        doc.update(changes)
        members["lesson.json"] = json.dumps(doc).encode()
    return change


@pytest.mark.parametrize("change, message", [
    (edit_doc(version=3), "saved by a newer mlpviz"),
    (edit_doc(version=0), "version 0 is not supported"),
    (edit_doc(version="1"), "version 1 is not supported"),
    (edit_doc(format="other"), "not an mlpviz lesson"),
    (edit_doc(title=7), "'title' is missing or not str"),
    (edit_doc(config={"learning_rate": -1}), "learning rate"),
    (edit_doc(checkpoints=[{"name": "", "step": 0}]), "needs a name"),
    (lambda m: m.pop("data.npz"), "has no data.npz"),
    (lambda m: m.pop("lesson.json"), "no lesson.json"),
    (lambda m: m.update({"../evil.txt": m.pop("timeline.npz")}), "unknown entry"),
    (lambda m: m.update({"notes.txt": b"x"}), "6 entries, over the limit"),
    (lambda m: m.update({"loss.npz": b"PK\x03\x04 broken"}), "damaged"),
])
def test_a_damaged_or_foreign_lesson_is_refused_naming_the_file(tmp_path, change, message):
    path = tmp_path / "bad.mlpviz"
    write_lesson(path, trained_lesson(steps=2))
    rewrite(path, change)
    with pytest.raises(SnapshotError, match=message) as caught:
        read_lesson(path)
    assert str(path) in str(caught.value)


def test_a_truncated_or_non_zip_file_is_refused(tmp_path):
    path = tmp_path / "cut.mlpviz"
    data = lesson_bytes(trained_lesson(steps=2))
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SnapshotError, match=str(path)):
        read_lesson(path)
    path.write_text("hello")
    with pytest.raises(SnapshotError, match="not a zip file"):
        read_lesson(path)


def test_data_that_do_not_fit_the_network_are_refused(tmp_path):
    lesson = trained_lesson(steps=1)
    other = make_dataset("iris", n_samples=30)
    path = tmp_path / "mismatch.mlpviz"
    write_lesson(path, Lesson(lesson.snapshot, lesson.config, other))
    with pytest.raises(SnapshotError, match="this network takes 2 inputs; the loaded data has 4 input columns"):
        read_lesson(path)


def test_nothing_is_written_when_the_parameters_are_not_finite(tmp_path):
    lesson = trained_lesson(steps=1)
    from mlpviz.engine.params import Params
    bad = Params.from_flat(np.full_like(lesson.snapshot.params.flat, np.nan), lesson.snapshot.params.sizes)
    from dataclasses import replace
    path = tmp_path / "nan.mlpviz"
    with pytest.raises(SnapshotError, match="NaN"):
        write_lesson(path, replace(lesson, snapshot=replace(lesson.snapshot, params=bad)))
    assert not path.exists()


@pytest.mark.parametrize("settings", [dict(optimizer="adam", beta1=0.8, schedule="cosine", schedule_steps=30),
                                      dict(optimizer="rmsprop", momentum=0.5, alpha=0.9, warmup=4),
                                      dict(optimizer="adagrad", eps=1e-6)], ids=["adam", "rmsprop", "adagrad"])
def test_a_lesson_resumes_any_optimizer_bit_for_bit(tmp_path, settings):
    """The lesson keeps the optimizer, its settings and its whole state: trained on, it equals the run it came from."""
    arch = Architecture((2, 4, 3), "tanh", "softmax", "ce")
    data = make_dataset("blobs", n_samples=60, seed=3)
    config = TrainingConfig(seed=5, learning_rate=0.05, batch_size=8, **settings)
    whole = Trainer(arch, data, config)
    for _ in range(7):
        whole.advance()
    write_lesson(tmp_path / "l.mlpviz", Lesson(whole.snapshot(), whole.settings, data, whole.loss_log, whole.history))
    back = read_lesson(tmp_path / "l.mlpviz")
    assert back.config == config and back.snapshot.state.equals(whole.optimizer_state)
    resumed = Trainer.from_snapshot(back.snapshot, back.dataset, back.config)
    for _ in range(6):
        whole.advance()
        resumed.advance()
    assert resumed.params.equals(whole.params) and resumed.optimizer_state.equals(whole.optimizer_state)
