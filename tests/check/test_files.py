"""Learners' files run in their own process: the shipped examples, the seed notebook, and code that fails."""

from __future__ import annotations

import pytest

from mlpviz.check import AGREES, COULD_NOT_RUN, DIFFERS, check_file
from mlpviz.check.conventions import NAMES
from mlpviz.check.mistakes import MISTAKES
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.resources import resource_path
from mlpviz.training.fit import fit_targets

EXAMPLES = {
    "notebook_style.py": ((2, 4, 1), "relu", "sigmoid", "bce", "moons"),
    "nielsen_style.py": ((2, 4, 1), "sigmoid", "sigmoid", "bce", "moons"),
    "params_style.py": ((4, 6, 3), "relu", "softmax", "ce", "iris"),
    "function_style.py": ((2, 5, 1), "tanh", "linear", "mse", "moons"),
}


def _check(path, sizes=(2, 3, 1), hidden="relu", output="sigmoid", loss="bce", data="notebook", **kw):
    arch = Architecture(sizes, hidden, output, loss)
    dataset = make_dataset(data)
    return check_file(path, arch, dataset.x_train, fit_targets(dataset, arch), **kw)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_styles_example_agrees(name):
    sizes, hidden, output, loss, data = EXAMPLES[name]
    report = _check(resource_path(f"examples/{name}"), sizes, hidden, output, loss, data, steps=2)
    assert report.verdict == AGREES, report.text()
    assert {r.step for r in report.rows} == {1, 2}


def test_the_nielsen_example_is_read_in_its_transposed_layout():
    sizes, hidden, output, loss, data = EXAMPLES["nielsen_style.py"]
    report = _check(resource_path("examples/nielsen_style.py"), sizes, hidden, output, loss, data)
    assert NAMES["layout"] in report.conventions


def test_the_seed_notebook_as_shipped_differs_with_labels_ignored():
    report = _check(resource_path("examples/seed_notebook.txt"))
    assert report.verdict == DIFFERS and report.exit_code == 1
    found = [m for m, _ in report.diagnoses]
    assert "labels_ignored_delta" in found  # its δ_L is ŷ − 1
    assert "overwritten_in_place" in found  # its ReLU overwrites the z it stores
    assert report.first.quantity == "z" and report.first.yours == 0.0 and report.first.expected < 0
    assert MISTAKES["labels_ignored_delta"] in report.to_json()["diagnosis"]


def test_the_corrected_seed_notebook_agrees():
    report = _check(resource_path("examples/seed_notebook_corrected.txt"))
    assert report.verdict == AGREES, report.text()
    assert report.exit_code == 0


HANGS = "import numpy as np\n\ndef step(weights, biases, x, y, lr):\n    return {}\n\nwhile True:\n    pass\n"
CRASHES = "import os\n\ndef step(weights, biases, x, y, lr):\n    os.abort()\n"
RAISES = ("import numpy as np\n\nclass Network:\n    def __init__(self, sizes):\n        self.weights = None\n"
          "        self.biases = None\n\n    def forward(self, x):\n        return x @ self.weights[0]\n\n"
          "    def backward(self, x, y):\n        raise ValueError('shapes do not match')\n\n"
          "    def optimize(self, lr):\n        pass\n")
GREEDY = "import numpy as np\n\nhog = np.ones(2 ** 28)  # 2 GiB: over the 1 GiB limit, within most machines\n"
NO_OPTIMIZE = ("import numpy as np\n\nclass Network:\n    def __init__(self, sizes):\n        self.weights = []\n"
               "        self.biases = []\n\n    def forward(self, x):\n        return None\n\n"
               "    def backward(self, x, y):\n        self.dws = []\n")


def _file(tmp_path, text, name="learner.py"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_hanging_learner_is_stopped_at_the_time_limit(tmp_path):
    report = _check(_file(tmp_path, HANGS), timeout=2)
    assert report.verdict == COULD_NOT_RUN and report.exit_code == 2
    assert "did not finish within 2 s" in report.error


def test_a_crashing_learner_is_reported(tmp_path):
    report = _check(_file(tmp_path, CRASHES))
    assert report.verdict == COULD_NOT_RUN
    assert "crashed" in report.error and "SIGABRT" in report.error


def test_an_exception_is_reported_with_the_learners_file_and_line(tmp_path):
    path = _file(tmp_path, RAISES)
    report = _check(path)
    assert report.verdict == COULD_NOT_RUN
    assert f'File "{path}", line 12, in backward' in report.error
    assert "ValueError: shapes do not match" in report.error
    assert "mlpviz" not in report.error.replace(str(tmp_path), "")  # only the learner's frames


def test_a_learner_over_the_memory_limit_is_reported(tmp_path):
    report = _check(_file(tmp_path, GREEDY))
    assert report.verdict == COULD_NOT_RUN
    assert "MemoryError" in report.error


def test_a_missing_method_or_no_network_is_a_clear_report(tmp_path):
    report = _check(_file(tmp_path, NO_OPTIMIZE))
    assert report.verdict == COULD_NOT_RUN and "no optimize(lr)" in report.error
    report = _check(_file(tmp_path, "x = 1\n", "nothing.py"))
    assert report.verdict == COULD_NOT_RUN and "found no network" in report.error


def test_a_jupyter_notebook_file_is_run_cell_by_cell(tmp_path):
    import json

    code = resource_path("examples/notebook_style.py").read_text(encoding="utf-8")
    imports, body = code.split("\n\n\n", 1)
    cells = [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
              "source": ["%matplotlib inline\n", imports]},
             {"cell_type": "markdown", "metadata": {}, "source": ["The network"]},
             {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [], "source": body}]
    path = tmp_path / "homework.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    report = _check(path, (2, 4, 1), data="moons")
    assert report.verdict == AGREES, report.text()


def test_a_notebook_cell_that_fails_after_the_network_is_noted_and_the_network_checked(tmp_path):
    text = resource_path("examples/seed_notebook_corrected.txt").read_text(encoding="utf-8")
    path = _file(tmp_path, text + "\nIn [10]:\nload_mnist('train.gz')\n", "homework.txt")
    report = _check(path)
    assert report.verdict == AGREES
    assert "NameError" in report.notes[0] and "checked what was defined before it" in report.notes[0]


def test_a_learner_whose_memory_runs_out_inside_numpys_blas_is_told_of_the_limit(tmp_path):
    """A process that died when OpenBLAS could not get memory (a learner's list of arrays grew to the limit)."""
    from mlpviz.check.sandbox import CouldNotRun, _read_result

    with pytest.raises(CouldNotRun, match="ran out of its memory limit"):
        _read_result(tmp_path, 1, "OpenBLAS error: Memory allocation still failed after 10 retries, giving up.\n")
