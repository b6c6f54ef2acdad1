"""Comparing with another step colours the canvas edges and the table cells by w − w₀."""

from __future__ import annotations

import numpy as np

from mlpviz.app.selection import MEAN
from mlpviz.ui.canvas.frame_model import DIFFERENCE, WEIGHT, frame_of
from mlpviz.ui.tables.weight_table_model import RAW_ROLE, Show


def test_compare_with_an_earlier_step_shows_the_difference_everywhere(window):
    session = window.session
    session.step()
    first = session.params
    for _ in range(3):
        session.step()
    window.timeline.compare_with_step(1)

    state = session.state
    expected = session.params.minus(first)
    frame = frame_of(state, MEAN)
    assert frame.edge_kinds == (DIFFERENCE, DIFFERENCE)
    for drawn, want in zip(frame.edge_values, expected.weights):
        np.testing.assert_array_equal(drawn, want)
    assert "compared with step 1" in frame.title

    dock = window.weights_view
    assert dock.show is Show.DIFFERENCE
    model = dock.model_of(0)
    assert model.data(model.index(1, 2), RAW_ROLE) == expected.weights[0][1, 2]
    assert model.data(model.index(2, 0), RAW_ROLE) == expected.biases[0][0]  # the bias row

    window.timeline.stop_comparing()
    assert frame_of(session.state, MEAN).edge_kinds == (WEIGHT, WEIGHT)
    assert dock.show is Show.VALUE
    assert not dock.show_buttons[Show.DIFFERENCE].isEnabled()
