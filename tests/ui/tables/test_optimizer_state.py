"""The weight tables show each parameter's optimizer state and effective step, the engine's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from mlpviz.app.selection import Selection
from mlpviz.engine.params import layer_views
from mlpviz.ui.tables.weight_table_model import RAW_ROLE, Show

from .. import views
from .test_weights import table


@pytest.fixture
def dock(qtbot, session):
    widget = views.weights_dock(session, Selection())
    qtbot.addWidget(widget)
    widget.setVisible(True)
    return widget


def _settle(dock):
    dock.throttle.redraw_now() if dock.throttle.pending else None
    QApplication.processEvents()


def test_adams_m_v_and_step_are_in_the_tables(dock, session):
    session.set_config(session.config.with_(optimizer="adam", learning_rate=0.05))
    for _ in range(3):
        session.step()
    _settle(dock)
    rec = session.trainer.last_record
    assert dock.show_buttons[Show.STATE1].text() == "m" and dock.show_buttons[Show.STATE2].text() == "v"
    assert dock.show_buttons[Show.STATE1].isVisible() and dock.show_buttons[Show.STATE2].isVisible()
    for show, flat in ((Show.STATE1, rec.state_after["m"]), (Show.STATE2, rec.state_after["v"]),
                       (Show.STEP, rec.effective_step())):
        dock.show_buttons[show].click()
        weights, biases = layer_views(flat, rec.arch.sizes)
        for layer, model in enumerate(dock.models):
            w, b = table(model, RAW_ROLE)
            assert np.array_equal(w, weights[layer]) and np.array_equal(b, biases[layer])
    s, t = rec.state_after, 3
    expected = 0.05 * (s["m"] / (1 - 0.9**t)) / (np.sqrt(s["v"] / (1 - 0.999**t)) + 1e-8)
    w, _ = table(dock.models[0], RAW_ROLE)
    np.testing.assert_allclose(w, layer_views(expected, rec.arch.sizes)[0][0], rtol=1e-9)


def test_momentum_shows_one_state_and_plain_sgd_none(dock, session):
    session.set_config(session.config.with_(momentum=0.9))
    session.step()
    _settle(dock)
    assert dock.show_buttons[Show.STATE1].text() == "v" and not dock.show_buttons[Show.STATE2].isVisible()
    dock.show_buttons[Show.STATE1].click()
    w, b = table(dock.models[1], RAW_ROLE)
    v = layer_views(session.trainer.last_record.state_after["velocity"], session.arch.sizes)
    assert np.array_equal(w, v[0][1]) and np.array_equal(b, v[1][1])
    session.set_config(session.config.with_(momentum=0.0))
    session.step()
    _settle(dock)
    assert not dock.show_buttons[Show.STATE1].isVisible()
    assert dock.show is Show.VALUE  # the state view it showed is gone: back to w
