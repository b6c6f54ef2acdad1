"""Reference cycles are collected by a timer of the GUI thread, never by whichever thread allocates."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from mlpviz.ui.gui_thread_gc import GuiThreadCollector


class _Cycle(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a reference cycle through a Qt object, as a window's lambdas make


def test_a_cycle_of_qt_objects_is_collected_by_the_gui_threads_timer(qtbot):
    collector = GuiThreadCollector()
    assert not gc.isenabled()
    gc.collect()
    collected_on = []
    cycle = _Cycle()
    gone = weakref.ref(cycle, lambda _ref: collected_on.append(threading.current_thread()))
    del cycle
    kept = []

    def allocate_elsewhere() -> None:  # with automatic collection, this thread would collect the cycle
        kept.extend([] for _ in range(3 * gc.get_threshold()[0]))

    worker = threading.Thread(target=allocate_elsewhere)
    worker.start()
    worker.join()
    assert gone() is not None and gc.get_count()[0] > gc.get_threshold()[0]  # due, and not collected there
    qtbot.waitUntil(lambda: gone() is None, timeout=30_000)  # the timer collects it
    assert collected_on == [threading.main_thread()]
    collector.deleteLater()
