"""The loss curve holds the session's loss log; the decision map holds the network's output on its grid."""

import numpy as np
import pytest

from mlpviz.app import files
from mlpviz.app.presets import apply_preset
from mlpviz.app.session import Session
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, forward
from mlpviz.ui.plots.class_colours import heat_rgb

from .. import views




def curve(item) -> tuple[np.ndarray, np.ndarray]:
    x, y = item.getData()
    return (np.array([]), np.array([])) if x is None else (x, y)


def test_loss_curve_is_the_loss_log(qtbot, session):
    session.set_data(make_dataset("xor", n_samples=40, test_fraction=0.25))
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    for _ in range(7):
        session.step()
    qtbot.waitUntil(lambda: len(curve(plot.train_curve)[0]) == 7, timeout=30_000)  # the redraw throttle's timer
    x, y = curve(plot.train_curve)
    np.testing.assert_array_equal(x, session.loss_log.steps)
    np.testing.assert_array_equal(y, session.loss_log.train)
    x, y = curve(plot.test_curve)
    np.testing.assert_array_equal(y, session.loss_log.test)
    assert np.isfinite(y).all()
    assert plot.cursor.value() == 7


def test_log_scale_and_diverged_steps(qtbot, session):
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    session.set_architecture(Architecture((2, 3, 1), "relu", "linear", "mse"))
    session.step()
    session.set_config(session.config.with_(learning_rate=1e6))
    for _ in range(200):
        session.step()
        if session.loss_log.diverged.any():
            break
    plot.throttle.redraw_now()
    log = session.loss_log
    assert log.diverged.any()
    x, _ = curve(plot.diverged_points)
    np.testing.assert_array_equal(x, log.steps[log.diverged])
    plot.set_log_scale(True)
    assert plot.getPlotItem().getAxis("left").logMode
    x, y = curve(plot.train_curve)
    np.testing.assert_array_equal(x, log.steps[~log.diverged])


def test_loss_curve_redraws_at_most_at_screen_rate(qtbot, session, monkeypatch):
    """50 steps in 50 ms (the throttle's clock is the test's: a busy machine's slow steps do not count)."""
    from types import SimpleNamespace

    from mlpviz.ui.widgets import redraw_throttle

    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    calls, now = [], [1000.0]
    monkeypatch.setattr(redraw_throttle, "time", SimpleNamespace(perf_counter=lambda: now[0]))
    monkeypatch.setattr(plot.throttle, "_redraw", lambda: calls.append(1))
    for _ in range(50):
        session.step()
        now[0] += 0.001
    assert len(calls) <= 2 and plot.throttle.pending
    qtbot.waitUntil(lambda: not plot.throttle.pending, timeout=30_000)


def test_decision_map_values_are_the_network_output_on_its_grid(qtbot, session):
    dmap = views.decision_map(session, resolution=16)
    qtbot.addWidget(dmap)
    session.step()
    dmap.throttle.redraw_now()
    xs, ys = dmap.xs, dmap.ys
    gx, gy = np.meshgrid(xs, ys)
    expected = forward(session.arch, session.params, np.column_stack([gx.ravel(), gy.ravel()])).activations[-1]
    np.testing.assert_array_equal(dmap.values, expected.reshape(16, 16, 1))
    np.testing.assert_array_equal(dmap.image.image, heat_rgb(dmap.values))
    rect = dmap.image.mapRectToParent(dmap.image.boundingRect())
    assert rect.left() == pytest.approx(dmap.x_range[0]) and rect.right() == pytest.approx(dmap.x_range[1])
    assert xs[0] - (xs[1] - xs[0]) / 2 == pytest.approx(dmap.x_range[0])


def test_decision_map_points_train_filled_test_hollow(qtbot, session):
    dmap = views.decision_map(session)
    qtbot.addWidget(dmap)
    data = make_dataset("moons", n_samples=50, test_fraction=0.2)
    session.set_data(data)
    x, y = dmap.train_points.getData()
    np.testing.assert_array_equal(np.column_stack([x, y]), data.x_train)
    x, y = dmap.test_points.getData()
    np.testing.assert_array_equal(np.column_stack([x, y]), data.x_test)


def test_decision_map_multi_class_colours_by_argmax(qtbot, session):
    apply_preset(session, "blobs")
    dmap = views.decision_map(session, resolution=8)
    qtbot.addWidget(dmap)
    assert dmap.values.shape == (8, 8, 3)
    np.testing.assert_allclose(dmap.values.sum(axis=-1), 1.0)
    assert dmap.image.image.shape == (8, 8, 3)


def test_decision_map_explains_itself_for_other_networks(qtbot, session, tmp_path):
    from mlpviz.datasets import dataset_from_arrays
    dmap = views.decision_map(session)
    qtbot.addWidget(dmap)
    data = dataset_from_arrays("three", np.eye(3), np.array([[0.0], [1.0], [1.0]]))
    arch = Architecture((3, 2, 1), "relu", "sigmoid", "bce")
    session.set_data(data, arch)
    assert not dmap.available and dmap.values is None
    assert dmap.stack.currentWidget() is dmap.explanation and "2 inputs" in dmap.explanation.text()
    session.set_data(make_dataset("xor"), Architecture((2, 3, 1), "relu", "sigmoid", "bce"))
    assert dmap.available and dmap.values is not None


def test_test_loss_measured_once_per_run_slice_still_draws_a_line(qtbot):
    session = Session()
    apply_preset(session, "xor")
    session.set_animate(False)
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    session.run()
    qtbot.waitUntil(lambda: np.isfinite(session.loss_log.test).sum() >= 3, timeout=30_000)  # Run's worker
    session.pause()
    plot.redraw()
    xs, ys = plot.test_curve.getData()
    measured = np.isfinite(session.loss_log.test)
    np.testing.assert_array_equal(xs, session.loss_log.steps[measured])
    np.testing.assert_array_equal(ys, session.loss_log.test[measured])
    assert np.isnan(session.loss_log.test).any()  # the gaps exist, yet the curve has no holes


def test_accuracy_is_a_toggle_of_the_loss_dock_for_classes(qtbot, session):
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    session.load_data(make_dataset("iris"))
    for _ in range(5):
        session.step()
    plot.redraw()
    assert plot.accuracy_check.isEnabled()
    plot.set_show_accuracy(True)
    x, y = curve(plot.train_curve)
    np.testing.assert_array_equal(x, session.loss_log.steps)
    np.testing.assert_allclose(y, 100 * session.loss_log.accuracy)
    _, y = curve(plot.test_curve)
    np.testing.assert_allclose(y, 100 * session.loss_log.test_accuracy)
    assert "%" in plot.last_label.text() and not plot.log_check.isEnabled()
    train, test = session.loss_log.latest_accuracy()
    assert train == session.trainer.accuracy()[0] and test == session.trainer.accuracy()[1]


def test_data_without_classes_has_no_accuracy(qtbot, session, tmp_path):
    path = tmp_path / "real.csv"
    path.write_text("x,y\n0,0.25\n1,1.5\n2,2.75\n")
    session.load_data(files.read_table(path))
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    session.step()
    plot.redraw()
    assert not plot.accuracy_check.isEnabled() and np.isnan(session.loss_log.latest_accuracy()).all()


def test_the_loss_curve_says_the_learning_rate_the_schedule_gave_the_step(qtbot):
    from mlpviz.app.session import Session
    from .. import views
    session = Session()
    session.set_animate(False)
    plot = views.loss_plot(session)
    qtbot.addWidget(plot)
    session.set_config(session.config.with_(learning_rate=0.2, schedule="exponential", gamma=0.5))
    for _ in range(3):
        session.step()
    plot.redraw()
    assert plot.last_label.text().endswith("learning rate η 0.05")  # 0.2·0.5² at the third step
    assert session.trainer.last_record.learning_rate == 0.05
