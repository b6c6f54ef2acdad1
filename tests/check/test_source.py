"""The learner's file as cells: .py, .ipynb, and a notebook saved as text (the seed's form)."""

from __future__ import annotations

import json

import pytest

from mlpviz.check.source import SourceError, read_cells
from mlpviz.resources import resource_path


def test_the_seed_notebook_text_gives_its_code_cells_without_the_printed_output():
    cells = read_cells(resource_path("examples/seed_notebook.txt"))
    assert [c.name.rsplit(", ", 1)[1] for c in cells] == ["In [1]", "In [2]", "In [8]", "In [9]"]
    assert "class Network(object):" in cells[2].code
    assert cells[3].code.strip() == "train()"  # the printed weights after it are output, not code
    for cell in cells:
        compile(cell.code, cell.name, "exec")


def test_a_jupyter_notebook_gives_its_code_cells_and_skips_magics(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": ["# title"]},
                    {"cell_type": "code", "execution_count": 3, "source": ["%matplotlib inline\n", "import numpy as np\n"]},
                    {"cell_type": "code", "execution_count": None, "source": "x = 1\n!ls"}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "hw.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    cells = read_cells(path)
    assert [c.name for c in cells] == [f"{path}, In [3]", f"{path}, cell 3"]
    assert "import numpy as np" in cells[0].code and "%matplotlib" not in cells[0].code
    assert "!ls" not in cells[1].code


def test_a_python_file_is_one_cell_and_a_broken_notebook_is_refused(tmp_path):
    py = tmp_path / "net.py"
    py.write_text("x = 1\n", encoding="utf-8")
    assert [c.code for c in read_cells(py)] == ["x = 1\n"]
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match="not a Jupyter notebook"):
        read_cells(bad)
