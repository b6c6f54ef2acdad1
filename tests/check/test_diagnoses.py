"""Each common mistake, made in a learner's step function written for the test, is recognised and named."""

from __future__ import annotations

import pytest
from learner_sources import BROKEN, CONVENTIONS, load_step, step_source

from mlpviz.check import AGREES, DIFFERS, check
from mlpviz.check.conventions import NAMES
from mlpviz.check.mistakes import MISTAKES
from mlpviz.check.report import FOLLOWS


def _run(network: dict, edits, batch):
    net = dict(network)
    sizes = net.pop("sizes", (2, 4, 1))
    hidden = net.get("hidden", "relu")
    output = net.get("output", "sigmoid")
    loss = net.get("loss", "bce")
    x, y = batch(sizes, output)
    step = load_step(step_source(hidden, output, loss, edits))
    return check(step, x, y, sizes=sizes, hidden=hidden, output=output, loss=loss)


@pytest.mark.parametrize("network", [{}, {"hidden": "sigmoid"}, {"hidden": "tanh", "output": "linear", "loss": "mse"},
                                     {"output": "softmax", "loss": "ce", "sizes": (2, 5, 3)},
                                     {"sizes": (3, 4, 3, 2), "hidden": "tanh"}])
def test_the_correct_step_function_agrees(network, batch):
    report = _run(network, [], batch)
    assert report.verdict == AGREES, report.text()
    assert report.exit_code == 0
    assert report.diagnoses == ()
    quantities = {r.quantity for r in report.rows}
    assert quantities == {"z", "a", "loss", "delta", "grad_W", "grad_b", "W_after", "b_after"}


@pytest.mark.parametrize("mistake", sorted(BROKEN))
def test_each_mistake_is_recognised_and_named(mistake, batch):
    network, edits = BROKEN[mistake]
    report = _run(network, edits, batch)
    assert report.verdict == DIFFERS, report.text()
    assert report.exit_code == 1
    assert [m for m, _ in report.diagnoses] == [mistake], report.text()
    assert report.to_json()["diagnosis"] == [MISTAKES[mistake]]
    first = report.first
    assert first.diagnosis == mistake
    assert first.equation  # the equation with this step's numbers
    later = report.rows[report.rows.index(first) + 1:]
    assert all(r.status in (AGREES, FOLLOWS) for r in later), report.text()


@pytest.mark.parametrize("convention", sorted(CONVENTIONS))
def test_a_convention_is_named_and_not_a_bug(convention, batch):
    network, edits = CONVENTIONS[convention]
    report = _run(network, edits, batch)
    assert report.verdict == AGREES, report.text()
    assert NAMES[convention] in report.conventions


def test_the_first_difference_is_named_as_mlpviz_names_it(batch):
    network, edits = BROKEN["no_hidden_derivative"]
    report = _run(network, edits, batch)
    first = report.first
    assert (first.quantity, first.layer) == ("delta", 1)
    assert first.name.startswith("δ of h1.")
    assert report.to_json()["first"] == {"quantity": "delta", "layer": 1, "unit": first.unit,
                                         "yours": first.yours, "expected": first.expected}
    assert first.yours != pytest.approx(first.expected)
    grads = [r for r in report.rows if r.quantity == "grad_W" and r.layer == 1]
    assert grads[0].status == FOLLOWS and grads[0].name.startswith("∂C/∂w(x")


def test_an_unknown_difference_is_reported_without_a_guess(batch):
    report = _run({}, [("grad_b[l] = delta.sum(axis=0) / n", "grad_b[l] = delta.sum(axis=0) / n + 0.01")], batch)
    assert report.verdict == DIFFERS
    assert report.diagnoses == ()
    assert report.first.quantity == "grad_b"
    assert "none of the common mistakes" in report.text()
