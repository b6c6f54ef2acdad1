"""The legend's corner: the first with no point, line or mark under it, measured in the view's pixels."""

from __future__ import annotations

import numpy as np

from mlpviz.ui.plots.axis_range import pinned
from mlpviz.ui.plots.legend_place import Drawn, corner_box, covers

VIEW = (200.0, 100.0)  # pixels
X, Y = (0.0, 10.0), (0.0, 1.0)


def test_a_falling_curve_leaves_the_top_right_free_and_covers_the_top_left():
    curve = Drawn.curve(np.arange(1, 10), np.linspace(0.95, 0.05, 9))
    size = (80.0, 20.0)
    assert covers(corner_box("top-left", size, VIEW), curve, X, Y, VIEW)
    assert not covers(corner_box("top-right", size, VIEW), curve, X, Y, VIEW)


def test_a_line_between_two_points_counts_where_it_runs_under_the_box():
    line = Drawn.curve([0.0, 10.0], [0.9, 0.9])  # no point under the box, the line through it
    assert covers(corner_box("top-right", (40.0, 20.0), VIEW), line, X, Y, VIEW)


def test_a_dot_beside_the_box_counts_by_its_size():
    box = corner_box("top-right", (100.0, 30.0), VIEW)  # from x = 90 px, i.e. step 4.5
    near = Drawn.points([4.3], [0.85], 5.0)  # its centre 4 px left of the box, its dot reaching in
    assert covers(box, near, X, Y, VIEW)
    assert not covers(box, Drawn.points([3.0], [0.85], 5.0), X, Y, VIEW)


def test_a_refused_loss_far_above_the_kept_curve_is_pinned_inside_the_range():
    low, high, view = 0.70, 0.76, (0.69, 0.77)
    shown = pinned(np.array([3.1, 0.72, 0.5]), low, high, view)
    assert view[0] < shown[0] < view[1] and shown[1] == 0.72 and view[0] < shown[2] < low


def test_no_corner_free_makes_room_above_the_points_or_in_a_view_too_short_shows_no_legend(qtbot):
    from mlpviz.ui.plots.legend_place import LegendPlacer
    from mlpviz.ui.plots.plain_plot import plain_plot_widget

    widget = plain_plot_widget("step", "loss")
    qtbot.addWidget(widget)
    item = widget.getPlotItem()
    item.addLegend(offset=(-10, 10), colCount=2)
    item.plot([0, 10], [0.5, 0.5], name="train")
    placer = LegendPlacer(item)
    corners = [Drawn.points([0.3, 9.7, 0.3, 9.7], [0.05, 0.05, 0.95, 0.95], 5.0)]  # a point in every corner
    widget.resize(320, 90)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: 0 < item.vb.height() < 60, timeout=20_000)
    assert placer.place(X, Y, corners) == Y and not item.legend.isVisible()
    widget.resize(320, 400)
    qtbot.waitUntil(lambda: item.vb.height() > 300, timeout=20_000)
    low, high = placer.place(X, Y, corners)
    legend, view = item.legend.sceneBoundingRect(), item.vb.sceneBoundingRect()
    top_points = view.top() + (high - 0.95) / (high - low) * view.height()  # where the upper points are drawn
    assert item.legend.isVisible() and low == 0 and high > 1 and legend.bottom() < top_points - 5
