"""Moving through a run as a user does: the toolbar's Step, →, Page Down and a clicker's "." go on through
the phases of a step (Phase by phase) or the timeline; ←, Page Up and B go back; the timeline's Latest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from mlpviz.app.view_state import Phase
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import desktop_font

PHASES = [Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE]
WAIT_MS = 30_000  # an animated phase or Run's worker on a busy machine: a bound, never a pace


@pytest.fixture
def shown(qtbot, tmp_path):
    """A shown, active window (so its keys reach the actions), Animate off."""
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.toolbar.animate_action.setChecked(False)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.canvas.setFocus()
    yield w
    QApplication.setFont(desktop_font())


def phase_by_phase(w) -> None:
    """Animate and Phase by phase on, the speed at its quickest, from the toolbar as a user sets them."""
    w.toolbar.animate_action.setChecked(True)
    w.toolbar.phase_action.setChecked(True)
    w.toolbar.speed_slider.setValue(w.toolbar.speed_slider.maximum())
    assert w.session.status.animate and w.session.status.phase_by_phase


def held_phases(w, qtbot, press) -> list[Phase]:
    """Press "next" until the step is done; the phase the window holds at after each press."""
    held, step = [], w.session.step_count + 1
    for _ in range(len(PHASES)):
        press()
        qtbot.waitUntil(lambda: w.session.navigation.waiting or not w.session.is_playing, timeout=WAIT_MS)
        held.append(w.session.state.phase)
        assert w.session.step_count == step  # one step, shown a phase at a time
    return held


def test_the_toolbar_step_holds_each_phase_in_turn(shown, qtbot):
    w = shown
    phase_by_phase(w)
    assert held_phases(w, qtbot, w.toolbar.step_action.trigger) == PHASES
    state = w.session.state
    assert state.is_update_done and state.step == 1 and not w.session.is_playing
    w.toolbar.step_action.trigger()  # the next press starts the next step at its forward pass
    qtbot.waitUntil(lambda: w.session.navigation.waiting, timeout=WAIT_MS)
    assert w.session.step_count == 2 and w.session.state.phase is Phase.FORWARD


@pytest.mark.parametrize("key", [Qt.Key_Right, Qt.Key_PageDown, Qt.Key_Period], ids=["right", "page down", "clicker"])
def test_next_keys_hold_each_phase_in_turn(shown, qtbot, key):
    w = shown
    phase_by_phase(w)
    assert held_phases(w, qtbot, lambda: qtbot.keyClick(w.canvas, key)) == PHASES


def test_next_key_after_going_back_walks_the_timeline_then_the_phases(shown, qtbot):
    w = shown
    for _ in range(2):
        qtbot.keyClick(w.canvas, Qt.Key_Right)
    qtbot.keyClick(w.canvas, Qt.Key_Left)
    assert w.session.state.step == 1 and w.session.step_count == 2
    phase_by_phase(w)
    qtbot.keyClick(w.canvas, Qt.Key_Right)  # back to the latest step first, not a new step
    assert w.session.state.step == 2 and w.session.step_count == 2 and not w.session.is_playing
    assert held_phases(w, qtbot, lambda: qtbot.keyClick(w.canvas, Qt.Key_Right)) == PHASES
    assert w.session.step_count == 3


@pytest.mark.parametrize("key", [Qt.Key_Left, Qt.Key_PageUp, Qt.Key_B], ids=["left", "page up", "clicker"])
def test_back_keys_go_back_one_kept_step_and_pause_run(shown, qtbot, key):
    w = shown
    for _ in range(3):
        w.toolbar.step_action.trigger()
    qtbot.keyClick(w.canvas, key)
    assert w.session.state.step == 2 and w.session.step_count == 3  # shown, nothing undone
    w.toolbar.run_action.trigger()
    qtbot.waitUntil(lambda: w.session.step_count > 5, timeout=WAIT_MS)
    qtbot.keyClick(w.canvas, key)
    assert not w.session.runs.running and w.toolbar.run_action.text() == "Run"
    assert w.session.state.step < w.session.step_count


def test_back_in_the_middle_of_a_step_shows_the_step_before_it(shown, qtbot):
    w = shown
    w.toolbar.step_action.trigger()
    phase_by_phase(w)
    w.toolbar.step_action.trigger()
    qtbot.waitUntil(lambda: w.session.navigation.waiting, timeout=WAIT_MS)
    qtbot.keyClick(w.canvas, Qt.Key_Left)
    assert not w.session.is_playing and w.session.state.phase is Phase.IDLE and w.session.state.step == 1


def test_the_timelines_latest_button_shows_the_latest_step(shown, qtbot):
    w = shown
    for _ in range(4):
        w.toolbar.step_action.trigger()
    qtbot.keyClick(w.canvas, Qt.Key_Left)
    qtbot.keyClick(w.canvas, Qt.Key_Left)
    assert w.session.state.step == 2 and w.timeline.latest_button.isEnabled()
    qtbot.mouseClick(w.timeline.latest_button, Qt.LeftButton)
    assert w.session.state.step == 4 and w.session.step_count == 4
    assert not w.timeline.latest_button.isEnabled()
    qtbot.keyClick(w.canvas, Qt.Key_Right)  # at the latest step, → takes a new step
    assert w.session.step_count == 5 and w.session.state.step == 5
