"""Cyclic garbage collected on the GUI thread only.

Python collects reference cycles in whichever thread allocates when a threshold is passed: a
file read, the Run worker's reader or the backprop check's thread. A Qt object in such a cycle
is then destroyed on that thread, which Qt does not allow (its timers and socket notifiers are
the GUI thread's): the heap is corrupted and the app dies later, somewhere else. So automatic
collection is off and a timer on the GUI thread collects each generation when its threshold is
passed, as Python itself would (the approach of pyqtgraph's ``GarbageCollector``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 100  # how often the thresholds are looked at


def collect_due() -> None:
    """Collect the generations whose thresholds are passed (youngest first), here and now."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if counts[0] > thresholds[0]:
        gc.collect(0)
        if counts[1] > thresholds[1]:
            gc.collect(1)
            if counts[2] > thresholds[2]:
                gc.collect(2)


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects from a timer of the thread it lives in (the GUI's)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_MS, timeout=collect_due)
        self._timer.start()
