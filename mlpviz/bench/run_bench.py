"""Run in the full main window beside the bare engine loop, on the same data: steps/s, their ratio,
pictures per second, and how long a click or key press could wait (event-loop gaps).

For each case the window (offscreen, ``--size``, Animate off) runs for ``--seconds``, while a
5 ms timer records the gaps between event-loop turns; then a bare loop of ``train_step``
over the same batch schedule runs as long. Rounds alternate the two so that both see the
same machine; the figures are medians over the rounds. ``--long`` adds an XOR Run of that
many seconds and reports how the process's memory (RSS) grew.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from mlpviz.i18n import msg, text

from .against import add_against_argument, alternate, both_builds, call_in, median_rows

TITLE = msg("Run in the full window beside the bare engine: steps/s, pictures/s, event-loop gaps, memory")
GAP_TIMER_MS = 5
GOALS = {"2-8-8-1 XOR": 0.8, "784-128-64-10 b64": 0.6}  # window steps/s over bare steps/s, at least (issue 29)
PICTURES_GOAL = 25.0  # pictures/s, at least
GAP_P99_GOALS_MS = {"2-8-8-1 XOR": 20.0, "784-128-64-10 b64": 25.0}  # the 99th percentile of the event-loop
GAP_P99_GOAL_MS = 30.0  # gaps, at most: for these two cases (issue 29), and for any other


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=float, default=3.0,
                        help=text(msg("seconds of each side per round (default 3)")))
    parser.add_argument("--repeat", type=int, default=3, help=text(msg("rounds; medians are reported (default 3)")))
    parser.add_argument("--size", default="1600x1000", help=text(msg("window size WxH (default 1600x1000)")))
    parser.add_argument("--presets", action="store_true", help=text(msg("also run every preset")))
    parser.add_argument("--thread", action="store_true",
                        help=text(msg("also run each case with training on the GUI thread (as where no worker process "
                                      "can start)")))
    parser.add_argument("--long", type=float, default=0.0, metavar="SECONDS",
                        help=text(msg("then run XOR this long and report the memory growth (default: skip)")))
    add_against_argument(parser)


def _cases(with_presets: bool):
    """``(name, build)`` pairs; ``build()`` gives ``(arch, dataset, config, params or None)``."""
    import numpy as np

    from mlpviz.app.presets import PRESETS
    from mlpviz.datasets import dataset_from_arrays, make_dataset
    from mlpviz.engine import Architecture
    from mlpviz.training.settings import TrainingConfig

    def xor():
        return (Architecture((2, 8, 8, 1), "tanh", "sigmoid", "bce"), make_dataset("xor", seed=0),
                TrainingConfig(init_method="xavier", learning_rate=0.5), None)

    def mnist_sized():
        rng = np.random.default_rng(0)
        x = rng.random((1024, 784))
        y = np.eye(10)[rng.integers(0, 10, 1024)]
        return (Architecture((784, 128, 64, 10), "relu", "softmax", "ce"), dataset_from_arrays("random 784", x, y),
                TrainingConfig(init_method="he", learning_rate=0.05, batch_size=64), None)

    cases = [("2-8-8-1 XOR", xor), ("784-128-64-10 b64", mnist_sized)]
    if with_presets:
        for key, preset in PRESETS.items():
            def build(preset=preset):
                setup = preset.build()
                return setup.arch, setup.dataset, setup.config, setup.params
            cases.append((f"preset {key}", build))
    return cases


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _percentile(values, q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))] if values else float("nan")


class _Window:
    """The main window set up for one case, and the measurement of one stretch of Run."""

    def __init__(self, app, size: tuple[int, int], case, run_apart: bool = True) -> None:
        import tempfile

        from PySide6.QtCore import QSettings, QTimer

        from mlpviz.app.session import Session
        from mlpviz.ui.app import freeze_startup_objects
        from mlpviz.ui.qt_imports import build_qt_names, unbuilt_qt_names
        from mlpviz.ui.main_window import MainWindow

        self.app = app
        self._tmp = tempfile.TemporaryDirectory()
        self.window = MainWindow(Session(run_apart=run_apart),
                                 settings=QSettings(os.path.join(self._tmp.name, "s.ini"), QSettings.IniFormat))
        self.window.resize(*size)
        self.window.show()
        session = self.window.session
        arch, dataset, config, params = case()
        session.set_animate(False)
        session.set_config(config)
        session.set_data(dataset, arch)
        if params is not None:
            session.set_network(arch, params)
        session.runs.prepare()  # as the app does once its window is up
        self.session = session
        self.pictures = 0
        session.state_changed.connect(self._on_state_changed)
        self.gaps: list[float] = []
        self.busy: list[float] = []
        self._last_tick = self._last_busy = 0.0
        self._gap_timer = QTimer(interval=GAP_TIMER_MS, timeout=self._on_gap_timer_timeout)
        self._wait(0.3)
        build_qt_names(unbuilt_qt_names())  # as the app does in the second after it starts,
        freeze_startup_objects()  # then this

    def _on_state_changed(self, _state) -> None:
        self.pictures += 1

    def _on_gap_timer_timeout(self) -> None:
        now, busy = time.perf_counter(), time.thread_time()
        self.gaps.append(now - self._last_tick)
        self.busy.append(busy - self._last_busy)  # the GUI thread's own work between the two ticks
        self._last_tick, self._last_busy = now, busy

    def _wait(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()

    def run_for(self, seconds: float) -> dict:
        from PySide6.QtCore import QEventLoop, QTimer

        session = self.session
        self.pictures, self.gaps, self.busy = 0, [], []
        step0 = session.step_count
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        self._last_tick, self._last_busy = time.perf_counter(), time.thread_time()
        self._gap_timer.start()
        t0 = time.perf_counter()
        cpu0 = time.process_time()
        session.run()
        worker = _worker_pid(session)
        ticks0 = _cpu_ticks(worker)
        loop.exec()
        paused = time.perf_counter()
        cpu, ticks = time.process_time() - cpu0, _cpu_ticks(worker) - ticks0
        session.pause()
        done = time.perf_counter()
        elapsed = paused - t0
        self._gap_timer.stop()
        gaps = self.gaps[1:] or [float("nan")]
        busy = self.busy[1:] or [float("nan")]
        return {"steps_per_s": (session.step_count - step0) / elapsed, "pictures_per_s": self.pictures / elapsed,
                "gap_median_ms": 1000 * statistics.median(gaps), "gap_p99_ms": 1000 * _percentile(gaps, 0.99),
                "gap_max_ms": 1000 * max(gaps), "pause_ms": 1000 * (done - paused),
                "diverged": session.trainer.divergence is not None, "window_cpu_share": cpu / elapsed,
                "busy_p99_ms": 1000 * _percentile(busy, 0.99),
                "worker_steps_per_cpu_s": (session.step_count - step0) / (ticks / _TICKS) if ticks > 0 else float("nan")}

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        self._tmp.cleanup()


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _worker_pid(session) -> int | None:
    """The Run worker's process id, if Run trains in one (a bench may look inside)."""
    worker = getattr(session.runs, "_worker", None)
    apart = getattr(worker, "_apart", None)
    return apart.pid if apart is not None and worker is session.runs._fast else None  # noqa: SLF001


def _cpu_ticks(pid: int | None) -> int:
    """CPU time (user + system, clock ticks) process ``pid`` has used; 0 where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError, TypeError):
        return 0


def _bare_engine(case, seconds: float) -> tuple[float, float]:
    """Steps/s of a loop of ``train_step`` over the same batch schedule, keeping nothing else, and its steps
    per CPU second (the machine's load does not change that one)."""
    from mlpviz.engine import train_step
    from mlpviz.training.trainer import Trainer

    arch, dataset, config, params = case()
    trainer = Trainer(arch, dataset, config, params)
    params = trainer.params
    batches = [trainer.batch(i) for i in range(16)]
    c = config
    velocity, n = None, 0
    t0, cpu0 = time.perf_counter(), time.thread_time()
    while time.perf_counter() - t0 < seconds:
        x, y = batches[n % len(batches)]
        record = train_step(arch, params, x, y, c.learning_rate, c.momentum, c.weight_decay, velocity)
        if not record.diverged:
            params, velocity = record.params_after, record.velocity
        n += 1
    return n / (time.perf_counter() - t0), n / max(time.thread_time() - cpu0, 1e-9)


def _application():
    """The QApplication as ``mlpviz`` makes it (offscreen unless a platform is set)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from mlpviz.ui.app import create_application

    from .qt_messages import quiet_size_hint_messages

    quiet_size_hint_messages()

    app = create_application()
    import pyqtgraph as pg  # after PySide6, as the app does

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return app


def measure(seconds: float, repeat: int, size: tuple[int, int], with_presets: bool,
            thread: bool = False) -> list[dict]:
    """One row per case and way of training (the worker process; with ``thread`` also the GUI thread),
    the ways and the bare engine alternating round by round."""
    app = _application()
    rows = []
    modes = (("worker", True), ("GUI thread", False)) if thread else (("worker", True),)
    for name, case in _cases(with_presets):
        windows = {mode: _Window(app, size, case, apart) for mode, apart in modes}
        rounds: dict[str, list[dict]] = {mode: [] for mode in windows}
        bare = []
        for _ in range(max(1, repeat)):
            for mode, window in windows.items():
                rounds[mode].append(window.run_for(seconds))
            bare.append(_bare_engine(case, seconds))
        for mode, window in windows.items():
            window.close()
            row = {"case": name, "mode": mode, "bare_steps_per_s": statistics.median(b for b, _ in bare),
                   "bare_steps_per_cpu_s": statistics.median(c for _, c in bare)}
            for key in rounds[mode][0]:
                values = [r[key] for r in rounds[mode]]
                row[key] = any(values) if key == "diverged" else statistics.median(values)
            row["ratio"] = row["steps_per_s"] / row["bare_steps_per_s"]
            row["cpu_ratio"] = row["worker_steps_per_cpu_s"] / row["bare_steps_per_cpu_s"]
            rows.append(row)
    return rows


def long_run_memory(seconds: float, size: tuple[int, int]) -> tuple[int, int, int, int, int]:
    """``(steps, RSS before, RSS after, history bytes, history budget)`` of an XOR Run of ``seconds`` in the window."""
    app = _application()
    window = _Window(app, size, _cases(False)[0][1])
    window.run_for(2.0)  # warm-up: first allocations and caches
    before = _rss_bytes()
    step0 = window.session.step_count
    window.run_for(seconds)
    after, steps = _rss_bytes(), window.session.step_count - step0
    history = window.session.trainer.history
    held, budget = history.nbytes, history.budget_bytes
    window.close()
    return steps, before, after, held, budget


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("run_bench", text)


def _mark(met: bool) -> str:
    """Whether a figure reached its goal, as the table says it (NaN, nothing measured: missed)."""
    return _tr("met") if met else _tr("missed")


def _goals_line() -> str:
    xor, large = GAP_P99_GOALS_MS.values()
    return _tr("goals: ratio as in the goal column; pictures/s ≥ {0:g}; gap p99 ≤ {1:g} ms (2-8-8-1 XOR), "
               "≤ {2:g} ms (784-128-64-10 b64), ≤ {3:g} ms (other cases)").format(
        PICTURES_GOAL, xor, large, GAP_P99_GOAL_MS)


def _print_table(rows: list[dict], with_build: bool) -> None:
    """The figures against their goals; with ``with_build`` a first column names the build of each row."""
    width = max([len(r.get("build", "")) for r in rows] + [5]) + 2 if with_build else 0
    print(f"{'build' if with_build else '':<{width}}{'case':<22}{'training in':<12}{'window steps/s':>15}"
          f"{'bare steps/s':>14}{'ratio':>7}{'goal':>7}{'':<7}{'pictures/s':>11}{'':<7}{'gap median':>11}"
          f"{'gap p99':>9}{'':<7}{'gap max':>9}{'Pause':>9}")
    for r in rows:
        goal = GOALS.get(r["case"])
        gap_goal = GAP_P99_GOALS_MS.get(r["case"], GAP_P99_GOAL_MS)
        ratio_mark = _mark(r["ratio"] >= goal) if goal else ""
        print(f"{r.get('build', '') if with_build else '':<{width}}"
              f"{r['case']:<22}{r['mode']:<12}{r['steps_per_s']:>15,.0f}{r['bare_steps_per_s']:>14,.0f}"
              f"{r['ratio']:>7.2f}{f'≥ {goal:g}' if goal else '':>7} {ratio_mark:<6}{r['pictures_per_s']:>11.1f}"
              f" {_mark(r['pictures_per_s'] >= PICTURES_GOAL):<6}{r['gap_median_ms']:>9.1f}ms{r['gap_p99_ms']:>7.1f}ms"
              f" {_mark(r['gap_p99_ms'] <= gap_goal):<6}{r['gap_max_ms']:>7.1f}ms{r['pause_ms']:>7.1f}ms"
              + ("  (diverged)" if r["diverged"] else ""))
        if with_build and "ratio_min" in r and "gap_p99_ms_min" in r:
            print(f"{'':<{width}}{'':<34}range{r['ratio_min']:>6.2f}–{r['ratio_max']:.2f}"
                  f"{'':<15}{r['pictures_per_s_min']:.1f}–{r['pictures_per_s_max']:.1f}"
                  f"{'':<17}{r['gap_p99_ms_min']:.1f}–{r['gap_p99_ms_max']:.1f}ms")


def _print_cpu_table(rows: list[dict], with_build: bool) -> None:
    """What the machine's load does not change: the window process's CPU (share of one core: drawing, reading
    the reports), the worker's steps per CPU second over the bare loop's (its cost of training a step), and
    the GUI thread's own CPU time between two ticks of the gap timer (the gap without the waits for a core)."""
    rows = [r for r in rows if "window_cpu_share" in r]
    if not rows:
        return
    width = max([len(r.get("build", "")) for r in rows] + [5]) + 2 if with_build else 0
    print("CPU, steadier than the wall-clock figures on a busy machine:")
    print(f"  {'build' if with_build else '':<{width}}{'case':<22}{'training in':<12}{'window process CPU':>19}"
          f"{'worker steps per CPU s ÷ bare':>31}{'GUI thread busy between ticks, p99':>36}")
    for r in rows:
        print(f"  {r.get('build', '') if with_build else '':<{width}}{r['case']:<22}{r['mode']:<12}"
              f"{r['window_cpu_share']:>18.0%} {r['cpu_ratio']:>30.2f}{r['busy_p99_ms']:>34.1f}ms")


def run(args: argparse.Namespace) -> int:
    from mlpviz.engine import MlpvizError

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise MlpvizError(f"--size must look like 1600x1000, got {args.size!r}") from None
    if args.seconds <= 0 or args.repeat < 1:
        raise MlpvizError("--seconds must be above 0 and --repeat at least 1")
    if args.against:
        builds = both_builds(args.against)
        kwargs = {"seconds": args.seconds, "repeat": 1, "size": [width, height], "with_presets": args.presets,
                  "thread": args.thread}
        warm_up = {**kwargs, "seconds": min(args.seconds, 0.5)}
        rounds = alternate(builds, args.repeat,
                           lambda build: call_in(build, "mlpviz.bench.run_bench", "measure", kwargs, warm_up))
        rows = [{**row, "build": name} for name, per_round in rounds.items() for row in median_rows(per_round)]
        order = list(dict.fromkeys((r["case"], r["mode"]) for r in rows))
        rows.sort(key=lambda r: order.index((r["case"], r["mode"])))  # stable: each case's builds in turn
        print(f"Run in a {width}x{height} window (Animate off) beside the bare engine; builds alternating, "
              f"each in fresh processes; medians of {args.repeat} round(s) of {args.seconds:g} s each")
    else:
        rows = measure(args.seconds, args.repeat, (width, height), args.presets, args.thread)
        print(f"Run in a {width}x{height} window (Animate off) beside the bare engine; medians of {args.repeat} "
              f"round(s) of {args.seconds:g} s each")
    _print_table(rows, with_build=bool(args.against))
    print(_goals_line())
    _print_cpu_table(rows, with_build=bool(args.against))
    if args.long > 0:
        steps, before, after, held, budget = long_run_memory(args.long, (width, height))
        print(f"long XOR Run: {steps:,} steps in {args.long:g} s; RSS {before / 2**20:.0f} MB -> "
              f"{after / 2**20:.0f} MB (grew {(after - before) / 2**20:+.1f} MB; the history holds "
              f"{held / 2**20:.0f} MB of its {budget / 2**20:.0f} MB budget)")
    return 0
