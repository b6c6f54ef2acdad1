"""During Run (Animate off) the loss curve ends at the step shown, not elsewhere (fresh tester: status bar
step 2043, curve end ~1280; it caught up only after Pause)."""

from __future__ import annotations


def test_the_curve_ends_at_the_shown_step_after_each_picture_during_run(window, qtbot):
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    session, plot = window.session, window.loss_plot
    seen = []

    def check(state):  # last of the views a picture reaches (after the canvas's turn): the plot has it now
        if not session.runs.running or not state.shows_loss:
            return
        if plot.throttle.pending:
            plot.throttle.redraw_now()  # what the plot draws within a frame
        xs, _ys = plot.train_curve.getData()
        seen.append((state.shown_step, int(xs[-1])))

    window.picture_turns._rest.append(check)
    session.run()
    try:
        qtbot.waitUntil(lambda: len(seen) >= 6, timeout=30000)
    finally:
        session.pause()
    # not past the picture, nor a picture behind (the bug: 2043 shown, the curve ending near 1280): the losses of
    # the last few steps may still be due, a pixel's worth of the curve (CI's worker ran 30,000 steps a second:
    # 147,460 drawn at 147,564 shown, 104 steps, a third of a pixel of a 500-px plot)
    assert all(shown - max(20, shown / 500) <= last <= shown for shown, last in seen), seen
    assert int(plot.train_curve.getData()[0][-1]) >= seen[-1][0] - 20  # paused: the whole log
