"""The loss surface and the optimizers' steps: a 41×41 surface of the digits network on a batch of 256
(goal: at most 1 s), the window's event loop while the Landscape panel's jobs compute such surfaces on their
worker thread (goal: gaps at most 30 ms, p99), and each optimizer's step beside momentum-SGD's on the same
network (goal: at most 1.3×).
"""

from __future__ import annotations

import argparse
import statistics
import time

from mlpviz.i18n import msg, text

TITLE = msg("ms of a 41×41 loss surface (64-32-10, batch 256) and each optimizer's step beside momentum-SGD's")
SIZES, BATCH, GRID = (64, 32, 10), 256, 41
SURFACE_GOAL_S, STEP_GOAL, GAP_GOAL_MS = 1.0, 1.3, 30.0
GAP_TIMER_MS = 5  # the window's timer: the time between its turns is how long the event loop waited
RUNNERS = (("sgd", {"momentum": 0.9}, "momentum-SGD"), ("sgd", {}, "SGD"), ("sgd", {"momentum": 0.9, "nesterov": True},
           "Nesterov"), ("adam", {}, "Adam"), ("adamw", {}, "AdamW"), ("rmsprop", {}, "RMSProp"),
           ("adagrad", {}, "AdaGrad"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=5, help=text(msg("rounds; the median is reported (default 5)")))


def _problem():
    import numpy as np

    from mlpviz.engine import Architecture, init_params

    arch = Architecture(SIZES, "relu", "softmax", "ce")
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((BATCH, SIZES[0])), np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], BATCH)]
    return arch, init_params(arch, "he", 0), x, y


def surface_seconds(repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each surface (the CPU time is what an idle machine's wall time would be,
    as the BLAS runs one thread; on a busy machine the wall time also counts others' work)."""
    import numpy as np

    from mlpviz.training.landscape import loss_surface, random_plane

    arch, params, x, y = _problem()
    plane = random_plane(arch, params, seed=0)
    grid = np.linspace(-1.0, 1.0, GRID)
    loss_surface(arch, plane, x, y, grid[:3], grid[:3])  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        loss_surface(arch, plane, x, y, grid, grid)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def event_loop_gaps(surfaces: int) -> list[float]:
    """Seconds between the turns of a 5 ms timer while ``LandscapeJobs`` computes ``surfaces`` surfaces of the
    digits network (its picture: grid, contours, the 256 rows) one after another, as Follow the run does."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from mlpviz.app.landscape_jobs import LandscapeJobs, LandscapeSource
    from mlpviz.datasets import Dataset
    from mlpviz.training.settings import TrainingConfig

    app = QCoreApplication.instance() or QCoreApplication([])
    arch, params, x, y = _problem()
    dataset = Dataset("bench", x, y, x[:0], y[:0])
    source = LandscapeSource(arch, params, 0, dataset, y, TrainingConfig(), (0,), (params.flat,))
    jobs = LandscapeJobs(lambda: source)
    jobs.active, done, gaps, last = True, [], [], [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def next_surface(_picture=None) -> None:
        done.append(True)
        if len(done) > surfaces:
            app.quit()
        else:
            jobs.recompute()

    jobs.picture_ready.connect(next_surface)
    jobs.failed.connect(lambda text: (print(text), app.quit()))
    timer = QTimer(interval=GAP_TIMER_MS, timeout=tick)
    timer.start()
    QTimer.singleShot(0, jobs.recompute)
    app.exec()
    timer.stop()
    jobs.picture_ready.disconnect()  # its lambdas and closures go with it, before the application at exit
    jobs.failed.disconnect()
    return gaps


def step_seconds(repeat: int, steps: int = 100) -> dict[str, float]:
    """Median CPU seconds per step of each optimizer, measured in turn (interleaved) round by round (CPU time:
    on a machine busy with other work the wall time mostly measures the others)."""
    from mlpviz.engine import train_step
    from mlpviz.engine.optimizers import make_optimizer

    arch, params, x, y = _problem()
    times: dict[str, list[float]] = {label: [] for _, _, label in RUNNERS}
    chains = {label: (params, None) for _, _, label in RUNNERS}
    for r in range(repeat + 1):
        order = RUNNERS if r % 2 == 0 else RUNNERS[::-1]
        for name, settings, label in order:
            optimizer, (p, state) = make_optimizer(name, settings), chains[label]
            start = time.process_time()
            for _ in range(steps):
                record = train_step(arch, p, x, y, 0.01, optimizer=optimizer, state=state)
                p, state = record.params_after, record.state_after
            if r:  # round 0 warms up
                times[label].append((time.process_time() - start) / steps)
            chains[label] = (p, state)
    return {label: statistics.median(t) for label, t in times.items()}


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine import MlpvizError

    if args.repeat < 1:
        raise MlpvizError("--repeat must be at least 1")
    wall, cpu = (statistics.median(t) for t in surface_seconds(args.repeat))
    met = "met" if wall <= SURFACE_GOAL_S else "NOT met"
    print(f"loss surface {GRID}×{GRID} of {'-'.join(map(str, SIZES))} on a batch of {BATCH}: "
          f"{wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU (median of {args.repeat}; goal ≤ {SURFACE_GOAL_S:g} s "
          f"wall: {met})")
    gaps = sorted(event_loop_gaps(args.repeat))
    p99 = gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))] * 1000
    print(f"event-loop gaps while {args.repeat} such surfaces are computed apart: p99 {p99:.1f} ms, "
          f"longest {gaps[-1] * 1000:.1f} ms over {len(gaps)} turns (goal p99 ≤ {GAP_GOAL_MS:g} ms: "
          f"{'met' if p99 <= GAP_GOAL_MS else 'NOT met'})")
    steps = step_seconds(args.repeat)
    base = steps["momentum-SGD"]
    print(f"{'optimizer':<14}{'CPU ms/step':>12}{'× momentum-SGD':>16}")
    worst = 0.0
    for label, t in steps.items():
        worst = max(worst, t / base)
        print(f"{label:<14}{t * 1000:>12.3f}{t / base:>15.2f}×")
    print(f"slowest step {worst:.2f}× momentum-SGD's (goal ≤ {STEP_GOAL:g}×: {'met' if worst <= STEP_GOAL else 'NOT met'})")
    return 0
