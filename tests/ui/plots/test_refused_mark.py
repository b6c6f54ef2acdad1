"""The loss panel after a refused step: the ✕ of the refused step is drawn inside the plot's range."""

from __future__ import annotations

from mlpviz.app.presets import apply_preset

from .. import views


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
