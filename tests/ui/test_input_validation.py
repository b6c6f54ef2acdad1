"""Every field the user types into refuses bad values in place and says why; nothing is lost."""

from __future__ import annotations

import pytest

from mlpviz.training.settings import TrainingConfig
from mlpviz.engine import MlpvizError
from mlpviz.engine.architecture import MAX_PARAMETERS, MAX_UNITS_PER_LAYER


def test_a_network_over_five_million_parameters_is_refused_and_the_old_one_kept(window):
    session, panel = window.session, window.control_panel
    panel._layer_spins[0].setValue(MAX_UNITS_PER_LAYER)  # 2-4096-1: allowed
    assert session.arch.sizes == (2, MAX_UNITS_PER_LAYER, 1)
    session.step()
    arch, params, steps = session.arch, session.params, session.step_count

    panel.add_layer_button.click()  # 2-4096-4096-1: 16.8 million parameters
    assert session.arch == arch and session.params is params and session.step_count == steps
    assert f"over the limit of {MAX_PARAMETERS:,}" in window.statusBar().currentMessage()
    assert [s.value() for s in panel._layer_spins] == [MAX_UNITS_PER_LAYER]  # the panel snapped back


def test_layer_spin_boxes_cannot_go_past_the_unit_limit(window):
    spin = window.control_panel._layer_spins[0]
    assert (spin.minimum(), spin.maximum()) == (1, MAX_UNITS_PER_LAYER)
    assert str(MAX_UNITS_PER_LAYER) in spin.toolTip()


def test_every_value_the_training_spin_boxes_allow_is_a_valid_setting(window):
    panel = window.control_panel
    for spin, field in ((panel.lr_spin, "learning_rate"), (panel.momentum_spin, "momentum"),
                        (panel.decay_spin, "weight_decay"), (panel.batch_spin, "batch_size"),
                        (panel.seed_spin, "seed")):
        assert spin.toolTip()
        for value in (spin.minimum(), spin.maximum()):
            TrainingConfig(**{field: value})  # raises if the spin box allowed a bad value


@pytest.mark.parametrize("text", ["abc", "inf", "-inf", "nan", "1e999", ""])
def test_a_table_cell_refuses_what_is_not_a_finite_number(window, text):
    session = window.session
    model = window.weights_view.model_of(0)
    before = session.params
    index = model.index(0, 0)
    assert not model.setData(index, text)
    assert session.params is before
    message = window.statusBar().currentMessage()  # why, and that the cell keeps its value
    assert "stays" in message and any(why in message for why in ("not a number", "too large", "type a number"))


def test_an_edit_to_a_finite_number_is_applied(window):
    window.session.edit_weight(0, 0, 0, 0.25)
    assert window.session.params.weights[0][0, 0] == 0.25
    with pytest.raises(MlpvizError):
        window.session.edit_weight(0, 0, 0, float("nan"))
