"""The control panel writes the user's choices to the session and follows the session back."""

from __future__ import annotations

import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import OUTPUT_ACTIVATIONS, Architecture

from .. import views


@pytest.fixture
def panel(qtbot, session):
    widget = views.control_panel(session)
    qtbot.addWidget(widget)
    return widget


def test_shows_the_default_network(panel):
    assert panel.input_label.text() == "2" and panel.output_spin.value() == 1
    assert [s.value() for s in panel._layer_spins] == [3]
    assert panel.hidden_box.currentText() == "relu"
    assert panel.lr_spin.value() == pytest.approx(0.1)
    assert panel.batch_spin.text() == "full batch"


def test_adding_a_layer_and_changing_units_rebuilds_the_network(panel, session, qtbot):
    with qtbot.waitSignal(session.network_rebuilt):
        panel.add_layer_button.click()
    assert session.arch.sizes == (2, 3, 3, 1)
    panel._layer_spins[1].setValue(7)
    assert session.arch.sizes == (2, 3, 7, 1)
    panel.remove_layer_button.click()
    assert session.arch.sizes == (2, 3, 1)
    assert len(panel._layer_spins) == 1


def test_softmax_output_switches_the_loss_and_says_so(panel, session, qtbot):
    session.set_data(make_dataset("blobs", n_classes=3), Architecture((2, 3, 3), "relu", "sigmoid", "bce"))
    with qtbot.waitSignal(panel.problem) as signal:
        panel.output_box.setCurrentText("softmax")
    assert session.arch.output_activation == "softmax"
    assert session.arch.loss == "ce"
    assert "ce" in signal.args[0]


@pytest.mark.parametrize("output", OUTPUT_ACTIVATIONS)
def test_every_output_can_be_picked_from_a_bce_network(panel, session, qtbot, output):
    """Picking any output activation gives a network with a loss that goes with it (tanh crashed: KeyError)."""
    sizes = (2, 3, 3) if output == "softmax" else (2, 3, 1)
    data = make_dataset("blobs", n_classes=3) if output == "softmax" else make_dataset("xor")
    session.set_data(data, Architecture(sizes, "relu", "sigmoid", "bce"))
    panel.output_box.setCurrentText(output)
    assert session.arch.output_activation == output
    assert session.arch.loss == {"sigmoid": "bce", "softmax": "ce"}.get(output, "mse")


def test_softmax_on_a_single_output_is_refused_and_says_why(panel, session, qtbot):
    problems = []
    panel.problem.connect(problems.append)
    panel.output_box.setCurrentText("softmax")
    assert (session.arch.output_activation, session.arch.loss) == ("sigmoid", "bce")
    assert "softmax cross-entropy needs one output per class" in problems[-1]
    assert panel.output_box.currentText() == "sigmoid"


def test_learning_rate_goes_to_the_session_without_reset(panel, session):
    session.step()
    panel.lr_spin.setValue(0.25)
    assert session.config.learning_rate == pytest.approx(0.25)
    assert session.step_count == 1


def test_a_layer_over_the_size_limit_is_refused_and_the_panel_snaps_back(panel, session, qtbot):
    before = session.arch
    with qtbot.waitSignal(panel.problem) as signal:
        panel._apply_arch((2, 5000, 1))
    assert "4096" in signal.args[0]
    assert session.arch == before
    assert [s.value() for s in panel._layer_spins] == [3]


def test_learning_rates_far_from_the_default_show_and_round_trip(panel, session):
    for rate in (3e-7, 0.0025, 0.5, 250.0, 1e6):
        session.set_config(session.config.with_(learning_rate=rate))
        assert panel.lr_spin.value() == rate
        assert panel.lr_spin.text() == f"{rate:g}"
    panel.momentum_spin.setValue(0.5)  # editing another field keeps the rate exactly
    assert session.config.learning_rate == 1e6 and session.config.momentum == 0.5


def test_typed_learning_rate_text_is_validated(panel):
    from PySide6.QtGui import QValidator

    spin = panel.lr_spin
    assert spin.validate("3e-4", 4)[0] == QValidator.Acceptable
    assert spin.validate("1e", 2)[0] == QValidator.Intermediate
    assert spin.validate("abc", 3)[0] == QValidator.Intermediate  # kept as typed, refused on Enter with a message
    assert spin.problem_with("abc") and "out of range" in spin.problem_with("0")
    assert spin.validate("0", 1)[0] != QValidator.Acceptable  # a rate must be above 0


def test_the_number_of_outputs_is_a_field(panel, session):
    session.load_data(make_dataset("xor"))
    panel.output_spin.setValue(2)  # one output per class
    assert session.arch.sizes[-1] == 2
    panel.output_box.setCurrentText("softmax")
    assert (session.arch.output_activation, session.arch.loss) == ("softmax", "ce")
    panel.output_spin.setValue(5)  # classes 0 and 1 are class indices of 5 softmax outputs (2..4 not shown)
    assert session.arch.sizes[-1] == 5 and session.arch.loss == "ce"
    session.load_data(make_dataset("iris"))
    assert session.arch.sizes[-1] == 3
    problems = []
    panel.problem.connect(problems.append)
    panel.output_spin.setValue(5)  # named classes (setosa …) are not indices of 5 outputs: refused, snaps back
    assert session.arch.sizes[-1] == 3 and panel.output_spin.value() == 3
    assert len(problems) == 1 and "5 output" in problems[0]
