"""Milliseconds of GUI thread per picture of fast Run in the full main window, offscreen.

A picture is what fast Run (Animate off) shows about 30 times a second: the session
publishes a ``ViewState`` (every view's ``set_state``), the loss log and the history
change, and Qt paints what changed. The window (``--size``, the views told Run is on)
gets a new picture every 1/30 s, with the trainer taking ``--steps`` steps in between
(not timed); each picture's cost is the GUI thread's CPU time from the publish until the
next one: the views' updates, the paint, and the throttled views' later redraws. A 5 ms
timer records the gaps between event-loop turns from each publish on (the longest a click
waits behind a picture), as ``mlpviz bench run`` does; the bench's own training is not in them.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time

from mlpviz.i18n import msg, text

from .against import add_against_argument, alternate, both_builds, call_in, median_rows

TITLE = msg("milliseconds of GUI thread per full-window picture of fast Run (offscreen)")
GOALS_MS = {"2-8-8-1 XOR": 15.0, "784-128-64-10 b64": 25.0}
PICTURE_SECONDS = 1 / 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pictures", type=int, default=60, help=text(msg("pictures per case; medians are reported "
                                                                 "(default 60)")))
    parser.add_argument("--steps", type=int, default=20,
                        help=text(msg("training steps between two pictures (default 20)")))
    parser.add_argument("--size", default="1600x1000", help=text(msg("window size WxH (default 1600x1000)")))
    parser.add_argument("--repeat", type=int, default=1,
                        help=text(msg("with --against: rounds of each build, alternating; medians are reported "
                                      "(default 1)")))
    add_against_argument(parser)


def _percentile(values, q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))] if values else float("nan")


def measure_case(app, size: tuple[int, int], case, pictures: int, steps: int) -> dict:
    """Per-picture GUI-thread milliseconds (update, and update + paint) and the event-loop gaps."""
    from PySide6.QtCore import QEventLoop, QTimer

    from mlpviz.app.view_state import ViewState

    from .run_bench import GAP_TIMER_MS, _Window

    window = _Window(app, size, case, run_apart=False)  # the bench publishes; no worker process needed
    session = window.session
    running = dataclasses.replace(session.status, running=True, animate=False)
    session.status_changed.emit(running)  # the views as during Run: throttled, tables not re-fitted
    window._wait(0.2)
    trainer, updates, totals, gaps, busy = session.trainer, [], [], [], []
    last = [0.0, 0.0]

    def on_gap_timer():  # the bench's own training between pictures is not counted: see the loop
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append(now - last[0])
        busy.append(cpu - last[1])  # the GUI thread's own work between two ticks (no waits for a core)
        last[:] = [now, cpu]

    gap_timer = QTimer(interval=GAP_TIMER_MS, timeout=on_gap_timer)
    loop = QEventLoop()
    for i in range(pictures + 5):
        record = None
        for _ in range(steps):
            record = trainer.advance(measure_test=False)
        trainer.measure_test_loss()
        state = ViewState(session.arch, record.params_after, record, step=trainer.step)
        if i == 5:
            gap_timer.start()
        last[:] = [time.perf_counter(), time.thread_time()]  # a gap starts with the publish, as in Run
        t0 = time.thread_time()
        session._publish(state, force=True)  # noqa: SLF001 (exactly what Run publishes)
        t1 = time.thread_time()
        QTimer.singleShot(int(PICTURE_SECONDS * 1000), loop.quit)
        loop.exec()
        t2 = time.thread_time()
        if i >= 5:  # the first pictures fill caches
            updates.append(t1 - t0)
            totals.append(t2 - t0)
    gap_timer.stop()
    session.status_changed.emit(dataclasses.replace(running, running=False))
    window.close()
    gaps, busy = gaps or [float("nan")], busy or [float("nan")]
    return {"update_ms": 1000 * statistics.median(updates), "total_ms": 1000 * statistics.median(totals),
            "total_mean_ms": 1000 * statistics.fmean(totals), "total_p90_ms": 1000 * _percentile(totals, 0.9),
            "gap_p99_ms": 1000 * _percentile(gaps, 0.99), "gap_max_ms": 1000 * max(gaps),
            "busy_p99_ms": 1000 * _percentile(busy, 0.99)}


def measure(pictures: int, steps: int, size: tuple[int, int]) -> list[dict]:
    from .run_bench import _application, _cases

    app = _application()
    return [{"case": name, **measure_case(app, size, case, pictures, steps)} for name, case in _cases(False)]


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine import MlpvizError

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise MlpvizError(f"--size must look like 1600x1000, got {args.size!r}") from None
    if args.pictures < 1 or args.steps < 1 or args.repeat < 1:
        raise MlpvizError("--pictures, --steps and --repeat must be at least 1")
    size = (width, height)
    if args.against:
        builds = both_builds(args.against)
        kwargs = {"pictures": args.pictures, "steps": args.steps, "size": list(size)}
        rounds = alternate(builds, args.repeat, lambda build: call_in(build, "mlpviz.bench.picture_bench", "measure",
                                                                     kwargs))
        rows = [{**row, "build": name} for name, per_round in rounds.items() for row in median_rows(per_round)]
        order = list(dict.fromkeys(r["case"] for r in rows))
        rows.sort(key=lambda r: order.index(r["case"]))  # stable: each case's builds in turn
    else:
        rows = measure(args.pictures, args.steps, size)
    from .run_bench import _mark  # "met" or "missed": the median picture (+ paint) against its goal
    print(f"GUI-thread ms per picture in a {width}x{height} window (fast Run, Animate off), "
          f"{args.pictures} pictures of {args.steps} steps each"
          + (f"; builds alternating, medians of {args.repeat} round(s)" if args.against else ""))
    width = max([len(r.get("build", "")) for r in rows] + [5]) + 2 if args.against else 0
    print(f"{'build' if args.against else '':<{width}}{'case':<22}{'update':>8}{'+ paint':>9}{'mean':>7}{'p90':>7}"
          f"{'goal':>7}{'':<7}{'gap p99':>9}{'gap max':>9}{'busy p99':>10}")
    for r in rows:
        goal = GOALS_MS.get(r["case"])
        mark = _mark(r["total_ms"] <= goal) if goal else ""
        print(f"{r.get('build', ''):<{width}}{r['case']:<22}{r['update_ms']:>8.1f}{r['total_ms']:>9.1f}"
              f"{r['total_mean_ms']:>7.1f}{r['total_p90_ms']:>7.1f}{f'≤ {goal:g}' if goal else '':>7} {mark:<6}"
              f"{r['gap_p99_ms']:>7.1f}ms{r['gap_max_ms']:>7.1f}ms"
              + (f"{r['busy_p99_ms']:>8.1f}ms" if "busy_p99_ms" in r else ""))
    return 0
