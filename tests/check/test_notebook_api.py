"""``from mlpviz.check import check`` in a notebook: live objects of each style, Qt never imported, text and HTML."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from mlpviz.check import AGREES, check
from mlpviz.resources import resource_path


def _module(name):
    spec = importlib.util.spec_from_file_location(name, resource_path(f"examples/{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_live_network_of_each_style_agrees_and_is_not_changed():
    rng = np.random.default_rng(0)
    x, labels = rng.normal(size=(8, 2)), rng.integers(0, 2, 8)
    net = _module("notebook_style").Network([2, 4, 1])
    before = [w.copy() for w in net.weights]
    report = check(net, x, labels)
    assert report.verdict == AGREES, report.text()
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))  # the learner's object is copied
    assert check(_module("nielsen_style").Network([2, 4, 1]), x, labels, hidden="sigmoid").verdict == AGREES
    params_net = _module("params_style").TwoLayerNet(2, 5, 3)
    assert check(params_net, x, rng.integers(0, 3, 8), output="softmax").verdict == AGREES
    report = check(_module("function_style").step, x, rng.normal(size=8), sizes=(2, 3, 1), hidden="tanh", output="linear")
    assert report.verdict == AGREES, report.text()


def test_the_report_reads_as_text_html_and_json():
    rng = np.random.default_rng(0)
    net = _module("notebook_style").Network([2, 3, 1])
    report = check(net, rng.normal(size=(4, 2)), rng.integers(0, 2, 4))
    assert "verdict: agrees" in str(report)
    html = report._repr_html_()
    assert html.count("<tr>") == len(report.rows) + 1 and "<table>" in html
    data = json.loads(json.dumps(report.to_json()))
    assert set(data) == {"verdict", "first", "diagnosis", "conventions"}
    assert data["verdict"] == "agrees" and data["first"] is None


def test_check_never_imports_qt():
    code = (
        "import sys, numpy as np\n"
        "from mlpviz.check import check\n"
        "from mlpviz.resources import resource_path\n"
        "ns = {}\n"
        "exec(resource_path('examples/notebook_style.py').read_text(), ns)\n"
        "r = check(ns['Network']([2, 3, 1]), np.ones((3, 2)), np.array([0, 1, 1]))\n"
        "r._repr_html_()\n"
        "assert r.verdict == 'agrees', r.text()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip() == "[]"


def test_a_broken_learner_object_is_a_report_not_an_exception():
    class Network:
        weights = [np.zeros((2, 3)), np.zeros((3, 1))]
        biases = [np.zeros(3), np.zeros(1)]

        def forward(self, x):
            return x @ self.weights[0]

        def backward(self, x, y):
            raise RuntimeError("not written yet")

        def optimize(self, lr):
            pass

    report = check(Network(), np.ones((2, 2)), np.array([0, 1]))
    assert report.verdict == "could not run" and report.exit_code == 2
    assert "not written yet" in report.error


def test_a_network_storing_weights_fan_out_by_fan_in_is_read_transposed():
    from mlpviz.check.conventions import NAMES

    class Network:
        def __init__(self, sizes):
            self.weights = [np.zeros((j, i)) for i, j in zip(sizes[:-1], sizes[1:])]  # fan_out × fan_in
            self.biases = [np.zeros((j, 1)) for j in sizes[1:]]

        def forward(self, x):
            self.zs, self.activations = [], [x]
            for l, (w, b) in enumerate(zip(self.weights, self.biases)):
                z = self.activations[-1] @ w.T + b.T
                self.zs.append(z)
                self.activations.append(np.tanh(z) if l < len(self.weights) - 1 else 1 / (1 + np.exp(-z)))
            return self.activations[-1]

        def backward(self, x, y):
            delta = (self.forward(x) - y.reshape(-1, 1)) / len(x)
            self.dws, self.dbs = [None] * 2, [None] * 2
            for l in (1, 0):
                self.dws[l], self.dbs[l] = delta.T @ self.activations[l], delta.sum(axis=0).reshape(-1, 1)
                if l:
                    delta = (delta @ self.weights[l]) * (1 - self.activations[l] ** 2)

        def optimize(self, lr):
            self.weights = [w - lr * d for w, d in zip(self.weights, self.dws)]
            self.biases = [b - lr * d for b, d in zip(self.biases, self.dbs)]

    rng = np.random.default_rng(2)
    report = check(Network([3, 4, 1]), rng.normal(size=(5, 3)), rng.integers(0, 2, 5), hidden="tanh")
    assert report.verdict == AGREES, report.text()
    assert NAMES["layout"] in report.conventions
