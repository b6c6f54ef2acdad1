"""Choosing a small network's layout for its numbers (``layout_fit``): rows apart or columns apart."""

from __future__ import annotations

import numpy as np

from mlpviz.ui.canvas.layout import layout_network
from mlpviz.ui.canvas.layout_fit import best_layout, number_room, text_needs

VIEW_1024 = (463.0, 411.0)  # the canvas's view box at 1024×768 with the side panels (issue 22)


def test_where_the_views_own_shape_cramps_the_numbers_the_chosen_layout_gives_them_more_room(qapp):
    """4-12-3 beside Iris's class names at 1024×768 (359 px left of them)."""
    for sizes, (w, h), needs in (((4, 12, 3), (359.0, 411.0), text_needs(16.0, "b′", 42.0)),):
        natural = number_room(layout_network(sizes, w / h), w, h, needs)
        chosen = number_room(best_layout(sizes, w, h, needs), w, h, needs)
        assert chosen > natural + 0.04, (sizes, natural, chosen)  # (a twenty-fifth of a digit or more)


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
    own = text_needs(24.0, "b′", 60.0, values=[[0.05, 0.1], [0.593, 0.597], [0.751, 0.773]],
                     biases=[[0.35, 0.35], [0.6, 0.6]])
    assert best_layout((2, 2, 2), w, h, own).bounds == layout_network((2, 2, 2), w / h).bounds


def test_twelve_rows_beside_the_panels_fit_their_bias_labels_bare_under_one_name(qapp):
    """4-12-3 at 1024×768: "b′ -0.0062" beside each node is drawn at 14 px at best, "-0.0062" under one "b′" whole."""
    from dataclasses import replace

    from mlpviz.ui.canvas.layout_fit import BARE_WORTH

    sizes, (w, h) = (4, 12, 3), (359.0, 411.0)
    needs = text_needs(16.0, "b′", 42.0)
    named = replace(needs, bare=False)  # the labels named one by one only
    named_room = number_room(best_layout(sizes, w, h, named), w, h, named)
    bare_room = number_room(best_layout(sizes, w, h, needs), w, h, needs)
    assert named_room < 0.9 and bare_room == BARE_WORTH, (named_room, bare_room)  # bare: whole (16 px), named: 14


def test_biases_still_all_zero_leave_the_layout_to_the_sample(qapp):
    """Before the first step every bias is 0 ("b 0"): a layout fitted to them cramped the biases of every step after."""
    values = [[0.5, -0.25], [0.75]]
    assert text_needs(16.0, "b", 42.0, values, [[0.0]]) == text_needs(16.0, "b", 42.0, values, [[-0.0062]])
    assert text_needs(16.0, "b", 42.0, values, [[0.35]]).biases == ((0.35,),)
