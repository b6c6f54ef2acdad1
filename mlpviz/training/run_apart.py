"""Run in another process: the same Trainer, stepping on a core of its own, reporting back.

On one thread a window's pictures and the training compete: each picture costs the steps
not taken meanwhile. A small step is almost all Python, so a thread would fight for the
GIL; a process does not. ``RunApart`` sends a copy of the trainer (``detached``) to
a worker process, which takes steps (``loop.take_steps``, the loop Step and the command line use)
until told to stop, the run diverges, or the last countable step is reached. Whenever asked for one, it sends a ``RunReport``: the
latest StepRecord (immutable; its arrays copied through shared memory, `report_channel.py`) and the loss log's entries since the last
report; the final report also carries the whole state (``RunEnd``), and
``follow`` brings the caller's trainer up to it. The rules stay the Trainer's: the
worker only calls it. As with any multiprocessing, a script of your own that runs the app's
Session needs the ``if __name__ == "__main__":`` guard (the worker imports the main module).
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import multiprocessing
import os
import queue
import signal
import threading
import time
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Callable

from mlpviz.engine.optimizers import OptimizerState
from mlpviz.engine import MlpvizError, Params, StepRecord
from mlpviz.engine.blas import limit_blas_threads
from mlpviz.io import Snapshot

from .divergence import Divergence, DivergenceGuard
from .history import History
from .loop import DIVERGED, take_steps
from .loss_log import LossEntries, LossLog
from .measures import accuracy_steps
from .report_channel import ReportReader, ReportSender
from .trainer import Trainer

LOOK_SECONDS = 0.002  # the worker looks for a request at least this often (between steps)
REPORT_HISTORY_BYTES = 1 << 20  # parameters of past steps a report carries at most: every step of a
# small network, evenly fewer of a large one (a 784-128-64-10 step is 870 kB), so that neither the
# reports nor Pause ever carry more than a frame's worth
STOP_SECONDS = 1.5  # Pause and Quit wait this long for the worker's last report; then it is ended
STOPPED = "stopped"  # the caller asked it to stop (DIVERGED and LAST_STEP: loop.py)


class WorkerLost(MlpvizError):
    """The worker process ended, or stopped answering and was ended; ``reports``: those it sent before."""

    def __init__(self, message: str, reports=()) -> None:
        super().__init__(message)
        self.reports = list(reports)


@dataclass(frozen=True)
class RunEnd:
    """The whole state a run apart ended in (``reason``: STOPPED, DIVERGED or LAST_STEP); ``refused``: the step
    refused (DIVERGED), while ``last_record`` is the kept step's the run went back to."""

    reason: str
    params: Params
    optimizer_state: OptimizerState | None
    last_record: StepRecord | None
    divergence: Divergence | None
    guard: DivergenceGuard
    refused: StepRecord | None = None


@dataclass(frozen=True)
class RunReport:
    """The run at ``step``: its latest ``record``, the loss entries and the history (parameters of
    steps, ``REPORT_HISTORY_BYTES`` at most) since the last report, the snapshots due meanwhile
    (every ``snapshot_every`` steps), and at the end, ``end``. ``core_share``: how much of a core the
    training had since the last report (its thread's CPU time over the time passed; NaN when not known),
    so the window can draw less often when the machine is short of cores."""

    step: int
    record: StepRecord | None
    loss: LossEntries
    history: History
    snapshots: tuple[Snapshot, ...] = ()
    end: RunEnd | None = None
    core_share: float = float("nan")


class RunApart:
    """The caller's side of a worker process that trains one run at a time.

    ``start`` a run, ``ask`` for a report, ``reports()`` takes those that have come (never
    blocking), ``stop`` ends the run and returns the reports up to its end. A thread of the
    caller's reads the reports as they come (a large one is written in pieces: the caller never
    waits for the rest of it) and calls ``on_report()`` (from that thread) for each.
    """

    def __init__(self, on_report: Callable[[], None] | None = None) -> None:
        context = _context()
        self._conn, child = context.Pipe()
        self._process = context.Process(target=serve, args=(child,), daemon=True, name="mlpviz-run")
        self._process.start()
        child.close()
        _workers.add(self)
        self._dataset = None  # the data set the worker holds (sent once, not with every run)
        self._inbox: queue.Queue = queue.Queue()  # reports read, or the error that ended the reading
        self._reader = ReportReader(self._conn)  # the reports' arrays come through shared memory
        self.on_report = on_report
        self.running = False

    @property
    def pid(self) -> int | None:
        """The worker's process id."""
        return self._process.pid

    @property
    def alive(self) -> bool:
        return self._process.is_alive() and not self._conn.closed

    def start(self, trainer: Trainer, snapshot_every: int = 0) -> None:
        """Train a copy of ``trainer`` from its current step; nothing of ``trainer`` changes here."""
        copy_ = detached(trainer)
        dataset = None if copy_.dataset is self._dataset else copy_.dataset
        copy_.dataset = None
        self._conn.send(("run", copy_, dataset, int(snapshot_every)))
        self._dataset = trainer.dataset
        self.running = True
        threading.Thread(target=self._read_run, daemon=True, name="mlpviz-run-reader").start()

    def ask(self) -> None:
        """Ask for a report at the worker's next look (within a step and ``LOOK_SECONDS``)."""
        if self.running:
            with contextlib.suppress(OSError):  # the worker is gone: its reader says how (WorkerLost)
                self._conn.send(("report",))

    def reports(self) -> list[RunReport]:
        """The reports that have come, in order (an empty list when none has)."""
        reports = []
        while self.running:
            try:
                reports.append(self._take(self._inbox.get_nowait()))
            except queue.Empty:
                break
            except WorkerLost as lost:
                raise WorkerLost(str(lost), reports) from None
        return reports

    def stop(self, timeout: float = STOP_SECONDS) -> list[RunReport]:
        """End the run; returns every report not yet taken, the last one with its ``end``.

        A worker that has not ended its run within ``timeout`` (stopped, hung) is ended:
        WorkerLost then carries the reports that came before it, whose state the caller keeps.
        """
        if not self.running:
            return []
        with contextlib.suppress(OSError):  # gone already: its reader says how
            self._conn.send(("stop",))
        reports: list[RunReport] = []
        deadline = time.monotonic() + timeout
        while self.running:
            try:
                item = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.running = False
                self.kill()
                raise WorkerLost(f"the Run worker process did not answer for {timeout:g} s (stopped or hung), "
                                 "so it was ended", reports) from None
            try:
                reports.append(self._take(item))
            except WorkerLost as lost:
                raise WorkerLost(str(lost), reports) from None
        return reports

    def kill(self) -> None:
        """End the worker at once, whatever it is doing (SIGKILL ends a stopped process too)."""
        self.running = False
        with contextlib.suppress(OSError, ValueError):
            self._conn.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=STOP_SECONDS)

    def close(self, timeout: float = STOP_SECONDS) -> None:
        """End the worker: its pipe closes and it exits, or after ``timeout`` it is killed."""
        self.running = False
        if not self._conn.closed:
            self._conn.close()
        self._process.join(timeout=timeout)
        if self._process.is_alive():
            self.kill()
        self._reader.close()

    def _read_run(self) -> None:
        """The reader thread of one run: every report until the last (or until the pipe fails)."""
        while True:
            try:
                item = self._reader.receive()
            except (EOFError, OSError):
                item = WorkerLost(self._why_lost())
            self._inbox.put(item)
            if self.on_report is not None:
                try:
                    self.on_report()
                except RuntimeError:  # its receiver is gone (the window closed): the reports stay queued
                    pass
            if isinstance(item, BaseException) or item.end is not None:
                return

    def _why_lost(self) -> str:
        """What became of the worker, for a user: how it ended (its exit code or signal)."""
        self._process.join(timeout=STOP_SECONDS)
        code = self._process.exitcode
        if code is None:
            how = "stopped answering"
        elif code < 0:
            try:
                how = f"was ended by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"was ended by signal {-code}"
        else:
            how = f"ended (exit code {code})"
        return f"the Run worker process {how}"

    def _take(self, item) -> RunReport:
        if isinstance(item, BaseException):
            self.running = False
            raise item
        if item.end is not None:
            self.running = False
        return item


_workers: "weakref.WeakSet[RunApart]" = weakref.WeakSet()


def shut_down() -> None:
    """End every worker and the fork server (at quit, and at interpreter exit before multiprocessing's own
    clean-up, which would wait for ever on a stopped worker)."""
    for worker in list(_workers):
        worker.close()
    stop_fork_server()


atexit.register(shut_down)


def stop_fork_server(timeout: float = STOP_SECONDS) -> None:
    """End the fork server the workers were started from (at quit, after the workers): asked through its
    "alive" pipe as multiprocessing does, then, if it has not gone within ``timeout``, killed."""
    from multiprocessing import forkserver

    server = forkserver._forkserver  # the module's one fork server (private, hence every access guarded)
    pid, alive = getattr(server, "_forkserver_pid", None), getattr(server, "_forkserver_alive_fd", None)
    if pid is None:
        return
    with contextlib.suppress(OSError, TypeError):
        os.close(alive)
    deadline = time.monotonic() + timeout
    try:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.01)
    except ChildProcessError:
        pass
    server._forkserver_pid = server._forkserver_alive_fd = None


def detached(trainer: Trainer) -> Trainer:
    """A copy of ``trainer`` to train elsewhere: this run as it is, with an empty loss log and history (what
    it adds comes back through ``follow``)."""
    other = copy.copy(trainer)
    other.loss_log = LossLog(max_entries=trainer.loss_log.max_entries)
    other.history = History(trainer.history.budget_bytes)
    other.guard = copy.deepcopy(trainer.guard)
    return other


def follow(trainer: Trainer, report: RunReport) -> None:
    """Bring ``trainer`` up to a run apart: its loss log and history since the last report, its latest step,
    and at its end the whole run (divergence guard included) as if it had trained there."""
    end = report.end
    if end is not None and end.divergence is not None:  # it went back to the kept step
        trainer.loss_log = trainer.loss_log.copy_until(end.divergence.kept_step)
    trainer.loss_log.extend(report.loss)
    trainer.history = trainer.history.followed_by(report.history)
    if end is not None:
        trainer.params, trainer.optimizer_state, trainer.step = end.params, end.optimizer_state, report.step
        trainer.last_record, trainer.divergence, trainer.guard = end.last_record, end.divergence, end.guard
    elif report.record is not None:
        trainer.params, trainer.optimizer_state, trainer.step = (report.record.params_after, report.record.state_after,
                                                                 report.step)
        trainer.last_record, trainer.divergence = report.record, None


def _context():
    """Forkserver where there is one (a fork of a process without Qt's threads, modules preloaded), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


# --- the worker process -------------------------------------------------------------------


def serve(conn: Connection) -> None:
    """The worker's main loop: one run after another until the pipe closes."""
    limit_blas_threads()
    sender = ReportSender(conn)
    dataset = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] != "run":
            continue  # a request that came after its run had ended
        _, trainer, sent, every = message
        dataset = sent if sent is not None else dataset
        trainer.dataset = dataset
        try:
            train(conn, trainer, every, sender)
        except (EOFError, OSError, BrokenPipeError):
            return
        except Exception as exc:  # noqa: BLE001 - sent back, raised on the caller's side
            sender.send(exc)
        try:
            sender.flush()
        except (EOFError, OSError):
            return


def train(conn: Connection, trainer: Trainer, snapshot_every: int = 0, sender: ReportSender | None = None) -> None:
    """Advance ``trainer`` until asked to stop (or diverged, or at the last step), reporting when asked.

    Requests come in on ``conn``; reports go out through ``sender`` (a thread; default: on ``conn`` directly).
    Each report's step has its test loss measured; the training rows' accuracy only every
    ``measures.accuracy_steps`` steps (a pass over all of them), and at the end."""
    send = sender.send if sender is not None else conn.send
    snapshots: list[Snapshot] = []
    asked, reason, refused = False, None, None
    accuracy_at = None  # the training accuracy: every so many steps (measures.py)
    accuracy_every = accuracy_steps(trainer.dataset.n_train, trainer.settings.batch_size)
    since = (time.perf_counter(), time.thread_time())
    while reason is None:
        steps = take_steps(trainer, None, LOOK_SECONDS, measure_test=False, snapshot_every=snapshot_every)
        snapshots += steps.snapshots
        if steps.ended is not None:
            reason, refused = steps.ended, steps.refused
            break
        while conn.poll():
            request = conn.recv()[0]
            if request == "stop":
                reason = STOPPED
            elif request == "report":
                asked = True
        if asked and reason is None:
            due = accuracy_at is None or trainer.step - accuracy_at >= accuracy_every
            trainer.measure_test_loss(accuracy=due)
            accuracy_at = trainer.step if due else accuracy_at
            now = (time.perf_counter(), time.thread_time())
            share = (now[1] - since[1]) / (now[0] - since[0]) if now[0] > since[0] else float("nan")
            send(_report(trainer, snapshots, core_share=share))
            snapshots, asked, since = [], False, now
    if reason != DIVERGED:
        trainer.measure_test_loss()
    end = RunEnd(reason, trainer.params, trainer.optimizer_state, trainer.last_record, trainer.divergence, trainer.guard,
                 refused)
    send(_report(trainer, snapshots, end))


def _report(trainer: Trainer, snapshots: list[Snapshot], end: RunEnd | None = None,
            core_share: float = float("nan")) -> RunReport:
    """What ``trainer`` logged since the last report; its loss log and history start empty again."""
    report = RunReport(trainer.step, trainer.last_record, trainer.loss_log.entries(),
                       trainer.history.sampled(REPORT_HISTORY_BYTES), tuple(snapshots), end, core_share)
    trainer.loss_log.clear()  # what was reported is the caller's now
    trainer.history = History(trainer.history.budget_bytes)
    return report
