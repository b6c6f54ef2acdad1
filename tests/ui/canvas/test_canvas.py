"""The network canvas widget: what it draws follows the session's state, picking and selection."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from mlpviz.app.selection import Selection, UnitRef, WeightRef
from mlpviz.app.view_state import ViewState
from mlpviz.engine import Architecture, forward, init_params
from mlpviz.ui.canvas import level_of_detail as lod
from mlpviz.ui.canvas.colormap import normalise
from mlpviz.ui.canvas.frame_model import WEIGHT
from mlpviz.ui.canvas.network_canvas import NetworkCanvas

from .. import views


def state_for(sizes, seed=0) -> ViewState:
    arch = Architecture(tuple(sizes), "relu", "sigmoid", "bce")
    params = init_params(arch, "normal", seed=seed)
    x = np.random.default_rng(seed).normal(size=(4, sizes[0]))
    return ViewState(arch, params, forward(arch, params, x, np.ones((4, sizes[-1]))))


@pytest.fixture
def canvas(qtbot, session):
    widget = views.canvas(session, Selection())
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_edges_hold_the_engine_weights_after_a_step(canvas, session):
    before = canvas.edges.values.copy()
    session.step()
    params = session.params
    scale = canvas.frame.scales[WEIGHT]
    expected = np.concatenate([normalise(w.ravel(), scale) for w in params.weights])
    assert np.array_equal(canvas.edges.values, expected)  # drawn data, in W's row-major order
    assert not np.array_equal(before, expected)
    for l, w in enumerate(params.weights):
        assert np.array_equal(canvas.drawn_edge_values(l), w)


def test_node_fill_follows_the_selected_sample(canvas, session):
    rec = session.state.record
    levels0 = canvas.nodes.levels.copy()
    canvas.selection.set_sample(3)
    assert np.array_equal(canvas.frame.node_values[0], rec.inputs[3])
    assert not np.array_equal(levels0, canvas.nodes.levels)


def test_architecture_change_rebuilds_nodes_and_edges(canvas, session):
    session.set_architecture(Architecture((2, 8, 8, 1), "relu", "sigmoid", "bce"))
    assert canvas.node_count == 19
    assert canvas.edge_count == canvas.drawn_edge_count == 2 * 8 + 8 * 8 + 8
    assert "hidden 2" in " ".join(t.textItem.toPlainText() for t in canvas._layer_titles)


def test_big_layers_draw_their_strongest_edges_and_say_so(qtbot):
    state = state_for((784, 128, 64, 10))
    canvas = NetworkCanvas(state, Selection(), None)
    qtbot.addWidget(canvas)
    assert canvas.node_count == 986
    assert canvas.edge_count == 784 * 128 + 128 * 64 + 64 * 10
    assert canvas.drawn_edge_count == 2 * lod.LAYER_EDGE_LIMIT + 640
    assert "strongest" in canvas.note.text
    w0 = np.abs(state.params.weights[0]).ravel()
    drawn = canvas._choices[0].indices
    assert np.abs(w0[drawn]).min() >= np.sort(w0)[-lod.LAYER_EDGE_LIMIT]
    canvas.set_full_detail(True)
    assert canvas.drawn_edge_count == canvas.edge_count
    canvas.set_state(state_for((2, 3, 1)))
    assert canvas.node_count == 6 and canvas.drawn_edge_count == 9


def test_clicking_picks_units_and_weights_and_highlights_them(canvas):
    layout = canvas.layout_model
    x, y = layout.positions[1][2]
    ref = canvas.item_at(x, y)
    assert ref == UnitRef(1, 2)
    canvas.selection.set_item(ref)
    assert len(canvas.marker.data) == 1
    # the middle of the edge x2 -> h1.3
    (x0, y0), (x1, y1) = layout.positions[0][1], layout.positions[1][2]
    ref = canvas.item_at((x0 + x1) / 2, (y0 + y1) / 2)
    assert ref == WeightRef(0, 1, 2)
    canvas.selection.set_item(ref)
    assert len(canvas.marker.data) == 0
    assert canvas.edges._highlight.tolist() == [1 * 3 + 2]
    assert canvas.item_at(layout.bounds[0], layout.bounds[1]) is None


def test_hover_text_names_the_numbers(canvas, session):
    session.step()
    text = canvas.tooltip_for(UnitRef(2, 0))
    assert "y1" in text and "z =" in text and "δ" in text and "bias" in text
    text = canvas.tooltip_for(WeightRef(1, 0, 0))
    assert "∂C/∂w" in text and "last change" in text


def test_values_are_printed_inside_nodes_of_a_small_net(canvas, session):
    session.step()
    rec = session.state.record
    texts = canvas.value_labels.texts
    assert len(texts) == 6
    assert texts[0] == f"{rec.inputs[0, 0]:.3f}"[: len(texts[0])] and all(texts)
    assert canvas.title.text.startswith("After step 1")
    # after a step the rings are the new biases, labelled so (z, a, δ are the step's, from the old ones)
    assert len(canvas.bias_labels.texts) == 4 and canvas.bias_labels.texts[0].startswith("b′ ")


def test_frames_per_second_counts_paints(canvas, session, qtbot):
    session.step()
    canvas.repaint()
    assert canvas.frames_per_second >= 1
    assert canvas.edges.paint_count >= 1


def test_digit_inputs_are_drawn_as_pictures_with_a_hidden_unit_s_weights(qtbot):
    from mlpviz.app.presets import apply_preset
    from mlpviz.app.selection import UnitRef
    from mlpviz.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.session.set_animate(False)
    canvas = window.canvas
    assert not canvas.pictures.visible  # 2 inputs: no picture
    apply_preset(window.session, "digits")
    assert canvas.pictures.visible and canvas.pictures.side == 8
    window.selection.set_sample(0)
    x = window.session.state.record.inputs[0].reshape(8, 8)
    grey = canvas.pictures.sample_image.image[::-1, :, 0].astype(float)
    np.testing.assert_allclose(grey, np.round(255 * (1 - x / max(1.0, x.max())) - 0.5), atol=1)
    assert "class " in canvas.pictures.sample_caption.textItem.toPlainText()
    assert "hover a unit" in canvas.pictures.weights_caption.textItem.toPlainText()
    window.selection.set_item(UnitRef(1, 4))
    w = window.session.params.weights[0][:, 4].reshape(8, 8)
    image = canvas.pictures.weights_image.image[::-1]
    assert canvas.pictures.weights_caption.textItem.toPlainText() == "weights into h1.5"
    assert (image[w > 0][:, 2] > image[w > 0][:, 0]).all()  # positive weights blue, negative orange
    assert (image[w < 0][:, 0] > image[w < 0][:, 2]).all()


def test_hovering_a_hidden_unit_shows_its_weights_as_a_picture(qtbot):
    from mlpviz.app.presets import apply_preset
    from mlpviz.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    apply_preset(window.session, "digits")
    canvas = window.canvas
    x, y = canvas.layout_model.positions[1][7]
    canvas._on_scene_mouse_moved(canvas.view.mapViewToScene(pg.Point(x, y)))
    assert canvas.pictures.weights_caption.textItem.toPlainText() == "weights into h1.8"
    x, y = canvas.layout_model.positions[2][0]  # an output: no picture of its weights
    canvas._on_scene_mouse_moved(canvas.view.mapViewToScene(pg.Point(x, y)))
    assert "hover a unit" in canvas.pictures.weights_caption.textItem.toPlainText()


def test_view_menu_colours_edges_by_their_step(window, qtbot):
    from mlpviz.engine import Params

    session = window.session
    session.set_config(session.config.with_(optimizer="adam", learning_rate=0.05))
    session.step()
    action = next(a for a in window.view_menu.actions() if a.text().replace("&", "") == "Colour edges by their step")
    weights = window.canvas.drawn_edge_values(0).copy()
    action.trigger()
    steps = Params.from_flat(session.trainer.last_record.effective_step(), session.arch.sizes).weights
    assert np.array_equal(window.canvas.drawn_edge_values(0), steps[0])
    assert set(window.canvas.frame.edge_kinds) == {"step"}  # and the legend says "edges: step"
    action.trigger()
    assert np.array_equal(window.canvas.drawn_edge_values(0), weights)
