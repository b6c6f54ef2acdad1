"""The rules of navigation, as one unit: → walks the timeline, then the phases of a step, then takes a new
step; ← goes back a kept step; Latest; Continue here."""

from __future__ import annotations

from mlpviz.app.view_state import Phase


def test_forward_takes_a_step_when_the_latest_is_shown(session):
    session.navigation.forward()
    session.navigation.forward()
    assert session.step_count == 2 and session.state.step == 2


def test_back_then_forward_walks_the_kept_steps_before_a_new_step(session):
    for _ in range(3):
        session.navigation.forward()
    session.navigation.back()
    session.navigation.back()
    assert session.state.step == 1 and session.step_count == 3
    assert session.state.phase is Phase.IDLE
    session.navigation.forward()
    assert session.state.step == 2 and session.step_count == 3
    session.navigation.forward()
    session.navigation.forward()
    assert session.state.step == 4 and session.step_count == 4


def test_back_at_the_first_kept_step_does_nothing(session):
    session.navigation.back()
    assert session.state.step == 0 and session.step_count == 0


def test_forward_in_phase_by_phase_holds_every_phase_even_with_earlier_steps_kept(session, qtbot):
    session.navigation.forward()  # a kept step before: the old → took the finished step for a scrubbed one
    session.set_animate(True)
    session.set_speed(50.0)
    session.set_phase_by_phase(True)
    held = []
    for _ in range(4):
        session.navigation.forward()
        qtbot.waitUntil(lambda: session.navigation.waiting or not session.is_playing, timeout=30_000)
        held.append(session.state.phase)
        assert session.step_count == 2
    assert held == [Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE]
    assert session.state.step == 2 and not session.is_playing


def test_phase_without_phase_by_phase_takes_a_whole_step(session):
    session.navigation.phase()
    assert session.step_count == 1 and session.state.step == 1


def test_latest_shows_the_latest_step(session):
    for _ in range(3):
        session.navigation.forward()
    session.navigation.show(1)
    assert session.state.step == 1
    session.navigation.latest()
    assert session.state.step == 3 and session.state.params.equals(session.params)


def test_continue_here_drops_the_later_steps_and_is_undoable(session):
    for _ in range(3):
        session.navigation.forward()
    session.navigation.back()
    session.navigation.continue_from(session.state.step)
    assert session.step_count == 2 and list(session.history.steps) == [0, 1, 2]
    session.navigation.forward()
    assert session.step_count == 3 and session.state.step == 3
    session.undo_stack.undo()
    assert session.step_count == 3 and list(session.history.steps) == [0, 1, 2, 3]
