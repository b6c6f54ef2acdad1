"""Fast Run on the GUI thread (no worker process): slow views get fewer pictures, training keeps its share."""

from __future__ import annotations

import time

from mlpviz.app.session import Session
from mlpviz.app.slice_run import DRAW_SHARE

SLOW_VIEW_SECONDS = 0.05


def test_a_slow_view_gets_fewer_pictures_and_training_goes_on(qtbot):
    session = Session(run_apart=False)  # Run on the GUI thread, where no worker process can start
    session.set_animate(False)
    pictures = []

    def slow_view(state) -> None:
        pictures.append(state.step)
        time.sleep(SLOW_VIEW_SECONDS)

    session.state_changed.connect(slow_view)
    session.run()
    start = time.perf_counter()
    qtbot.waitUntil(lambda: len(pictures) >= 6, timeout=30_000)
    session.pause()
    wall = time.perf_counter() - start
    during_run = pictures[:-1]  # the last one is Pause's
    # Each picture costs at least SLOW_VIEW_SECONDS and the budget grants DRAW_SHARE of the
    # time: an upper bound however busy the machine is (load only lowers the count).
    # Without the budget a picture followed every slice: about wall / 0.062 of them.
    bound = 2 + wall * DRAW_SHARE / (1 - DRAW_SHARE) / SLOW_VIEW_SECONDS
    assert 1 <= len(during_run) <= bound
    assert session.step_count > len(during_run)  # training went on between pictures
    assert pictures[-1] == session.step_count  # Pause shows the latest step


def test_pause_measures_the_test_loss_of_the_last_step(qtbot):
    from mlpviz.datasets import make_dataset
    from mlpviz.engine import Architecture

    session = Session()
    session.set_animate(False)
    session.set_data(make_dataset("moons", n_samples=60, seed=1), Architecture((2, 4, 1), "tanh", "sigmoid", "bce"))
    session.run()
    qtbot.waitUntil(lambda: session.step_count > 50, timeout=30_000)  # the worker on a busy machine
    session.pause()
    assert session.loss_log.test[-1] == session.loss_log.test[-1]  # measured, not NaN
