"""Long runs through the real Run loop: memory stays flat, the GUI thread keeps ticking.

Both tests drive ``Session.run()`` with the animation off, so every step goes through the
fast-Run slices (``_on_slice_timer_timeout``) exactly as in the app.
"""

from __future__ import annotations

import gc
import time

import numpy as np
import psutil
import pytest
from PySide6.QtCore import QTimer

from mlpviz.app.session import Session
from mlpviz.datasets import dataset_from_arrays
from mlpviz.engine import Architecture, init_params

MEMORY_BOUND = 60 * 1024 * 1024  # bytes of RSS growth allowed beyond the history budget
LONG_RUN_STEPS = 20_000
BLOCK_LIMIT = 0.100  # seconds the GUI thread may be kept from its event queue


def random_classification(n_samples: int, n_inputs: int, n_classes: int, seed: int = 0):
    """Random inputs with random one-hot targets ``(N, n_classes)``, 20 % held out for testing."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n_samples, n_inputs))
    y = np.eye(n_classes)[rng.integers(0, n_classes, n_samples)]
    return dataset_from_arrays("random", x, y, test_fraction=0.2, seed=seed)


def session_for(sizes, n_samples: int, batch_size: int) -> Session:
    session = Session()
    session.set_animate(False)
    arch = Architecture(sizes, "relu", "softmax", "ce")
    session.set_data(random_classification(n_samples, sizes[0], sizes[-1]), arch)
    session.set_config(session.config.with_(learning_rate=0.01, batch_size=batch_size, init_method="he"))
    session.set_network(arch, init_params(arch, "he", 0))
    return session


def history_budget(session: Session) -> int:
    """Bytes the bounded parameter history may hold."""
    return session.trainer.history.budget_bytes


def rss() -> int:
    gc.collect()
    return psutil.Process().memory_info().rss


@pytest.mark.slow
def test_twenty_thousand_steps_keep_memory_flat(qtbot):
    session = session_for((64, 32, 16, 10), n_samples=1000, batch_size=32)
    session.history.set_budget(16 * 2**20)  # a small budget keeps the bound below tight
    published = []
    session.state_changed.connect(lambda state: published.append(state.step) if len(published) < 10 else None)

    session.run()  # warm-up: first allocations, caches, loss-log growth to a few thousand
    qtbot.waitUntil(lambda: session.step_count >= 2_000, timeout=60_000)
    session.pause()
    before = rss()

    session.run()
    qtbot.waitUntil(lambda: session.step_count >= LONG_RUN_STEPS, timeout=240_000)
    session.pause()
    grown = rss() - before

    assert session.step_count >= LONG_RUN_STEPS and session.params.is_finite()
    assert len(session.loss_log) == session.step_count
    assert published  # the loop did publish pictures while running
    allowed = MEMORY_BOUND + history_budget(session)
    assert grown < allowed, f"RSS grew by {grown / 2**20:.1f} MB over {LONG_RUN_STEPS} steps (allowed {allowed / 2**20:.0f} MB)"


def test_the_gui_thread_is_never_blocked_during_run(qtbot):
    """A 10 ms QTimer ticks while a 784-128-64-10 network runs for about two seconds.

    Two measures per gap between ticks: the wall time, and the GUI thread's own CPU
    time. A slice that overran would cost CPU time in every overrun gap, so every
    gap's CPU time must stay under the limit; wall time also counts moments when the
    OS ran something else on a busy 2-core box, so only the third-worst wall gap
    must (two scheduler hiccups are tolerated; a real overrun repeats every slice).
    """
    session = session_for((784, 128, 64, 10), n_samples=1200, batch_size=32)
    ticks: list[tuple[float, float]] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))

    timer.start()
    session.run()
    qtbot.waitUntil(lambda: session.step_count > 50 and len(ticks) > 150, timeout=30_000)  # it really trained
    session.pause()
    timer.stop()

    wall = np.diff([t for t, _ in ticks])
    cpu = np.diff([c for _, c in ticks])
    assert len(wall) > 10
    worst = np.sort(wall)[::-1]
    assert cpu.max() < BLOCK_LIMIT, f"the GUI thread computed for {cpu.max() * 1e3:.0f} ms without a break"
    assert worst[2] < BLOCK_LIMIT, f"worst gaps between 10 ms ticks: {np.round(worst[:5] * 1e3)} ms"
