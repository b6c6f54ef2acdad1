"""ŷ and y beside the outputs of a network without class names are drawn whole inside the view (on 2-8-8-1
at 1366×768 they ran under the colour key)."""

from __future__ import annotations

import dataclasses

from mlpviz.app.selection import Selection
from mlpviz.app.view_state import Phase

from .. import views
from .test_canvas import state_for


def test_y_hat_and_y_beside_the_output_are_inside_the_view(qtbot, session):
    canvas = views.canvas(session, Selection())
    qtbot.addWidget(canvas)
    canvas.resize(800, 470)  # a canvas as wide as 1366×768 beside narrower panels: the colour key in a column on the right
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_state(dataclasses.replace(state_for((2, 8, 8, 1)), phase=Phase.LOSS))  # ŷ and y are shown
    qtbot.waitUntil(lambda: any("ŷ" in t for t in canvas.target_labels.texts))
    assert not canvas.legend.strip
    canvas.grab()  # paint: the labels record the boxes they drew
    view = canvas.mapFromScene(canvas.view.sceneBoundingRect()).boundingRect()
    painted = [box for text, box in canvas.target_labels.painted if "ŷ" in text]
    assert painted and all(view.contains(box.toAlignedRect()) for box in painted), (painted, view)
