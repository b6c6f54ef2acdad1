"""A failing paint() draws nothing and is reported once; the process lives, the dialog shows, the session saves."""

from __future__ import annotations

import ast
import os
import pathlib
import subprocess
import sys

import pytest
UI = pathlib.Path(__file__).resolve().parents[3] / "mlpviz" / "ui"

_SCRIPT = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
import pyqtgraph as pg
from mlpviz.ui.canvas.edges_item import EdgesItem
from mlpviz.ui.crash_handler import CrashHandler
from mlpviz.ui.main_window import MainWindow
from PySide6.QtCore import QSettings

tmp = Path(sys.argv[1])
window = MainWindow(settings=QSettings(str(tmp / "s.ini"), QSettings.IniFormat))
handler = CrashHandler(None, None, log_path=tmp / "logs" / "mlpviz.log", recovery_dir=tmp / "recovery").install()
handler.attach(window.session, window)
window.show()
app.processEvents()

def broken(self, painter):
    raise ZeroDivisionError("paint bug")

if sys.argv[2] == "paint":
    EdgesItem._device_lines = broken
else:  # boundingRect
    from mlpviz.ui.canvas.labels_item import LabelsItem
    LabelsItem.pixelWidth = lambda self: 1 / 0
    window.canvas.value_labels.prepareGeometryChange()
for _ in range(3):
    window.canvas.edges.update()
    window.repaint()
    app.processEvents()
app.processEvents()
print("alive", handler.error_count, handler.dialog is not None and handler.dialog.isVisible(), flush=True)
"""


@pytest.mark.parametrize("where", ["paint", "boundingRect"])
def test_an_exception_in_paint_or_bounding_rect_is_contained_and_reported_once(tmp_path, where):
    script = tmp_path / "paint.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, str(script), str(tmp_path), where], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    alive, reported, dialog = run.stdout.split()
    assert alive == "alive" and dialog == "True"
    assert reported == ("1" if where == "paint" else "2")  # once each: boundingRect and paint both measure texts
    log = (tmp_path / "logs" / "mlpviz.log").read_text()
    assert log.count("ZeroDivisionError") >= 1
    assert list((tmp_path / "recovery").glob("recovery-*.npz"))  # the network was saved


def test_every_paint_override_in_the_ui_is_guarded():
    unguarded = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "paint":
                names = {d.id for d in node.decorator_list if isinstance(d, ast.Name)}
                if "guarded_paint" not in names:
                    unguarded.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert unguarded == []


def test_every_override_of_a_canvas_or_plot_item_is_guarded(qapp):
    """Any method of an mlpviz graphics item that Qt or pyqtgraph also defines (so may call) is guarded."""
    import importlib
    import pkgutil

    from PySide6.QtWidgets import QGraphicsItem

    import mlpviz.ui

    unguarded, seen = [], 0
    for info in pkgutil.walk_packages(mlpviz.ui.__path__, "mlpviz.ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (isinstance(cls, type) and cls.__module__ == info.name and issubclass(cls, QGraphicsItem)):
                continue
            bases = [b for b in cls.__mro__ if not b.__module__.startswith("mlpviz")]
            for name, fn in vars(cls).items():
                if callable(fn) and not name.startswith("__") and any(hasattr(b, name) for b in bases):
                    seen += 1
                    if not getattr(fn, "guarded", False):
                        unguarded.append(f"{cls.__name__}.{name}")
    assert seen >= 8 and unguarded == []
