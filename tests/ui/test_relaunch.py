"""A relaunch brings back Animate, the speed, phase by phase, the weight tables' view, the picked
unit, and a window that fits the screen it opens on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings

from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.tables.weight_table_model import Show
from mlpviz.ui.toolbar import slider_from_speed
from mlpviz.ui.view_settings import clipped_to


def launch(qtbot, path) -> MainWindow:
    w = MainWindow(settings=QSettings(str(path), QSettings.IniFormat))
    qtbot.addWidget(w)
    return w


@pytest.mark.parametrize("picked", [UnitRef(1, 2), WeightRef(0, 1, 2), WeightRef(1, -1, 0)])
def test_view_settings_come_back_at_the_next_launch(qtbot, tmp_path, picked):
    first = launch(qtbot, tmp_path / "s.ini")
    s = first.session
    s.set_animate(False)
    s.set_speed(3.0)
    s.set_phase_by_phase(True)
    first.weights_view.set_show(Show.GRADIENT)
    first.selection.set_item(picked)
    first.close()

    second = launch(qtbot, tmp_path / "s.ini")
    status = second.session.status
    assert (status.animate, status.speed, status.phase_by_phase) == (False, 3.0, True)
    assert not second.toolbar.animate_action.isChecked() and second.toolbar.phase_action.isChecked()
    assert second.toolbar.speed_slider.value() == slider_from_speed(3.0)
    assert second.weights_view.show is Show.GRADIENT
    assert second.selection.item == picked


def test_a_first_launch_has_the_defaults(qtbot, tmp_path):
    w = launch(qtbot, tmp_path / "new.ini")
    assert w.session.status.animate and not w.session.status.phase_by_phase
    assert w.weights_view.show is Show.VALUE and w.selection.item is None


def test_a_saved_unit_the_network_no_longer_has_is_not_picked(qtbot, tmp_path):
    first = launch(qtbot, tmp_path / "s.ini")
    first.selection.set_item(UnitRef(1, 2))
    first.close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    settings.setValue("view/selected", "unit 1 99")
    settings.sync()
    second = launch(qtbot, tmp_path / "s.ini")
    assert second.selection.item is None


def test_a_window_saved_larger_than_the_screen_is_clipped_to_it(qtbot, tmp_path):
    first = launch(qtbot, tmp_path / "s.ini")
    first.show()
    available = first.screen().availableGeometry()
    first.setGeometry(available.x() + 300, available.y() + 200, available.width() + 900, available.height() + 700)
    assert first.geometry().width() > available.width()  # saved larger than the screen
    first.close()
    second = launch(qtbot, tmp_path / "s.ini")
    g = second.geometry()
    assert g.width() <= available.width() and g.height() <= available.height()
    assert available.contains(g)


def test_clipping_moves_and_shrinks_into_the_screen():
    screen = QRect(0, 0, 1280, 800)
    assert clipped_to(QRect(100, 50, 600, 400), screen) == QRect(100, 50, 600, 400)
    assert clipped_to(QRect(1000, 700, 600, 400), screen) == QRect(680, 400, 600, 400)
    assert clipped_to(QRect(-50, -20, 3000, 2000), screen) == screen


def test_a_unit_of_a_restored_network_is_picked_again(qtbot, tmp_path):
    from mlpviz.app.session_store import SessionStore
    from mlpviz.engine import Architecture

    store = SessionStore(tmp_path / "store")
    first = launch(qtbot, tmp_path / "s.ini")
    first.enable_session_persistence(store)
    first.session.set_architecture(Architecture((2, 6, 1), "relu", "sigmoid", "bce"))
    first.selection.set_item(UnitRef(1, 5))  # a unit the default 2-3-1 network does not have
    first.close()

    second = launch(qtbot, tmp_path / "s.ini")
    assert second.selection.item is None  # not in the default network it starts with
    second.enable_session_persistence(SessionStore(tmp_path / "store"))
    assert second.session.arch.sizes == (2, 6, 1)
    assert second.selection.item == UnitRef(1, 5)


def test_the_loss_curve_and_accuracy_come_back_at_the_next_launch(qtbot, tmp_path):
    import numpy as np

    from mlpviz.app.session_store import SessionStore
    from mlpviz.datasets import make_dataset

    first = launch(qtbot, tmp_path / "s.ini")
    first.enable_session_persistence(SessionStore(tmp_path / "store"))
    first.session.set_animate(False)
    first.session.load_data(make_dataset("iris"))
    for _ in range(25):
        first.session.step()
    first.loss_plot.redraw()
    first._refresh_status()
    curve = [c.getData() for c in (first.loss_plot.train_curve, first.loss_plot.test_curve)]
    accuracy = first.status_numbers.accuracy_label.text()
    assert len(curve[0][0]) == 25 and accuracy.startswith("accuracy ")
    first.close()

    second = launch(qtbot, tmp_path / "s.ini")
    assert "loss curve" not in second.enable_session_persistence(SessionStore(tmp_path / "store"))
    assert second.session.step_count == 25
    second.loss_plot.redraw()
    second._refresh_status()
    for (x, y), item in zip(curve, (second.loss_plot.train_curve, second.loss_plot.test_curve)):
        x2, y2 = item.getData()
        assert np.array_equal(x, x2) and np.array_equal(y, y2)
    assert second.status_numbers.accuracy_label.text() == accuracy
    assert second.loss_plot.accuracy_check.isEnabled()


def test_the_timeline_comes_back_at_the_next_launch(qtbot, tmp_path):
    """Issue 22: the network, data and loss curve came back, the timeline did not (only the last step)."""
    from mlpviz.app.session_store import SessionStore

    first = launch(qtbot, tmp_path / "s.ini")
    first.enable_session_persistence(SessionStore(tmp_path / "store"))
    first.session.set_animate(False)
    for _ in range(6):
        first.toolbar.step_action.trigger()
    at_step_2 = first.session.trainer.history.params_at(2)
    first.close()

    second = launch(qtbot, tmp_path / "s.ini")
    message = second.enable_session_persistence(SessionStore(tmp_path / "store"))
    assert "dropped" not in message and second.session.step_count == 6
    assert list(second.session.trainer.history.steps) == list(range(7))
    second.timeline.slider.setValue(2)  # the user drags the timeline back to step 2
    qtbot.waitUntil(lambda: second.session.state.step == 2, timeout=30_000)
    assert second.session.state.params.equals(at_step_2)
    assert second.timeline.is_scrubbed


def test_comparing_with_a_step_comes_back_at_the_next_launch(qtbot, tmp_path):
    """Issue 22, item 9: the compare mode did not come back after a relaunch."""
    from mlpviz.app.session_store import SessionStore

    first = launch(qtbot, tmp_path / "s.ini")
    first.enable_session_persistence(SessionStore(tmp_path / "store"))
    first.session.set_animate(False)
    for _ in range(4):
        first.toolbar.step_action.trigger()
    first.timeline.compare_with_step(1)  # as Compare ▸ Another step… does
    at_step_1 = first.session.trainer.history.params_at(1)
    first.close()

    second = launch(qtbot, tmp_path / "s.ini")
    second.enable_session_persistence(SessionStore(tmp_path / "store"))
    state = second.session.state
    assert state.compare_to is not None and state.compare_to.equals(at_step_1) and state.compare_label == "step 1"
    second.timeline.stop_comparing()
    second.close()
    third = launch(qtbot, tmp_path / "s.ini")
    third.enable_session_persistence(SessionStore(tmp_path / "store"))
    assert third.session.state.compare_to is None


def test_the_quiz_score_comes_back_at_the_next_launch(qtbot, tmp_path):
    """A lesson goes on after a relaunch: asked and right as the class left them."""
    from PySide6.QtCore import Qt

    from mlpviz.app.presets import apply_preset

    first = launch(qtbot, tmp_path / "s.ini")
    first.session.set_animate(False)
    apply_preset(first.session, "worked-222")
    next(a for a in first.train_menu.actions() if a.text().startswith("&Quiz")).trigger()
    panel = first.quiz_panel
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("z"))  # the same question kind every run
    for typed in ("12345", None):  # one wrong, one right
        first.toolbar.step_action.trigger()
        qtbot.waitUntil(lambda: panel.answer_edit.isEnabled())
        qtbot.keyClicks(panel.answer_edit, typed or repr(float(panel.quiz.current.answer)))
        with qtbot.waitSignal(panel.answered):
            qtbot.keyClick(panel.answer_edit, Qt.Key_Return)
    assert panel.score_label.text() == "Score: 1 right of 2"
    first.close()

    second = launch(qtbot, tmp_path / "s.ini")
    assert (second.quiz_panel.quiz.asked, second.quiz_panel.quiz.right) == (2, 1)
    assert second.quiz_panel.score_label.text() == "Score: 1 right of 2"
    second.quiz_panel.reset_score()
    second.close()
    assert launch(qtbot, tmp_path / "s.ini").quiz_panel.score_label.text() == "Score: 0 right of 0"
