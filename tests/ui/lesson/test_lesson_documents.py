"""Lessons through the window as a teacher and a student use them: Save As, Open (Ctrl+O and `mlpviz FILE`),
the title's star, Save / Discard / Cancel, Revert, read-only files, and checkpoints walked with Next/Previous."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from mlpviz.app.selection import UnitRef
from mlpviz.datasets import make_dataset
from mlpviz.document import read_lesson
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.tables.weight_table_model import Show


def new_window(qtbot, tmp_path, name: str) -> MainWindow:
    w = MainWindow(settings=QSettings(str(tmp_path / f"{name}.ini"), QSettings.IniFormat))
    # closed by the test run, not a user: no Save / Discard / Cancel question at the end
    qtbot.addWidget(w, before_close_func=lambda window: setattr(window.document, "modified", False))
    w.session.set_animate(False)
    return w


def choose_save(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def choose_open(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def answer(monkeypatch, button, asked: list):
    def exec_(box):
        asked.append(box.text())
        return button
    monkeypatch.setattr(QMessageBox, "exec", exec_)


def teachers_lesson(qtbot, tmp_path, monkeypatch) -> tuple[MainWindow, object]:
    """Iris 4-8-3, ten steps with momentum, unit h1.2 picked, the tables on ∂C/∂w, a title, a note and two
    checkpoints; saved with File ▸ Save As."""
    teacher = new_window(qtbot, tmp_path, "teacher")
    s = teacher.session
    s.load_data(make_dataset("iris", n_samples=60))
    s.set_config(s.config.with_(momentum=0.9, learning_rate=0.05, batch_size=16))
    for _ in range(4):
        s.step()
    teacher.document.set_texts("Iris, by hand", "Look at <b>h1.2</b>\n=SUM(A1)")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Early", True))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("δ is still small", True))
    teacher.checkpoints_panel.add_action.trigger()
    for _ in range(6):
        s.step()
    teacher.selection.set_item(UnitRef(1, 1))
    teacher.weights_view.set_show(Show.GRADIENT)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Trained", True))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("", True))
    teacher.checkpoints_panel.add_action.trigger()
    path = tmp_path / "iris lesson.mlpviz"
    choose_save(monkeypatch, path)
    teacher.document_actions.save_as_action.trigger()
    assert path.exists() and not teacher.isWindowModified()
    assert teacher.windowTitle().startswith("iris lesson")
    return teacher, path


def test_a_lesson_opens_for_another_user_exactly_as_saved(qtbot, tmp_path, monkeypatch):
    teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    student = new_window(qtbot, tmp_path, "student")
    choose_open(monkeypatch, path)
    student.document_actions.open_action.trigger()
    a, b = teacher.session, student.session
    assert b.arch == a.arch and b.step_count == a.step_count == 10
    assert np.array_equal(b.params.flat.view(np.uint64), a.params.flat.view(np.uint64))
    assert b.config == a.config and b.dataset.class_names == ("setosa", "versicolor", "virginica")
    np.testing.assert_array_equal(b.dataset.x_train, a.dataset.x_train)
    np.testing.assert_array_equal(b.trainer.history.steps, a.trainer.history.steps)
    np.testing.assert_array_equal(b.trainer.loss_log.train, a.trainer.loss_log.train)
    assert student.selection.item == UnitRef(1, 1) and student.weights_view.show == Show.GRADIENT
    assert student.document.title == "Iris, by hand" and student.windowTitle().startswith("iris lesson")
    # the next step is the teacher's next step, bit for bit (momentum's velocity travelled too)
    a.step()
    b.step()
    assert np.array_equal(b.params.flat.view(np.uint64), a.params.flat.view(np.uint64))
    # the note is plain text: no markup is rendered
    assert student.checkpoints_panel.note.toPlainText() == "Look at <b>h1.2</b>\n=SUM(A1)"


def test_checkpoints_walk_the_canvas_and_tables_to_each_moment(qtbot, tmp_path, monkeypatch):
    _teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    student = new_window(qtbot, tmp_path, "student")
    student.document_actions.open_path(path)
    panel = student.checkpoints_panel
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == [
        "1. Early (step 4)", "2. Trained (step 10)"]
    panel.next_action.trigger()
    assert student.session.state.step == 4 and panel.point_note.toPlainText() == "δ is still small"
    assert student.weights_view.show == Show.VALUE and student.selection.item is None
    panel.next_action.trigger()
    assert student.session.state.step == 10 and student.selection.item == UnitRef(1, 1)
    assert not panel.next_action.isEnabled()
    panel.previous_action.trigger()
    assert student.session.state.step == 4


def test_the_title_shows_unsaved_changes_and_closing_asks(qtbot, tmp_path, monkeypatch):
    teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    teacher.session.step()
    assert teacher.isWindowModified()
    asked = []
    answer(monkeypatch, QMessageBox.StandardButton.Cancel, asked)
    assert not teacher.close()  # Cancel keeps the window and the change
    assert asked and "iris lesson" in asked[0] and teacher.session.step_count == 11
    answer(monkeypatch, QMessageBox.StandardButton.Save, asked)
    assert teacher.close()
    assert read_lesson(path).snapshot.step == 11


def test_revert_goes_back_to_the_saved_lesson(qtbot, tmp_path, monkeypatch):
    teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    saved = teacher.session.params
    for _ in range(3):
        teacher.session.step()
    answer(monkeypatch, QMessageBox.StandardButton.Yes, [])
    teacher.document_actions.revert_action.trigger()
    assert teacher.session.step_count == 10 and teacher.session.params.equals(saved)
    assert not teacher.isWindowModified()


def test_a_read_only_lesson_is_never_overwritten_without_save_as(qtbot, tmp_path, monkeypatch):
    _teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    path.chmod(0o444)
    student = new_window(qtbot, tmp_path, "student")
    student.document_actions.open_path(path)
    student.session.step()
    elsewhere = tmp_path / "mine.mlpviz"
    choose_save(monkeypatch, elsewhere)
    student.document_actions.save_action.trigger()
    assert elsewhere.exists() and read_lesson(path).snapshot.step == 10  # as root too: the file's bits count


def test_a_read_only_folder_makes_save_ask_for_a_name(qtbot, tmp_path, monkeypatch):
    _teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    student = new_window(qtbot, tmp_path, "student")
    student.document_actions.open_path(path)
    monkeypatch.setattr(type(student.document), "read_only", property(lambda self: True))
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    student.document_actions.save_action.trigger()
    assert asked and read_lesson(path).snapshot.step == 10


def test_a_damaged_lesson_is_refused_by_name_and_nothing_changes(qtbot, tmp_path, monkeypatch, message_boxes):
    window = new_window(qtbot, tmp_path, "w")
    window.session.step()
    before = window.session.params
    bad = tmp_path / "damaged.mlpviz"
    bad.write_bytes(b"PK\x03\x04 truncated")
    choose_open(monkeypatch, bad)
    window.document_actions.open_action.trigger()
    assert message_boxes and "damaged.mlpviz" in message_boxes[-1][1]
    assert message_boxes[-1][2] == Qt.TextFormat.PlainText
    assert window.session.params.equals(before) and window.document.path is None


def test_open_takes_a_snapshot_or_data_by_what_the_file_is(qtbot, tmp_path, monkeypatch, message_boxes):
    window = new_window(qtbot, tmp_path, "w")
    from mlpviz.io import read_csv_table
    from mlpviz.resources import dataset_paths

    previewed = []
    window.data_opener.preview = lambda path, parent=None: previewed.append(path) or read_csv_table(path, target="species")
    choose_open(monkeypatch, dataset_paths()["iris"])
    window.document_actions.open_action.trigger()
    assert not message_boxes and previewed
    assert window.session.arch.sizes[0] == 4 and window.session.dataset.n_classes == 3
    window.session.step()
    snapshot = tmp_path / "net.npz"
    window.snapshot_actions._write(snapshot, "x", window.session.trainer.snapshot())
    window.session.reset()
    choose_open(monkeypatch, snapshot)
    window.document_actions.open_action.trigger()
    assert window.session.step_count == 1 and window.document.path is None


def test_mlpviz_FILE_opens_the_lesson_for_another_home(qtbot, tmp_path, monkeypatch):
    """The entry point a double-click uses: another user's HOME opens the lesson, and quitting keeps it."""
    _teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    home = tmp_path / "home-b"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "MLPVIZ_QUIT_WHEN_READY": "1",
           "PYTHONPATH": os.pathsep.join(sys.path)}
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    done = subprocess.run([sys.executable, "-m", "mlpviz", str(path)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "window up" in done.stdout
    assert f"document {path.name} at step 10" in done.stdout
    missing = subprocess.run([sys.executable, "-m", "mlpviz", str(tmp_path / "gone.mlpviz")], env=env,
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "gone.mlpviz: no such file" in missing.stderr


def test_opening_another_file_leaves_the_lesson_behind(qtbot, tmp_path, monkeypatch):
    """A snapshot opened after a lesson is another document: the lesson's title, note and checkpoints stay with
    the lesson, and Save asks for a new name instead of writing a mix into the lesson's file."""
    teacher, path = teachers_lesson(qtbot, tmp_path, monkeypatch)
    teacher.session.reset()
    snapshot = tmp_path / "other.npz"
    teacher.snapshot_actions._write(snapshot, "x", teacher.session.trainer.snapshot())
    teacher.document.modified = False
    choose_open(monkeypatch, snapshot)
    teacher.document_actions.open_action.trigger()
    assert teacher.document.path is None and teacher.document.checkpoints == () and teacher.document.title == ""
    assert teacher.checkpoints_panel.list.count() == 0
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    teacher.document_actions.save_action.trigger()
    assert asked and read_lesson(path).snapshot.step == 10


def test_save_as_starts_where_lessons_were_kept_never_in_the_folder_of_the_data(qtbot, tmp_path, monkeypatch):
    """tryout5: Save lesson as… opened in the folder of the data file opened last (the cases' folder, read-only)."""
    from mlpviz.io import read_csv_table
    from mlpviz.resources import dataset_paths

    home, lessons = tmp_path / "home", tmp_path / "lessons"
    home.mkdir(), lessons.mkdir()
    monkeypatch.setenv("HOME", str(home))
    window = new_window(qtbot, tmp_path, "w")
    window.data_opener.preview = lambda path, parent=None: read_csv_table(path, target="species")
    choose_open(monkeypatch, dataset_paths()["iris"])
    window.document_actions.open_action.trigger()
    assert window.session.arch.sizes[0] == 4
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: offered.append(a[2]) or ("", ""))
    window.document_actions.save_as_action.trigger()
    assert os.path.dirname(offered[-1]) == str(home)  # not the data's folder
    choose_save(monkeypatch, lessons / "iris.mlpviz")
    window.document_actions.save_as_action.trigger()
    window.document_actions.new_action.trigger()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: offered.append(a[2]) or ("", ""))
    window.document_actions.save_as_action.trigger()
    assert os.path.dirname(offered[-1]) == str(lessons)  # where the last lesson was kept
