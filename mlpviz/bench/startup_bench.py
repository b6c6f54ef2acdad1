"""Seconds from process start to the first painted main window (offscreen), median of a few launches.

Each launch is a fresh ``python`` process that builds the app as ``mlpviz`` does and prints
the wall-clock time of the canvas's first paint; the parent counts from just before spawning it.
mlpviz's bytecode is compiled first, as installing the wheel does: in a source checkout run with
``PYTHONDONTWRITEBYTECODE`` set, every launch would otherwise compile all of mlpviz again
(about 0.4 s on the development VM), which no installed copy does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TITLE = "seconds from process start to the first painted window (offscreen)"
GOAL_SECONDS = 0.8

CHILD = r"""
import sys, time
from mlpviz.ui.app import create_application, pause_garbage_collection
pause_garbage_collection()  # as run_gui does
app = create_application()
import pyqtgraph as pg
pg.setConfigOptions(antialias=True, background="w", foreground="k")
from PySide6.QtCore import QEvent, QObject, QSettings
from mlpviz.ui.main_window import MainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(f"{time.time():.6f}", flush=True)
            app.quit()
        return False

window = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat))
watcher = FirstPaint()
window.canvas.viewport().installEventFilter(watcher)
window.show()
app.exec()
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=5, help="launches; the median is reported (default 5)")


def launch_seconds() -> float:
    """One launch: seconds from just before spawning to the first paint of the canvas."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, os.path.join(tmp, "s.ini")], env=env,
                             capture_output=True, text=True, timeout=60, check=True)
    painted = float(out.stdout.split()[-1])
    return painted - start


def compile_bytecode() -> None:
    """Write mlpviz's ``__pycache__`` (quietly; a read-only install keeps what it has)."""
    import compileall
    from pathlib import Path

    import mlpviz

    compileall.compile_dir(str(Path(mlpviz.__file__).parent), quiet=2)


def run(args: argparse.Namespace) -> int:
    compile_bytecode()
    times = [launch_seconds() for _ in range(max(1, args.repeat))]
    median = statistics.median(times)
    print(f"first painted window: median {median:.2f} s over {len(times)} launches "
          f"(min {min(times):.2f}, max {max(times):.2f}; goal < {GOAL_SECONDS:g} s)")
    return 0
