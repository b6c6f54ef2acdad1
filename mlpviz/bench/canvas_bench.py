"""Milliseconds per canvas frame: a new state (new weights and values) drawn and painted, offscreen.

Each frame hands the canvas the next of two states with different parameters (so every
edge and node changes colour) and paints it synchronously at 1280×800; the figure is the
median over the frames. The big net is timed with the level of detail on and, for
reference, at full detail (as exported images are drawn).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from mlpviz.i18n import msg, text

TITLE = msg("milliseconds per network-canvas frame (update + paint, offscreen 1280x800)")

# (sizes, full detail)
CASES = (
    ((2, 3, 1), False),
    ((2, 8, 8, 8, 1), False),
    ((64, 32, 16, 10), False),
    ((100, 64, 50, 10), False),
    ((784, 128, 64, 10), False),
    ((784, 128, 64, 10), True),
)
GOALS_MS = {(64, 32, 16, 10): 8.0, (100, 64, 50, 10): 25.0, (784, 128, 64, 10): 30.0}
BATCH = 16


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--frames", type=int, default=60,
                        help=text(msg("frames per net; the median is reported (default 60)")))


def _states(sizes):
    """Two idle ViewStates of ``sizes`` with different parameters and batches."""
    import numpy as np

    from mlpviz.app.view_state import ViewState
    from mlpviz.engine import Architecture, init_params, train_step

    out = "sigmoid" if sizes[-1] == 1 else "softmax"
    arch = Architecture(sizes, "relu", out, "bce" if out == "sigmoid" else "ce")
    states = []
    for seed in (0, 1):
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(BATCH, sizes[0]))
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], BATCH)] if sizes[-1] > 1 else (x[:, :1] > 0) * 1.0
        rec = train_step(arch, init_params(arch, "normal", seed=seed), x, y, 0.1)
        states.append(ViewState(arch, rec.params_after, rec, step=1))
    return states


def measure(frames: int) -> list[dict]:
    """Median and 90th-percentile ms per frame for each case."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .qt_messages import quiet_size_hint_messages

    quiet_size_hint_messages()
    app = QApplication.instance() or QApplication([])
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from mlpviz.app.selection import Selection
    from mlpviz.ui.canvas.network_canvas import NetworkCanvas

    rows = []
    for sizes, full in CASES:
        states = _states(sizes)
        canvas = NetworkCanvas(states[0], Selection(), None)
        canvas.resize(1280, 800)
        canvas.show()
        canvas.set_full_detail(full)
        app.processEvents()
        times = []
        for i in range(frames + 3):
            t0 = time.perf_counter()
            canvas.set_state(states[i % 2])
            canvas.repaint()
            times.append(time.perf_counter() - t0)
        times = sorted(times[3:])
        rows.append({
            "sizes": sizes, "full_detail": full, "edges": canvas.edge_count, "drawn": canvas.drawn_edge_count,
            "median_ms": 1000 * statistics.median(times), "p90_ms": 1000 * times[int(0.9 * (len(times) - 1))],
        })
        canvas.close()
        canvas.deleteLater()
        app.processEvents()
    return rows


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine import format_sizes

    rows = measure(args.frames)
    print(f"{'network':<16}{'detail':>8}{'edges':>10}{'drawn':>9}{'median ms':>11}{'p90 ms':>9}{'goal':>8}")
    for r in rows:
        goal = GOALS_MS.get(r["sizes"]) if not r["full_detail"] else None
        print(f"{format_sizes(r['sizes']):<16}{'full' if r['full_detail'] or r['drawn'] == r['edges'] else 'LOD':>8}"
              f"{r['edges']:>10,}{r['drawn']:>9,}{r['median_ms']:>11.1f}{r['p90_ms']:>9.1f}"
              f"{f'< {goal:g}' if goal else '':>8}")
    return 0
