"""The loss panel after a refused step: the ✕ of the refused step is drawn inside the plot's range, and the curve
cut back to the kept step is not squashed by it, a far one pinned at the edge and named until the user steps on;
the header follows the steps trained after it. The y range fits the kept curve: a refused step's loss off it is
pinned at its edge, and named."""

from __future__ import annotations

import numpy as np

from mlpviz.app.presets import apply_preset

from .. import views
from ..controls.test_going_back import stopped_spiral


def named(plot) -> str:
    """The pinned ✕'s name, on one line (on two when the view is narrow)."""
    return plot.far_mark_label.toPlainText().replace("\n", " · ")


def test_the_refused_steps_cross_is_inside_the_plot_after_a_thrash(qtbot, session):
    apply_preset(session, "spiral")
    session.set_config(session.config.with_(learning_rate=2.5, momentum=0.5))  # swings at chance: refused ~step 500
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    for _ in range(2000):
        session.step()
        if session.trainer.divergence is not None:
            break
    assert session.trainer.divergence is not None
    plot.throttle.redraw_now()
    xs, ys = plot.diverged_points.getData()
    (x_low, x_high), (y_low, y_high) = plot.plot_widget.getPlotItem().viewRange()
    assert len(xs) == 1 and x_low <= xs[0] <= x_high and y_low <= ys[0] <= y_high, (xs, ys, y_low, y_high)


def test_after_the_stop_the_kept_curve_fills_the_panel_and_the_far_cross_is_named(qtbot, tmp_path, settle):
    """Presets ▸ spiral at η 2.5, μ 0.5, Run: refused at step 503, back to step 2. The range was 0-1000 (the
    curve two points at the left edge); now it fits the kept steps, the ✕ pinned at its edge and labelled."""
    window = stopped_spiral(qtbot, tmp_path)
    session, plot = window.session, window.loss_plot
    d = session.trainer.divergence
    settle()
    plot.throttle.redraw_now()
    (x_low, x_high), (y_low, y_high) = plot.plot_widget.getPlotItem().viewRange()
    assert x_low <= 0 and d.kept_step / (x_high - x_low) > 0.1, (x_low, x_high)  # not a sliver at the left
    xs, ys = plot.diverged_points.getData()
    assert len(xs) == 1 and d.kept_step < xs[0] <= x_high and y_low <= ys[0] <= y_high
    # the y range is the kept curve's (the refused loss, 3.1 over a curve of 0.7, flattened it), the ✕ pinned at its
    # top and its loss named
    log = session.loss_log
    refused = float(log.train[np.flatnonzero(log.steps == d.step)[0]])
    kept = session.loss_log.train[:d.kept_step]
    assert y_high < refused and (kept.max() - kept.min()) / (y_high - y_low) > 0.3, (y_low, y_high, kept)
    assert y_high - ys[0] < 0.25 * (y_high - y_low), (ys, y_low, y_high)  # at the top, whole (12 px)
    assert plot.far_mark_label.isVisible()
    assert named(plot) == f"refused step {d.step} → · loss {refused:.3g} ↑"
    assert plot.last_label.text().startswith(f"step {d.kept_step} · train loss")

    window.toolbar.step_action.trigger()  # one more Step: step 3
    qtbot.waitUntil(lambda: session.step_count == d.kept_step + 1, timeout=30_000)
    settle()
    plot.throttle.redraw_now()
    window._refresh_status()
    loss = session.loss_log.loss_at(d.kept_step + 1)
    assert np.isfinite(loss) and window.status_numbers.step_label.text() == f"step {d.kept_step + 1}"
    assert plot.last_label.text().startswith(f"step {d.kept_step + 1} · train loss {loss:.6g}")  # it said step 2
    train_x, _ = plot.train_curve.getData()
    assert list(train_x) == [1, 2, 3]
    # the ✕ was the news of the stop; stepped on from step 2, it is the last attempt's, left at step 503 out of view
    assert not plot.far_mark_label.isVisible()
    xs, _ = plot.diverged_points.getData()
    (x_low, x_high), _ = plot.plot_widget.getPlotItem().viewRange()
    assert (xs is None or len(xs) == 0) and x_high < d.step, (xs, x_high)
    assert session.loss_log.diverged.sum() == 1  # still in the log: the curve reaching it shows it at its step


def test_a_near_refused_step_widens_the_range_to_show_its_cross_where_it_is(qtbot, session):
    """The spiral at η 10, μ 0.9 is refused at step 19 and goes back to step 2: near, so drawn at its own step (its
    loss, off the kept curve, at the top of the range and named there)."""
    apply_preset(session, "spiral")
    session.set_config(session.config.with_(learning_rate=10.0))
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    while session.trainer.divergence is None:
        session.step()
    d = session.trainer.divergence
    plot.throttle.redraw_now()
    xs, ys = plot.diverged_points.getData()
    (x_low, x_high), (y_low, y_high) = plot.plot_widget.getPlotItem().viewRange()
    assert (d.kept_step, d.step) == (2, 19) and list(xs) == [19] and x_high >= 19  # not pinned
    log = session.loss_log
    refused, kept = float(log.train[log.steps == 19][0]), log.train[:2]
    assert refused > y_high > ys[0] > kept.max(), (refused, y_high, ys, kept)
    assert named(plot) == f"refused step 19 · loss {refused:.3g} ↑"
