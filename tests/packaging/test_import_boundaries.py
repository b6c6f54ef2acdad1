"""Dependencies point one way (ui -> app, teaching -> training -> io, datasets -> engine); below app, no Qt.

Walks the AST of every module, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "mlpviz"

_QT_FREE = ("PySide6", "shiboken6", "pyqtgraph", "mlpviz.app", "mlpviz.ui", "mlpviz.cli")
FORBIDDEN = {
    "engine": _QT_FREE + ("mlpviz.io", "mlpviz.datasets", "mlpviz.training"),
    "io": _QT_FREE + ("mlpviz.datasets", "mlpviz.training"),
    "datasets": _QT_FREE + ("mlpviz.io", "mlpviz.training"),
    "training": _QT_FREE,
    "teaching": _QT_FREE,
    "check": _QT_FREE,
    "document": _QT_FREE + ("mlpviz.check", "mlpviz.teaching"),
    "i18n": _QT_FREE + ("mlpviz.engine", "mlpviz.io", "mlpviz.datasets", "mlpviz.training", "mlpviz.teaching", "mlpviz.check", "mlpviz.document"),
    "app": ("PySide6.QtWidgets", "pyqtgraph", "mlpviz.ui", "mlpviz.cli"),
}


def imported_modules(path: pathlib.Path, root: pathlib.Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file at ``path`` under ``root``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # "from PySide6 import QtWidgets" names the submodule in the alias.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def violations(layer: str) -> list[str]:
    bad = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if module == banned or module.startswith(banned + "."):
                    bad.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    assert (PACKAGE / layer).is_dir()
    assert violations(layer) == []


def test_checker_sees_relative_and_nested_imports(tmp_path):
    """The walker resolves relative imports and finds imports inside functions."""
    fake = tmp_path / "mlpviz" / "engine"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text(
        "def f():\n    from PySide6 import QtCore\n\nfrom ..ui import canvas\nimport numpy\n"
    )
    found = {module: line for line, module in imported_modules(fake / "bad.py", tmp_path)}
    assert found["PySide6.QtCore"] == 2
    assert "mlpviz.ui" in found and "mlpviz.ui.canvas" in found
    assert "numpy" in found


def test_import_linter_contracts_hold():
    """The same rules as import-linter contracts in pyproject.toml (napari style)."""
    pytest.importorskip("importlinter")
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(PACKAGE.parent / "pyproject.toml"), no_cache=True) == 0
