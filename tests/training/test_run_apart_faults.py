"""The Run worker killed or stopped: the caller is told what happened, keeps what came, and never waits for good.

``kill -9`` of the worker showed "EOFError"; a stopped worker (SIGSTOP) held Pause and Quit
for as long as it was stopped, and outlived the window with its fork server.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.run_apart import STOP_SECONDS, RunApart, WorkerLost
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals")


def _trainer() -> Trainer:
    arch = Architecture((2, 8, 1), "tanh", "sigmoid", "bce")
    return Trainer(arch, make_dataset("xor", n_samples=60, seed=0), TrainingConfig().with_(batch_size=8))


def _first_reports(apart: RunApart) -> list:
    """Run until a report has come (the worker is surely training), asking for them."""
    apart.start(_trainer())
    reports, deadline = [], time.monotonic() + 60
    while not reports and time.monotonic() < deadline:
        apart.ask()
        time.sleep(0.01)
        reports += apart.reports()
    assert reports
    return reports


def test_a_killed_worker_is_named_not_an_eof_error():
    apart = RunApart()
    try:
        _first_reports(apart)
        os.kill(apart.pid, signal.SIGKILL)
        deadline = time.monotonic() + 60
        with pytest.raises(WorkerLost) as lost:
            while time.monotonic() < deadline:
                apart.ask()
                apart.reports()
                time.sleep(0.01)
        assert "the Run worker process was ended by signal SIGKILL" in str(lost.value)
        assert not apart.running
    finally:
        apart.close()


def test_stop_answers_within_its_time_when_the_worker_is_stopped_and_ends_it():
    apart = RunApart()
    try:
        _first_reports(apart)
        os.kill(apart.pid, signal.SIGSTOP)
        started = time.monotonic()
        with pytest.raises(WorkerLost) as lost:
            apart.stop()
        took = time.monotonic() - started
        assert "did not answer" in str(lost.value) and isinstance(lost.value.reports, list)
        assert took < 2 * STOP_SECONDS + 1  # bounded, instead of as long as the worker stays stopped
        assert not apart.alive and not apart.running
    finally:
        apart.close()


def test_close_ends_a_stopped_worker():
    apart = RunApart()
    _first_reports(apart)
    pid = apart.pid
    os.kill(pid, signal.SIGSTOP)
    apart.close()
    assert not apart.alive
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not left stopped behind the app


_EXIT_SCRIPT = r"""
import os, signal, sys, time
from multiprocessing import forkserver
sys.path.insert(0, sys.argv[1])
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.run_apart import RunApart
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer

if __name__ == "__main__":
    apart = RunApart()
    apart.start(Trainer(Architecture((2, 8, 1), "tanh", "sigmoid", "bce"), make_dataset("xor", n_samples=60, seed=0),
                        TrainingConfig().with_(batch_size=8)))
    while not apart.reports():
        apart.ask()
        time.sleep(0.01)
    os.kill(apart.pid, signal.SIGSTOP)
    print(apart.pid, forkserver._forkserver._forkserver_pid, flush=True)
    # and the program ends here, as the app does at quit, with its worker stopped
"""


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_at_exit_a_stopped_worker_and_the_fork_server_are_ended(tmp_path):
    import pathlib
    import subprocess
    import sys

    script = tmp_path / "quit.py"
    script.write_text(_EXIT_SCRIPT)
    root = str(pathlib.Path(__file__).resolve().parents[2])
    run = subprocess.run([sys.executable, str(script), root], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]  # it exited, instead of waiting for the stopped worker
    worker, server = (int(v) for v in run.stdout.split())
    assert _gone(worker) and _gone(server)
