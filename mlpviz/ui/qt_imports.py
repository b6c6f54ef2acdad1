"""pyqtgraph imported for a quick start, without a start-up cost that mlpviz never uses.

pyqtgraph mirrors QtCore, QtGui and QtWidgets in ``pyqtgraph.Qt`` by copying every name of
PySide6's modules, which makes PySide6 build each lazily loaded class and enum (some 600)
at start-up. Here the mirrors are modules that look a name up in PySide6 when it is first
asked for, and the copy finds nothing to copy; pyqtgraph's own additions stay in its mirrors.
"""

from __future__ import annotations

import gc
import sys
import types

MIRRORED = ("QtCore", "QtGui", "QtWidgets")


def import_pyqtgraph() -> types.ModuleType:
    """pyqtgraph, bound to PySide6, with lazy mirrors of PySide6's modules (as imported before, if it was)."""
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    import importlib

    real = {name: importlib.import_module(f"PySide6.{name}") for name in MIRRORED}
    for name, module in real.items():
        sys.modules[f"pyqtgraph.Qt.{name}"] = _lazy_mirror(f"pyqtgraph.Qt.{name}", module)
    own_dir = {name: module.__dict__.get("__dir__") for name, module in real.items()}
    collecting = gc.isenabled()
    gc.disable()  # pyqtgraph's import makes thousands of long-lived objects: no collection walks them on the way
    try:
        for module in real.values():
            module.__dir__ = list  # what pyqtgraph's shim copies: nothing; its mirrors look names up instead
        import pyqtgraph
    finally:
        for name, module in real.items():
            if own_dir[name] is None:
                del module.__dir__
            else:
                module.__dir__ = own_dir[name]
        if collecting:
            gc.enable()
    return pyqtgraph


def _lazy_mirror(name: str, module: types.ModuleType) -> types.ModuleType:
    """A module whose names are ``module``'s, looked up when asked for; names set on it stay its own."""
    mirror = types.ModuleType(name, module.__doc__)

    def lookup(attribute: str):
        value = getattr(module, attribute)
        setattr(mirror, attribute, value)  # found in the mirror itself from now on: no lookup while drawing
        return value

    mirror.__getattr__ = lookup
    mirror.__dir__ = lambda: sorted(set(dir(module)) | set(mirror.__dict__))
    return mirror


def unbuilt_qt_names() -> list[tuple[types.ModuleType, str]]:
    """The names of QtCore, QtGui and QtWidgets that PySide6 has not built yet (it builds one when first asked)."""
    names = []
    for name in MIRRORED:
        module = sys.modules[f"PySide6.{name}"]
        built = module.__dict__
        names.extend((module, attribute) for attribute in dir(module) if attribute not in built)
    return names


def build_qt_names(names: list[tuple[types.ModuleType, str]]) -> None:
    """Have PySide6 build these names now (what pyqtgraph's copy did before the first picture)."""
    for module, attribute in names:
        getattr(module, attribute, None)
