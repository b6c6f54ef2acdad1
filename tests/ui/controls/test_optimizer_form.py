"""The optimizer and schedule fields: picked in the panel, checked by TrainingConfig's rules, used by Step."""

from __future__ import annotations

import pytest


from .. import views
from ..acting import type_into


@pytest.fixture
def panel(qtbot, session):
    widget = views.control_panel(session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_picking_adam_shows_its_fields_and_the_next_step_is_an_adam_step(panel, session):
    form = panel.optimizer_form
    assert form.spins["momentum"].isVisible() and not form.spins["beta1"].isVisible()
    form.optimizer_box.setCurrentIndex(form.optimizer_box.findData("adam"))
    assert session.config.optimizer == "adam" and session.config.eps is None
    assert form.spins["beta1"].isVisible() and form.spins["eps"].value() == 1e-8
    assert not form.spins["momentum"].isVisible() and not form.nesterov_box.isVisible()
    type_into(form.spins["beta2"], "0,99")
    assert session.config.beta2 == 0.99 and session.config.eps is None  # ε untouched: Adam's own
    session.step()
    record = session.trainer.last_record
    assert record.optimizer.name == "adam" and record.optimizer.beta2 == 0.99
    assert record.state_after.names == ("m", "v") and record.state_after.count == 1


def test_a_value_against_a_rule_is_refused_with_the_rules_message_and_nothing_changes(panel, session, qtbot):
    form = panel.optimizer_form
    form.optimizer_box.setCurrentIndex(form.optimizer_box.findData("adam"))
    before = session.config
    with qtbot.waitSignal(panel.problem) as said:
        type_into(form.spins["beta1"], "1")
    assert said.args[0] == "beta1 β₁ must be from 0 to below 1, got 1.0"  # as mlpviz train --beta1 1 says
    assert session.config == before and form.spins["beta1"].value() == 0.9


def test_nesterov_without_momentum_is_refused(panel, session, qtbot):
    with qtbot.waitSignal(panel.problem) as said:
        panel.optimizer_form.nesterov_box.setChecked(True)
    assert "Nesterov momentum needs a momentum above 0" in said.args[0]
    assert not session.config.nesterov and not panel.optimizer_form.nesterov_box.isChecked()


def test_a_schedule_is_picked_with_its_fields_and_steps_follow_it(panel, session):
    form = panel.optimizer_form
    assert not form.gamma_spin.isVisible()
    form.schedule_box.setCurrentIndex(form.schedule_box.findData("step"))
    assert form.gamma_spin.isVisible() and form.steps_spin.isVisible()
    type_into(form.steps_spin, "2")
    assert (session.config.schedule, session.config.schedule_steps, session.config.gamma) == ("step", 2, 0.5)
    rates = []
    for _ in range(5):
        session.step()
        rates.append(session.trainer.last_record.learning_rate)
    assert rates == [0.1, 0.1, 0.05, 0.05, 0.025]
