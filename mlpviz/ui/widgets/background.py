"""Run a slow file read or write off the GUI thread while the window keeps painting.

The caller still gets the result (or the exception) back in line, so code reads as if
the call were direct; meanwhile the GUI thread spins an event loop that paints and
runs timers but holds back clicks and keys until the work is done, so nothing can
change the network halfway through a load. A read that takes longer than half a second
shows a progress window with Cancel; a cancelled read changes nothing (its result is
dropped when the worker ends).
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog

from mlpviz.engine import MlpvizError

T = TypeVar("T")
PROGRESS_AFTER_MS = 500


class Cancelled(MlpvizError):
    """The user cancelled a long read; nothing was changed."""


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


def read_in_background(label: str, fn: Callable[..., T], *args, parent=None) -> T:
    """Like ``call_in_background`` for a read that may be cancelled: after half a second a modal
    progress window says ``label`` and offers Cancel, which raises ``Cancelled`` here at once."""
    outcome: dict = {}
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.QueuedConnection)

    def work() -> None:
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc
        finally:
            outcome["done"] = True
            finished.done.emit()

    threading.Thread(target=work, name="mlpviz-read", daemon=True).start()
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        QTimer.singleShot(PROGRESS_AFTER_MS, loop.quit)
        loop.exec(QEventLoop.ExcludeUserInputEvents)  # a quick read: no window at all
        if not outcome.get("done"):
            progress = QProgressDialog(label, QCoreApplication.translate("background", "Cancel"), 0, 0, parent)
            progress.setWindowModality(Qt.ApplicationModal)  # the rest of the window waits
            progress.setMinimumDuration(0)
            progress.canceled.connect(loop.quit)
            progress.show()
            check = QTimer(interval=50, timeout=loop.quit)  # Esc or a close cancels without the signal
            check.start()
            while not outcome.get("done") and not progress.wasCanceled():
                loop.exec()
            check.stop()
            cancelled = progress.wasCanceled() and not outcome.get("done")
            progress.close()
            progress.deleteLater()
            if cancelled:
                raise Cancelled(QCoreApplication.translate("background", "Cancelled: nothing was changed."))
    finally:
        QApplication.restoreOverrideCursor()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
