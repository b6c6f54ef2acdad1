"""Seconds from process start to the first painted main window (offscreen), median of a few launches.

Each launch is a fresh ``python`` process that builds the app as ``mlpviz`` does and prints
the wall-clock time of the canvas's first paint and its own CPU time until then; the parent counts
from just before spawning it. On a machine busy with other work the wall time is mostly waiting for
a core: the CPU time is the steadier figure to compare builds by.
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

from mlpviz.i18n import msg, text

from .against import add_against_argument, alternate, both_builds, call_in

TITLE = msg("seconds from process start to the first painted window (offscreen)")
GOAL_SECONDS = 0.7

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
            print(f"{time.time():.6f} {time.process_time():.6f}", flush=True)
            app.quit()
        return False

window = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat))
watcher = FirstPaint()
window.canvas.viewport().installEventFilter(watcher)
window.show()
app.exec()
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=5, help=text(msg("launches; the median is reported (default 5)")))
    add_against_argument(parser)


def launch_seconds(child: str = CHILD, env: dict | None = None, cwd=None) -> tuple[float, float]:
    """One launch of ``child`` (a build's own ``CHILD``, in its ``env``): seconds from just before spawning to
    the first paint of the canvas, and the launched process's CPU seconds until then."""
    env = dict(os.environ if env is None else env)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.time()
        out = subprocess.run([sys.executable, "-c", child, os.path.join(tmp, "s.ini")], env=env, cwd=cwd,
                             capture_output=True, text=True, timeout=60, check=True)
    painted, cpu = map(float, out.stdout.split()[-2:])
    return painted - start, cpu


def compile_bytecode(package=None) -> None:
    """Write the ``__pycache__`` of mlpviz (or of the ``package`` folder: another build's) quietly; a
    read-only install keeps what it has."""
    import compileall
    from pathlib import Path

    import mlpviz

    compileall.compile_dir(str(package or Path(mlpviz.__file__).parent), quiet=2)


def _side_by_side(folder: str, repeat: int) -> int:
    """Launches of the other build and this one alternating; a line of medians for each."""
    builds = both_builds(folder)
    children = {}
    for build in builds:
        compile_bytecode(build.root / "mlpviz")
        children[build.name] = call_in(build, "mlpviz.bench.startup_bench", "CHILD")  # each build's own launch
    launches = alternate(builds, repeat, lambda b: launch_seconds(children[b.name], b.env, b.root))
    print(f"first painted window, builds launched alternately, {repeat} launches each (goal ≤ {GOAL_SECONDS:g} s):")
    print(f"{'build':<20}{'wall median':>12}{'min':>7}{'max':>7}{'CPU median':>12}{'min':>7}{'max':>7}")
    for name, pairs in launches.items():
        wall, cpu = [w for w, _ in pairs], [c for _, c in pairs]
        print(f"{name:<20}{statistics.median(wall):>11.2f}s{min(wall):>6.2f}s{max(wall):>6.2f}s"
              f"{statistics.median(cpu):>11.2f}s{min(cpu):>6.2f}s{max(cpu):>6.2f}s")
    (old_name, old), (new_name, new) = launches.items()
    ratios = [n[1] / o[1] for o, n in zip(old, new)]
    print(f"CPU {new_name} ÷ {old_name}, launch by launch: median {statistics.median(ratios):.2f} "
          f"({min(ratios):.2f}–{max(ratios):.2f})")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.against:
        return _side_by_side(args.against, max(1, args.repeat))
    compile_bytecode()
    launches = [launch_seconds() for _ in range(max(1, args.repeat))]
    times = [wall for wall, _ in launches]
    median = statistics.median(times)
    print(f"first painted window: median {median:.2f} s over {len(times)} launches "
          f"(min {min(times):.2f}, max {max(times):.2f}; goal ≤ {GOAL_SECONDS:g} s); "
          f"CPU until then: median {statistics.median(cpu for _, cpu in launches):.2f} s")
    return 0
