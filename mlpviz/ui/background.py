"""Run a slow file read or write off the GUI thread while the window keeps painting.

The caller still gets the result (or the exception) back in line, so code reads as if
the call were direct; meanwhile the GUI thread spins an event loop that paints and
runs timers but holds back clicks and keys until the work is done, so nothing can
change the network halfway through a load.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

T = TypeVar("T")


class _Finished(QObject):
    done = Signal()


def call_in_background(fn: Callable[..., T], *args, **kwargs) -> T:
    """``fn(*args, **kwargs)`` on a worker thread; returns its value or raises its exception here."""
    outcome: dict = {}
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.QueuedConnection)

    def work() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc
        finally:
            finished.done.emit()

    worker = threading.Thread(target=work, name="mlpviz-file", daemon=True)
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        worker.start()
        loop.exec(QEventLoop.ExcludeUserInputEvents)
    finally:
        QApplication.restoreOverrideCursor()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
