"""The data table follows the session's data; edits, rows, random batches, the chooser, CSV files and drops."""

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from mlpviz.datasets import make_dataset

from .. import views


def table_values(model) -> np.ndarray:
    return np.array([[float(model.data(model.index(r, c), Qt.EditRole)) for c in range(model.columnCount())]
                     for r in range(model.rowCount())])




@pytest.fixture
def panel(qtbot, session):
    p = views.data_panel(session)
    qtbot.addWidget(p)
    return p


def test_table_shows_the_notebook_batch(panel, session):
    m = panel.model
    assert [m.headerData(c, Qt.Horizontal) for c in range(3)] == ["x1", "x2", "y"]
    np.testing.assert_array_equal(table_values(m), np.hstack([session.dataset.x_train, session.dataset.y_train]))
    assert all(m.in_batch(r) for r in range(5))  # full batch: every row is in it
    assert "Full batch" in panel.batch_label.text()


def test_editing_a_cell_changes_the_sessions_data(panel, session):
    old = session.dataset
    assert panel.model.setData(panel.model.index(1, 0), "0.75", Qt.EditRole)
    assert session.dataset is not old and session.dataset.x_train[1, 0] == 0.75
    assert old.x_train[1, 0] != 0.75  # the old data set is untouched
    x, _ = session.trainer.next_batch
    assert x[1, 0] == 0.75  # the next step trains on it
    assert panel.model.data(panel.model.index(1, 0), Qt.EditRole) == "0.75"


def test_invalid_text_is_refused_in_place(panel, session, qtbot):
    old = session.dataset
    with qtbot.waitSignal(panel.problem) as blocker:
        assert not panel.model.setData(panel.model.index(0, 1), "abc", Qt.EditRole)
    assert "not a number" in blocker.args[0]
    assert session.dataset is old


def test_a_target_that_no_longer_fits_is_refused(session, qtbot):
    session.set_network(*_softmax_222(session))
    panel = views.data_panel(session)
    qtbot.addWidget(panel)
    old = session.dataset
    with qtbot.waitSignal(panel.problem):
        assert not panel.model.setData(panel.model.index(0, 2), "0.5", Qt.EditRole)
    assert session.dataset is old


def _softmax_222(session):
    from mlpviz.engine import Architecture, init_params
    arch = Architecture((2, 2, 2), "relu", "softmax", "ce")
    return arch, init_params(arch, "normal", 0)


def test_add_and_remove_rows(panel, session):
    panel.add_button.click()
    assert session.dataset.n_train == 6 and panel.model.rowCount() == 6
    panel.table.selectRow(0)
    first_two = session.dataset.x_train[1].copy()
    panel.remove_button.click()
    assert session.dataset.n_train == 5 and panel.model.rowCount() == 5
    np.testing.assert_array_equal(session.dataset.x_train[0], first_two)


def test_new_random_batch_is_the_notebooks_draw_with_a_new_seed(panel, session):
    panel.random_button.click()
    np.testing.assert_array_equal(session.dataset.x_train, make_dataset("notebook", seed=1).x_train)
    np.testing.assert_array_equal(table_values(panel.model)[:, :2], session.dataset.x_train)


def test_mini_batch_marks_follow_the_steps(panel, session, qtbot):
    session.set_data(make_dataset("xor", n_samples=20, test_fraction=0.2))
    session.set_config(session.config.with_(batch_size=4, shuffle=False))
    assert "Mini-batch 1 of 4" in panel.batch_label.text()
    assert [panel.model.in_batch(r) for r in range(8)] == [True] * 4 + [False] * 4
    assert panel.model.headerData(16, Qt.Vertical) == "test 1"
    session.step()
    qtbot.waitUntil(lambda: "Mini-batch 2 of 4" in panel.batch_label.text(), timeout=30_000)
    assert [panel.model.in_batch(r) for r in range(8)] == [False] * 4 + [True] * 4


def test_chooser_applies_a_data_set_and_fits_the_network(qtbot, session):
    chooser = views.dataset_chooser(session)
    qtbot.addWidget(chooser)
    chooser.name_box.setCurrentIndex(chooser.name_box.findData("blobs"))
    chooser.size_spin.setValue(60)
    chooser.classes_spin.setValue(4)
    chooser.test_spin.setValue(0.25)
    assert chooser.apply()
    assert session.dataset.name == "blobs" and session.dataset.n_train == 45 and session.dataset.n_test == 15
    assert session.arch.sizes == (2, 3, 4) and session.arch.output_activation == "softmax"


def test_loading_a_csv_fills_the_table(window, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("a,b,c,y\n0.5,1.5,2.5,1\n-1,0.25,3,0\n")
    assert window.data_opener.open(path)
    np.testing.assert_array_equal(table_values(window.data_panel.model), [[0.5, 1.5, 2.5, 1], [-1, 0.25, 3, 0]])
    assert window.session.arch.sizes[0] == 3
    assert not window.decision_map.available


def test_a_bad_csv_shows_the_loaders_message_and_keeps_the_data(window, tmp_path, message_boxes):
    shown = message_boxes
    before = window.session.dataset
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,y\n0.5,oops,1\n")
    assert not window.data_opener.open(path)
    assert len(shown) == 1 and "line 2" in shown[0][1] and "not a number" in shown[0][1]
    assert window.session.dataset is before
    np.testing.assert_array_equal(table_values(window.data_panel.model)[:, :2], before.x_train)


def test_dropping_a_csv_on_the_window_opens_it(window, tmp_path):
    path = tmp_path / "drop.csv"
    path.write_text("x1,x2,y\n0.1,0.2,1\n0.3,0.4,0\n0.5,0.6,1\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert window.file_drop.paths_of(mime) == [path]
    enter = QDragEnterEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert window.session.dataset.name == "drop" and window.data_panel.model.rowCount() == 3


def test_drops_without_a_handler_are_not_accepted(window, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert window.file_drop.paths_of(mime) == []
    opened = []
    window.file_drop.register(".TXT", opened.append)
    window.file_drop.open(window.file_drop.paths_of(mime))
    assert opened == [tmp_path / "notes.txt"]
