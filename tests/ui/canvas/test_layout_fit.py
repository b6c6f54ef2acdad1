"""Choosing a small network's layout for its numbers (``layout_fit``): rows apart or columns apart."""

from __future__ import annotations

import numpy as np

from mlpviz.ui.canvas.layout import layout_network
from mlpviz.ui.canvas.layout_fit import best_layout, number_room, text_needs

VIEW_1024 = (463.0, 411.0)  # the canvas's view box at 1024×768 with the side panels (issue 22)


def test_where_the_views_own_shape_cramps_the_numbers_the_chosen_layout_gives_them_more_room(qapp):
    """4-12-3 beside Iris's class names at 1024×768 (359 px left of them); 2-8-8-1 presenting on a narrow canvas."""
    for sizes, (w, h), needs in (((4, 12, 3), (359.0, 411.0), text_needs(16.0, "b′", 42.0)),
                                 ((2, 8, 8, 1), (473.0, 651.0), text_needs(24.0, "b′", 60.0))):
        natural = number_room(layout_network(sizes, w / h), w, h, needs)
        chosen = number_room(best_layout(sizes, w, h, needs), w, h, needs)
        assert chosen > natural + 0.05, (sizes, natural, chosen)


def test_a_network_whose_numbers_fit_anyway_keeps_the_views_shape(qapp):
    needs = text_needs(16.0, "b′", 42.0)
    w, h = 1200.0, 800.0
    chosen = best_layout((2, 2, 2), w, h, needs)
    assert chosen.bounds == layout_network((2, 2, 2), w / h).bounds


def test_the_room_grows_with_the_view_and_shrinks_with_the_digits(qapp):
    sizes = (4, 12, 3)
    small, large = text_needs(16.0, "b′", 42.0), text_needs(24.0, "b′", 60.0)
    rooms = [number_room(best_layout(sizes, w, h, small), w, h, small) for w, h in ((300, 250), (463, 411), (900, 800))]
    assert np.all(np.diff(rooms) >= 0) and rooms[0] < 1.0 and rooms[-1] == 1.0
    w, h = VIEW_1024
    assert number_room(best_layout(sizes, w, h, large), w, h, large) < number_room(best_layout(sizes, w, h, small), w, h, small)


def test_the_numbers_on_screen_when_narrower_than_the_sample_keep_the_views_shape(qapp):
    """2-2-2 presenting at 1024×768 beside ŷ and y: fitted to the sample's width, its rows were squashed and the
    bias labels sat on the next node's ring; its own numbers ("b 0.35") fit the view's own shape."""
    w, h = 493.0, 634.0
    sample = text_needs(24.0, "b′", 60.0)
    own = text_needs(24.0, "b′", 60.0, values=[0.05, 0.1, 0.593, 0.597, 0.751, 0.773], biases=[0.35, 0.35, 0.6, 0.6])
    assert own.gap_below < sample.gap_below
    assert best_layout((2, 2, 2), w, h, own).bounds == layout_network((2, 2, 2), w / h).bounds
    wider = text_needs(24.0, "b′", 60.0, values=[-0.00123456], biases=[-0.0123456])  # never more than the sample
    assert wider.gap_below <= sample.gap_below and wider.gap_left <= sample.gap_left
