"""Every view shows the numbers of the same moment, and follows a change of data or network at once."""

from __future__ import annotations


import numpy as np

from mlpviz.app.view_state import Phase
from mlpviz.datasets import make_dataset
from mlpviz.engine.explain import MEAN
from mlpviz.io.csv_data import write_csv

WAIT_MS = 30_000  # an animated phase or Run's worker on a busy machine: a bound, never a pace


def node_values(window, layer: int) -> np.ndarray:
    return window.canvas.frame.node_values[layer]


def forward_of(window):
    return window.session.trainer.forward_now()


def check_all_views_show_now(window, name: str) -> None:
    s = window.session
    expected = forward_of(window)
    sample = window.selection.sample
    pick = (lambda a: a.mean(0)) if sample == MEAN else (lambda a: a[sample])
    np.testing.assert_allclose(node_values(window, 1), pick(expected.activations[1]))
    assert np.isclose(s.state.record.loss, expected.loss)
    assert f"{expected.loss:.4g}" in window.canvas.title.text
    window.step_values_view.throttle.redraw_now()
    np.testing.assert_allclose(window.step_values_view.model._columns[1][2], pick(expected.activations[1]))
    assert name in window.data_panel.summary_label.text()
    assert name in window.dataset_chooser.current_label.text()  # the "Data set" panel names it too
    assert name in window.windowTitle()


def test_opening_a_csv_of_the_same_shape_refreshes_every_view(window, tmp_path):
    s = window.session
    for _ in range(2):
        s.step()
    d = make_dataset("moons", n_samples=5, test_fraction=0.0, seed=3)
    path = tmp_path / "other.csv"
    write_csv(path, d.x_train, d.y_train)
    assert window.data_opener.open(path)
    assert s.dataset.name != "notebook"
    check_all_views_show_now(window, s.dataset.name)


def test_choosing_a_built_in_data_set_refreshes_every_view(window):
    chooser = window.dataset_chooser
    chooser.name_box.setCurrentIndex(chooser.name_box.findData("xor"))
    assert chooser.apply()
    check_all_views_show_now(window, window.session.dataset.name)


def test_opening_a_snapshot_refreshes_every_view(window):
    s = window.session
    snap = s.trainer.snapshot()
    for _ in range(3):
        s.step()
    s.load_snapshot(snap)
    check_all_views_show_now(window, s.dataset.name)
    assert window.weights_view.models[0].value(0, 0) == snap.params.weights[0][0, 0]


def test_status_bar_and_loss_plot_keep_the_old_loss_during_the_forward_pass(window, qtbot):
    s = window.session
    s.step()
    old = s.loss_log.train[-1]
    s.set_animate(True)
    s.set_speed(100)
    s.set_phase_by_phase(True)
    s.navigation.phase()  # plays the forward pass and stops after it
    qtbot.waitUntil(lambda: s.state.phase is Phase.FORWARD and s.state.layer == 1 and s.state.progress >= 1.0,
                    timeout=WAIT_MS)
    assert s.state.phase is Phase.FORWARD
    window._refresh_status()
    new = s.trainer.last_record.loss
    assert new != old
    assert f"{old:.6g}" in window.loss_label.text() and f"{new:.6g}" not in window.loss_label.text()
    window.loss_plot.redraw()
    x, _ = window.loss_plot.train_curve.getData()
    assert list(x) == [1.0]  # the new step's loss is not drawn yet
    window.step_values_view.throttle.redraw_now()
    model = window.step_values_view.model
    assert "C =" not in model._titles[-1]  # nor in the step values
    s.navigation.phase()  # the loss phase: now it is known
    qtbot.waitUntil(lambda: s.state.phase is not Phase.FORWARD, timeout=WAIT_MS)
    assert s.state.phase is Phase.LOSS
    window._refresh_status()
    window.loss_plot.redraw()
    assert f"{new:.6g}" in window.loss_label.text()
    window.step_values_view.throttle.redraw_now()
    assert "C =" in window.step_values_view.model._titles[-1]
    assert list(window.loss_plot.train_curve.getData()[0]) == [1.0, 2.0]


def test_after_a_step_the_canvas_labels_the_updated_biases_and_z_is_what_its_numbers_give(window):
    s = window.session
    s.step()
    frame, rec = window.canvas.frame, s.trainer.last_record
    assert frame.parameters_updated
    np.testing.assert_array_equal(frame.biases[1], rec.params_after.biases[0])
    window.canvas._update_labels()
    assert all(t.startswith("b′") for t in window.canvas.bias_labels.texts if t)
    tip = window.canvas.tooltip_for(__import__("mlpviz.app.selection", fromlist=["UnitRef"]).UnitRef(1, 0))
    assert f"{rec.layer(1).b[0]:.6g}" in tip and f"{rec.params_after.biases[0][0]:.6g}" in tip
    # z = Σ a·w + b with the numbers the tooltip names "the bias that gave this z"
    z = rec.layer(1).z[0, 0]
    assert np.isclose(z, rec.inputs[0] @ rec.params.weights[0][:, 0] + rec.layer(1).b[0])
    # shown as it was before the step (the timeline): plain b, the record's own
    s.navigation.show(0)
    assert not window.canvas.frame.parameters_updated


def test_step_values_show_a_layer_only_once_the_forward_pass_reached_it(window, qtbot):
    s = window.session
    s.set_animate(True)
    s.set_speed(100)
    s.set_phase_by_phase(True)
    s.navigation.phase()
    assert s.state.phase is Phase.FORWARD and s.state.layer == 0 and s.state.progress == 0.0
    window.step_values_view.throttle.redraw_now()
    columns = window.step_values_view.model._columns
    assert columns[0][2] is not None  # the inputs are there from the start
    assert columns[-1][1] is None and columns[-1][2] is None  # the output's z and a are not yet


def test_the_formula_panels_gradient_sum_and_its_update_line_use_the_same_number(window, tmp_path):
    """A gradient that cancels out to about 1e-17: the sum of a·δ over the batch and the update
    w' = w − lr·∂C/∂w print one value (the recorded one), not two roundings of nothing."""
    import re

    from mlpviz.app.selection import WeightRef

    s = window.session
    path = tmp_path / "cancel.csv"  # x1 sums to 0 over the batch; x2 and y are the same for every sample
    write_csv(path, np.array([[0.7, 0.5], [0.1, 0.5], [-0.8, 0.5]]), np.ones((3, 1)))
    assert window.data_opener.open(path)
    for col in range(s.arch.sizes[1]):
        s.edit_weight(0, 0, col, 0.0)  # typed into the weights table: δ no longer depends on x1
    s.step()
    rec = s.trainer.last_record
    checked = 0
    for layer, w in enumerate(rec.params.weights):
        for row in range(-1, w.shape[0]):
            for col in range(w.shape[1]):
                window.selection.set_item(WeightRef(layer, row, col))
                window.formula_panel.refresh()
                text = window.formula_panel.text()
                summed = re.search(r"\)/\d+ = (\S+)", text).group(1)
                used = re.search(r"^[wb]'_\S+ = .* = \S+ − [^·]+·\(?([^ )]+)\)? = \S+$", text, re.M).group(1)
                assert summed == used, text
                checked += 1
    assert checked == sum(w.size + w.shape[1] for w in rec.params.weights)
    assert abs(rec.grad_weights[0][0]).max() < 1e-15  # (the case the test is about)


def test_a_step_picked_on_the_timeline_is_named_beside_its_own_loss(window, qtbot):
    s = window.session
    for _ in range(6):
        s.step()
    window.timeline.slider.setValue(3)  # dragged back to step 3
    qtbot.waitUntil(lambda: s.state.step == 3, timeout=WAIT_MS)
    window._refresh_status()
    loss3 = s.loss_log.loss_at(3)
    assert window.status_numbers.step_label.text() == "step 3 of 6"
    assert window.status_numbers.loss_label.text() == f"loss {loss3:.6g}"
    window.loss_plot.redraw()
    assert window.loss_plot.last_label.text().startswith(f"step 3 · train loss {loss3:.6g}")
    window.timeline.latest_button.click()
    qtbot.waitUntil(lambda: s.state.step == 6, timeout=WAIT_MS)
    window._refresh_status()
    window.loss_plot.redraw()
    assert window.status_numbers.step_label.text() == "step 6"
    assert window.loss_plot.last_label.text().startswith(f"step 6 · train loss {s.loss_log.loss_at(6):.6g}")


def test_after_a_divergence_the_loss_panel_names_the_step_the_network_went_back_to(window, qtbot):
    from mlpviz.app.presets import apply_preset

    s = window.session
    apply_preset(s, "spiral")
    window.control_panel.lr_spin.setValue(10.0)  # too large: refused at step 19, the network goes back to step 2
    with qtbot.waitSignal(s.diverged, timeout=WAIT_MS):
        s.run()
    qtbot.waitUntil(lambda: not s.runs.running, timeout=WAIT_MS)
    d = s.trainer.divergence
    assert s.step_count == d.kept_step < d.step
    window._refresh_status()
    window.loss_plot.redraw()
    kept = s.loss_log.loss_at(d.kept_step)
    assert window.status_numbers.step_label.text() == f"step {d.kept_step}"
    assert window.loss_plot.last_label.text().startswith(f"step {d.kept_step} · train loss {kept:.6g}")


def test_after_a_step_the_title_and_the_loss_panel_say_which_loss_they_show(window, qtbot):
    """The title of a step done shows the loss that step measured, named as the loss panel names it; the
    title of a forward pass on the next batch says it is the next step's train loss (two numbers for step 1)."""
    from mlpviz import i18n

    s = window.session
    window.toolbar.step_action.trigger()
    loss1 = s.loss_log.loss_at(1)
    window.loss_plot.redraw()
    assert window.canvas.title.text == f"After step 1: its train loss {loss1:.4g} (before the update)"
    assert window.loss_plot.last_label.text().startswith(f"step 1 · train loss {loss1:.6g}")
    window.toolbar.step_action.trigger()
    window.timeline.slider.setValue(1)  # back to step 1: its weights on step 2's batch
    qtbot.waitUntil(lambda: s.state.step == 1, timeout=WAIT_MS)
    loss2 = s.loss_log.loss_at(2)
    assert loss2 != loss1 and s.state.record.loss == loss2
    window.loss_plot.redraw()
    assert window.canvas.title.text == f"Step 1: loss {loss2:.4g} on the next batch (the train loss of step 2)"
    assert window.loss_plot.last_label.text().startswith(f"step 1 · train loss {loss1:.6g}")
    window.language.actions[i18n.CHINESE].trigger()  # View ▸ Language ▸ 简体中文
    try:
        window.loss_plot.redraw()
        assert window.canvas.title.text == f"第 1 步：下一批量上的损失 {loss2:.4g}（即第 2 步的训练损失）"
        assert window.loss_plot.last_label.text().startswith(f"第 1 步 · 训练损失 {loss1:.6g}")
        window.timeline.latest_button.click()
        window.toolbar.step_action.trigger()
        loss3 = s.loss_log.loss_at(3)
        window.loss_plot.redraw()
        assert window.canvas.title.text == f"第 3 步之后：该步的训练损失 {loss3:.4g}（更新之前）"
        assert window.loss_plot.last_label.text().startswith(f"第 3 步 · 训练损失 {loss3:.6g}")
    finally:
        window.language.actions[i18n.ENGLISH].trigger()
