"""The network fills the canvas, and its texts scale with it: a bigger canvas, wheel zoom, the text size."""

from __future__ import annotations

import pytest

from mlpviz.app.selection import Selection
from mlpviz.app.session import Session
from mlpviz.ui.canvas.layout import layout_network

from .. import views


def width_over_height(layout):
    x0, y0, x1, y1 = layout.bounds
    return (x1 - x0) / (y1 - y0)


def test_columns_spread_to_a_wide_view_and_close_up_in_a_tall_one():
    plain = layout_network((2, 3, 1))
    wide, tall = layout_network((2, 3, 1), aspect=2.5), layout_network((2, 3, 1), aspect=0.8)
    assert width_over_height(tall) < width_over_height(plain) < width_over_height(wide)
    assert width_over_height(wide) == pytest.approx(2.5, rel=0.05)
    assert layout_network((784, 128, 64, 10), aspect=3.0).sizes == (784, 128, 64, 10)


@pytest.fixture
def canvas(qtbot):
    session = Session()
    session.set_animate(False)
    session.step()
    widget = views.canvas(session, Selection())
    qtbot.addWidget(widget)
    widget.resize(700, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_node_values_and_layer_titles_grow_with_the_canvas_and_with_wheel_zoom(canvas, qtbot):
    small_values, small_titles = canvas.value_labels.font.pointSizeF(), canvas.layer_title_points
    canvas.resize(1400, 900)
    qtbot.waitUntil(lambda: canvas.value_labels.font.pointSizeF() > small_values * 1.4)
    assert canvas.layer_title_points > small_titles
    big_values = canvas.value_labels.font.pointSizeF()
    canvas.view.scaleBy((0.7, 0.7))  # what the wheel does: zoom in
    qtbot.waitUntil(lambda: canvas.value_labels.font.pointSizeF() > big_values)
    zoomed = canvas.value_labels.font.pointSizeF()
    canvas.set_text_scale(0.8)  # View ▸ Text size: smaller
    assert canvas.value_labels.font.pointSizeF() < zoomed
