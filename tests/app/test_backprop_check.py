"""The Check my backprop controller: reports from a worker thread, rows mapped to units and weights, bad inputs."""

from __future__ import annotations

import threading

from mlpviz.app.backprop_check import BackpropCheck, check_inputs, item_of, marked_items
from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.check import AGREES, COULD_NOT_RUN, DIFFERS, check_file
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, init_params
from mlpviz.resources import resource_path

ARCH = Architecture((2, 3, 1), "relu", "sigmoid", "bce")


def _no_check_running() -> bool:
    """The check's worker thread has ended. It holds the controller until then: had the test let go of the
    controller first, the thread would delete its Qt objects off their thread (an abort or a hang, seen under load)."""
    return not any(t.name == "mlpviz-check" for t in threading.enumerate())


def _inputs():
    return check_inputs(ARCH, init_params(ARCH, seed=0), make_dataset("notebook"), 0.1)


def test_a_report_arrives_from_the_worker_thread(qtbot):
    controller = BackpropCheck(_inputs)
    busy = []
    controller.busy_changed.connect(busy.append)
    with qtbot.waitSignal(controller.report_changed, timeout=60_000) as got:
        controller.check_file(str(resource_path("examples/seed_notebook_corrected.txt")))
    assert got.args[0].verdict == AGREES and controller.report is got.args[0]
    assert busy == [True, False] and not controller.busy
    controller.stop_watching()
    qtbot.waitUntil(_no_check_running, timeout=60_000)


def test_inputs_that_do_not_fit_are_a_report(qtbot, tmp_path):
    def wrong():
        return check_inputs(ARCH, init_params(ARCH, seed=0), make_dataset("iris"), 0.1)

    controller = BackpropCheck(wrong)
    with qtbot.waitSignal(controller.report_changed, timeout=60_000) as got:
        controller.check_file(str(resource_path("examples/seed_notebook.txt")))
    assert got.args[0].verdict == COULD_NOT_RUN and "input column" in got.args[0].error
    controller.stop_watching()


def test_rows_map_to_the_units_and_weights_they_are_about():
    inputs = _inputs()
    report = check_file(resource_path("examples/seed_notebook.txt"), inputs.arch, inputs.x, inputs.targets)
    assert report.verdict == DIFFERS
    rows = {(r.quantity, r.layer): r for r in report.rows}
    z = rows[("z", 1)]
    assert item_of(z) == UnitRef(1, z.index[1])
    grad = rows[("grad_W", 2)]
    assert item_of(grad) == WeightRef(1, grad.index[0], grad.index[1])
    bias = rows[("grad_b", 2)]
    assert item_of(bias) == WeightRef(1, -1, 0)
    marks = marked_items(report)
    assert UnitRef(1, z.index[1]) in marks
    assert WeightRef(1, grad.index[0], 0) in marks  # ∂C/∂w into y differs (labels ignored in δ_L)
    assert all(m.layer in (0, 1) for m in marks if isinstance(m, WeightRef))
    assert len(marks) == len(set(marks))
    assert marked_items(None) == []
