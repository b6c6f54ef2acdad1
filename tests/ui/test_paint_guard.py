"""A failing paint() draws nothing and is reported once; the process lives, the dialog shows, the session saves."""

from __future__ import annotations

import ast
import os
import pathlib
import subprocess
import sys

UI = pathlib.Path(__file__).resolve().parents[2] / "mlpviz" / "ui"

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

EdgesItem._device_lines = broken
for _ in range(3):
    window.canvas.edges.update()
    window.repaint()
    app.processEvents()
app.processEvents()
print("alive", handler.error_count, handler.dialog is not None and handler.dialog.isVisible(), flush=True)
"""


def test_an_exception_in_paint_is_contained_and_reported_once(tmp_path):
    script = tmp_path / "paint.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["alive", "1", "True"]
    log = (tmp_path / "logs" / "mlpviz.log").read_text()
    assert log.count("ZeroDivisionError: paint bug") >= 1 and "paint bug" in log
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
