"""The README's minimal example of each style is the shipped example file, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlpviz.resources import resource_path

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("name", ["notebook_style.py", "nielsen_style.py", "params_style.py", "function_style.py"])
def test_the_readme_shows_the_example_file(name):
    code = resource_path(f"examples/{name}").read_text(encoding="utf-8").strip()
    readme = README.read_text(encoding="utf-8")
    body = code.split("\n\n\n", 1)[1]  # the README leaves out the imports
    assert body in readme, name
