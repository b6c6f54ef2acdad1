"""A step plays as forward -> loss -> backward -> update, and Step mid-play finishes it."""

from __future__ import annotations

from mlpviz.app.animation import phase_boundaries, step_segments
from mlpviz.app.session import Session
from mlpviz.app.view_state import Phase


def _phases(states):
    order = []
    for s in states:
        if not order or order[-1] is not s.phase:
            order.append(s.phase)
    return order


def test_segments_visit_layers_left_to_right_then_back():
    segs = step_segments(3)
    assert [(s.phase, s.layer) for s in segs] == [
        (Phase.FORWARD, 0), (Phase.FORWARD, 1), (Phase.FORWARD, 2), (Phase.LOSS, 3),
        (Phase.BACKWARD, 2), (Phase.BACKWARD, 1), (Phase.BACKWARD, 0), (Phase.UPDATE, 0),
    ]
    assert phase_boundaries(3) == [0, 3, 4, 7]


def test_animated_step_plays_phases_in_order(qapp, qtbot):
    session = Session()
    session.set_speed(20.0)
    states = []
    session.state_changed.connect(states.append)
    before = session.params
    session.step()
    qtbot.waitUntil(lambda: not session.is_playing, timeout=30_000)
    assert _phases(states) == [Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE]
    assert all(s.params is before for s in states if s.phase is not Phase.UPDATE)
    assert states[-1].params is session.params and states[-1].step == 1
    progress = [s.progress for s in states if s.phase is Phase.FORWARD and s.layer == 0]
    assert progress == sorted(progress)


def test_step_while_playing_finishes_the_step_and_starts_the_next(qapp, qtbot):
    session = Session()
    session.set_speed(0.1)
    session.step()
    assert session.is_playing
    states = []
    session.state_changed.connect(states.append)
    session.step()
    assert session.step_count == 2
    finished = [s for s in states if s.phase is Phase.UPDATE and s.progress == 1.0]
    assert finished and finished[0].step == 1
    assert session.is_playing  # the second step is now playing
    session.runs.stop_for_change()


def test_phase_by_phase_waits_at_each_phase(qapp, qtbot):
    session = Session()
    session.set_speed(20.0)
    session.set_phase_by_phase(True)
    states = []
    session.state_changed.connect(states.append)
    session.navigation.phase()
    seen = []
    for _ in range(4):
        qtbot.waitUntil(lambda: session.navigation.waiting or not session.is_playing, timeout=30_000)
        seen.append(states[-1].phase)
        session.navigation.phase()
    assert seen == [Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE]
