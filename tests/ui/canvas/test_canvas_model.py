"""The canvas's pure parts: colour map, layout, level of detail and the frame of each phase."""

from __future__ import annotations

import numpy as np
import pytest

from mlpviz.app.animation import step_segments
from mlpviz.app.selection import MEAN
from mlpviz.app.view_state import Phase, ViewState
from mlpviz.engine import Architecture, forward, init_params, train_step
from mlpviz.ui.canvas import level_of_detail as lod
from mlpviz.ui.canvas.colormap import PALETTE_SIZE, palette_index, palette_rgb, value_to_rgb
from mlpviz.app.view_state import REVEAL_AT
from mlpviz.ui.canvas.frame_model import ACTIVATION, DELTA, GRADIENT, WEIGHT, frame_of
from mlpviz.ui.canvas.hover_text import edge_tooltip, fmt_value, node_tooltip
from mlpviz.ui.canvas.layout import edge_endpoints, layout_network


@pytest.fixture
def step_record():
    arch = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    params = init_params(arch, "normal", seed=0)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(5, 2))
    y = (rng.random((5, 1)) > 0.5).astype(float)
    return train_step(arch, params, x, y, learning_rate=0.5)


def state_at(rec, phase, layer=0, progress=1.0):
    params = rec.params_after if phase is Phase.IDLE else rec.params
    return ViewState(rec.arch, params, rec, phase, layer, progress, 1)


# --- colour map ----------------------------------------------------------------------------

def test_colour_map_is_symmetric_diverging_and_white_at_zero():
    rgb = value_to_rgb(np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), 1.0)
    assert rgb.shape == (5, 3) and rgb.dtype == np.uint8
    assert np.array_equal(rgb[0], rgb[1]) and np.array_equal(rgb[3], rgb[4])  # clipped at ±scale
    assert rgb[2].min() > 240  # near-white at zero
    assert rgb[3][2] > rgb[3][0]  # positive is blue
    assert rgb[1][0] > rgb[1][2]  # negative is orange
    assert value_to_rgb(0.5, 1.0).shape == (3,)  # a scalar gives one colour (tables use this)


def test_palette_levels_cover_the_scale_and_nan_is_neutral():
    idx = palette_index(np.array([-5.0, -1e-9, 1e-9, 5.0, np.nan]), 1.0)
    assert idx.tolist() == [0, PALETTE_SIZE // 2 - 1, PALETTE_SIZE // 2, PALETTE_SIZE - 1, PALETTE_SIZE // 2]
    assert palette_rgb().shape == (PALETTE_SIZE, 3)


# --- layout --------------------------------------------------------------------------------

@pytest.mark.parametrize("sizes", [(2, 3, 1), (2, 8, 8, 1), (64, 32, 16, 10), (784, 128, 64, 10)])
def test_layout_puts_layers_in_columns_without_overlap(sizes):
    layout = layout_network(sizes)
    assert layout.node_count == sum(sizes)
    assert np.all(np.diff(layout.column_x) > 0)  # input on the left
    x0, y0, x1, y1 = layout.bounds
    for l, pos in enumerate(layout.positions):
        assert pos.shape == (sizes[l], 2)
        assert np.all(pos[:, 0] == layout.column_x[l])
        if sizes[l] > 1:
            gaps = -np.diff(pos[:, 1])
            assert np.all(gaps >= layout.diameters[l] * 1.1)  # nodes do not touch
        assert pos[:, 1].min() > y0 and pos[:, 1].max() < y1
    assert layout.bounds[3] - layout.bounds[1] < 25  # tall layers squeezed to fit


def test_edge_endpoints_follow_the_weight_matrix_row_major():
    layout = layout_network((2, 3, 1))
    ends = edge_endpoints(layout, 0)
    assert ends.shape == (6, 4)
    # edge k = row * 3 + col goes from input row to hidden col
    assert np.allclose(ends[1 * 3 + 2, :2], layout.positions[0][1])
    assert np.allclose(ends[1 * 3 + 2, 2:], layout.positions[1][2])


# --- level of detail ---------------------------------------------------------------------------

def test_level_of_detail_keeps_the_strongest_edges_and_says_so():
    values = np.arange(-50, 50, dtype=float).reshape(10, 10)
    choice = lod.choose_edges(values, "|w|", limit=10)
    assert choice.drawn == 10 and choice.total == 100
    assert np.sort(np.abs(values.ravel()[choice.indices])).min() >= 45
    assert lod.choose_edges(values, "|w|", limit=None).indices is None
    text = lod.describe([choice], ["x → h1"])
    assert "10 of 100" in text and "|w|" in text
    assert lod.describe([lod.choose_edges(values, "|w|", limit=1000)], ["x → h1"]) == ""


# --- frames of the animated step ---------------------------------------------------------------

def test_idle_frame_shows_activations_and_weights_of_the_state(step_record):
    frame = frame_of(state_at(step_record, Phase.IDLE), 2)
    assert frame.node_kinds == (ACTIVATION,) * 3
    for l, values in enumerate(frame.node_values):
        assert np.array_equal(values, step_record.activations[l][2])
    for l, w in enumerate(frame.edge_values):
        assert np.array_equal(w, step_record.params_after.weights[l])
    assert frame.edge_kinds == (WEIGHT, WEIGHT) and frame.pulse is None
    assert "After step 1" in frame.title


def test_batch_mean_comes_from_the_engine(step_record):
    frame = frame_of(state_at(step_record, Phase.IDLE), MEAN)
    assert np.allclose(frame.node_values[1], step_record.activations[1].mean(axis=0))


def test_forward_reveals_layers_left_to_right_with_a_travelling_pulse(step_record):
    early = frame_of(state_at(step_record, Phase.FORWARD, layer=0, progress=0.2), 0)
    assert early.node_values[1] is None and early.node_values[2] is None
    assert early.pulse == (0, 0.2) and early.title == "Forward pass"
    late = frame_of(state_at(step_record, Phase.FORWARD, layer=0, progress=REVEAL_AT + 0.1), 0)
    assert np.array_equal(late.node_values[1], step_record.activations[1][0])
    assert late.node_values[2] is None


def test_loss_frame_shows_prediction_target_and_loss(step_record):
    frame = frame_of(state_at(step_record, Phase.LOSS, layer=2, progress=0.5), 1)
    assert frame.title == f"Loss: {step_record.loss:.4g}"
    assert np.array_equal(frame.targets, step_record.targets[1])
    assert np.array_equal(frame.outputs, step_record.outputs[1])


def test_backward_brings_deltas_and_gradients_right_to_left(step_record):
    frame = frame_of(state_at(step_record, Phase.BACKWARD, layer=1, progress=0.9), 0)
    assert frame.node_kinds[2] == DELTA and frame.node_kinds[1] == DELTA
    assert np.array_equal(frame.node_values[1], step_record.deltas[0][0])
    assert frame.edge_kinds == (WEIGHT, GRADIENT)
    assert np.array_equal(frame.edge_values[1], step_record.grad_weights[1])
    assert frame.pulse == (1, pytest.approx(0.1))  # travelling right to left
    before = frame_of(state_at(step_record, Phase.BACKWARD, layer=1, progress=0.1), 0)
    assert before.node_kinds[1] == ACTIVATION and before.edge_kinds == (WEIGHT, WEIGHT)


def test_update_interpolates_old_to_new_weights(step_record):
    old, new = step_record.params, step_record.params_after
    half = frame_of(state_at(step_record, Phase.UPDATE, progress=0.5), 0)
    assert np.allclose(half.edge_values[0], (old.weights[0] + new.weights[0]) / 2)
    assert np.allclose(half.biases[2], (old.biases[1] + new.biases[1]) / 2)
    done = frame_of(state_at(step_record, Phase.UPDATE, progress=1.0), 0)
    assert np.array_equal(done.edge_values[1], new.weights[1])


def test_every_segment_of_a_step_has_a_frame(step_record):
    titles = [frame_of(state_at(step_record, s.phase, s.layer, 0.5), 0).title
              for s in step_segments(step_record.arch.layer_count)]
    assert titles[0] == "Forward pass" and titles[-1] == "Update"
    assert titles[2].startswith("Loss:") and titles[3] == "Backward pass"


def test_forward_record_frame_has_no_deltas():
    arch = Architecture((2, 3, 1))
    params = init_params(arch, "normal", seed=0)
    rec = forward(arch, params, np.ones((4, 2)), np.ones((4, 1)))
    frame = frame_of(ViewState(arch, params, rec), 0)
    assert frame.node_kinds == (ACTIVATION,) * 3 and frame.title.startswith("Step 0")


# --- text --------------------------------------------------------------------------------------

def test_values_and_tooltips_read_the_record(step_record):
    assert fmt_value(0.45213) == "0.452" and fmt_value(-12.345) == "-12.35" and fmt_value(0) == "0"
    assert fmt_value(0.00056) == "0.00056" and fmt_value(-0.0062) == "-0.0062"  # 2 significant digits, not "0.001"
    state = state_at(step_record, Phase.IDLE)
    tip = node_tooltip(state, 0, 1, 2)
    assert "h1.3" in tip and f"{step_record.zs[0][0, 2]:.6g}" in tip and "δ" in tip
    assert f"{step_record.deltas[0][0, 2]:.6g}" in tip
    tip = edge_tooltip(state, 0, 1, 2)
    assert f"{step_record.grad_weights[0][1, 2]:.6g}" in tip
    assert f"{step_record.weight_change(0)[1, 2]:+.6g}" in tip


def test_edges_by_step_show_the_step_each_weight_took_after_a_step_only():
    from mlpviz.engine import Params
    from mlpviz.engine.optimizers import make_optimizer
    from mlpviz.ui.canvas.frame_model import STEP

    arch = Architecture((2, 3, 2), "tanh", "softmax", "ce")
    x, y = np.array([[0.5, -1.0], [1.0, 0.3]]), np.array([[1.0, 0.0], [0.0, 1.0]])
    rec = train_step(arch, init_params(arch, "normal", 2), x, y, 0.05, optimizer=make_optimizer("adam"))
    state = ViewState(arch, rec.params_after, rec)
    frame = frame_of(state, 0, edges_by_step=True)
    steps = Params.from_flat(rec.effective_step(), arch.sizes).weights
    assert frame.edge_kinds == (STEP, STEP)
    for drawn, step in zip(frame.edge_values, steps):
        assert np.array_equal(drawn, step)
    assert frame.scales[STEP] == pytest.approx(max(np.abs(s).max() for s in steps))
    assert frame_of(state, 0).edge_kinds == (WEIGHT, WEIGHT)  # the option off: the weights
    before = ViewState(arch, rec.params, forward(arch, rec.params, x, y))  # no step yet: the weights
    assert frame_of(before, 0, edges_by_step=True).edge_kinds == (WEIGHT, WEIGHT)
