"""The window when its Run worker is killed or stopped: Run ends with a message, Pause and Quit answer.

``kill -9`` of the worker showed a crash dialog that said only "EOFError"; with the worker
stopped (SIGSTOP), Pause froze the window and Quit never ended.
"""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from mlpviz.training.run_apart import STOP_SECONDS

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals")
WAIT_MS = 30_000  # the worker on a busy machine: a bound, never a pace
ANSWERS_WITHIN = 2 * STOP_SECONDS + 1  # Pause/Quit wait STOP_SECONDS for the worker, then end it (as run-apart's test)


def _running_in_the_worker(window, qtbot):
    """Run (Animate off) until the worker has reported; returns its process id."""
    window.toolbar.animate_action.setChecked(False)
    window.toolbar.run_action.trigger()
    background = window.session.runs._worker
    qtbot.waitUntil(lambda: background._in_run() and window.session.step_count > 20, timeout=2 * WAIT_MS)
    return background._apart.pid


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def no_crash_dialog(monkeypatch):
    errors = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: errors.append(exc))
    yield errors
    assert errors == []


def test_a_killed_worker_ends_run_with_a_message_and_keeps_the_steps(window, qtbot, no_crash_dialog):
    pid = _running_in_the_worker(window, qtbot)
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not window.session.runs.running, timeout=WAIT_MS)
    message = window.statusBar().currentMessage()
    assert "the Run worker process was ended by signal SIGKILL" in message and "EOFError" not in message
    steps = window.session.step_count
    assert steps > 20 and f"Run stopped at step {steps}" in message
    window.toolbar.run_action.trigger()  # Run again: a new worker
    qtbot.waitUntil(lambda: window.session.step_count > steps + 20, timeout=2 * WAIT_MS)
    window.toolbar.run_action.trigger()
    assert not window.session.runs.running


def test_pause_answers_with_a_stopped_worker_and_keeps_the_last_state(window, qtbot, settle, no_crash_dialog):
    pid = _running_in_the_worker(window, qtbot)
    os.kill(pid, signal.SIGSTOP)
    settle()  # reports already on their way are taken in
    started = time.monotonic()
    window.toolbar.run_action.trigger()  # Pause
    took = time.monotonic() - started
    assert not window.session.runs.running and took < ANSWERS_WITHIN  # not as long as the worker stays stopped
    assert "did not answer" in window.statusBar().currentMessage()
    assert window.session.step_count > 20 and window.session.params.equals(window.session.trainer.params)
    qtbot.waitUntil(lambda: _gone(pid), timeout=WAIT_MS)


def test_quit_answers_with_a_stopped_worker_and_ends_it(window, qtbot, no_crash_dialog):
    pid = _running_in_the_worker(window, qtbot)
    os.kill(pid, signal.SIGSTOP)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < ANSWERS_WITHIN
    qtbot.waitUntil(lambda: _gone(pid), timeout=WAIT_MS)
