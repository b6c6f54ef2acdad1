"""Check my backprop in the app: a learner's file checked against the network on screen, again on each save.

The check itself (``mlpviz.check.check_file``) runs the learner's code in a separate process;
this controller runs that wait on a worker thread so the window stays live, and watches the
file (QFileSystemWatcher) so saving it in the learner's editor checks it again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from mlpviz.check import COULD_NOT_RUN, Report, Row, check_file
from mlpviz.check.quantities import PER_SAMPLE, WEIGHTS
from mlpviz.check.report import AGREES
from mlpviz.check.sandbox import DEFAULT_TIMEOUT
from mlpviz.engine import Architecture, Params

from .selection import UnitRef, WeightRef

SAVE_SETTLE_MS = 300  # an editor's save is often several writes (or a rename): check once they settle


@dataclass(frozen=True)
class CheckInputs:
    """What the learner's network is checked on: the network on screen, the training data, the learning rate."""

    arch: Architecture
    params: Params
    x: np.ndarray
    targets: np.ndarray
    learning_rate: float
    source: str


def item_of(row: Row) -> UnitRef | WeightRef | None:
    """The unit or weight a report row is about (what clicking the row selects); None for the loss."""
    if row.quantity == "loss" or not row.index:
        return None
    if row.quantity in PER_SAMPLE:
        return UnitRef(row.layer, row.index[-1])
    if row.quantity in WEIGHTS:
        return WeightRef(row.layer - 1, row.index[0], row.index[1])
    return WeightRef(row.layer - 1, -1, row.index[-1])


def marked_items(report: Report | None) -> list[UnitRef | WeightRef]:
    """The units and edges where the learner's numbers differ (for the canvas), each once."""
    if report is None:
        return []
    items: dict = {}
    for row in report.rows:
        if row.status == AGREES:
            continue
        for mark in row.marks:
            item = UnitRef(mark.layer, mark.unit) if mark.row is None else WeightRef(mark.layer - 1, mark.row, mark.unit)
            items[item] = None
    return list(items)


class BackpropCheck(QObject):
    """Checks the file given to ``check_file`` with ``inputs()`` and emits each new report; re-checks on save."""

    report_changed = Signal(object)  # Report | None
    busy_changed = Signal(bool)
    _done = Signal(int, object)  # (generation, Report) from the worker thread

    def __init__(self, inputs: Callable[[], CheckInputs], parent: QObject | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(parent)
        self._inputs = inputs
        self.timeout = timeout
        self.path: str | None = None
        self.report: Report | None = None
        self._generation = 0
        self._busy = False
        self._again = False
        self._stamp: tuple | None = None  # (mtime, size) of the file when last checked
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_changed)
        self._watcher.directoryChanged.connect(self._on_changed)
        self._settle = QTimer(self, singleShot=True, interval=SAVE_SETTLE_MS, timeout=self._saved)
        self._done.connect(self._finished)

    @property
    def busy(self) -> bool:
        return self._busy

    def check_file(self, path: str) -> None:
        """Check ``path`` now and whenever it is saved from now on."""
        self.stop_watching()
        self.path = str(Path(path).resolve())
        self._watch()
        self.recheck()

    def recheck(self) -> None:
        """Check the file again (after the one running, if one is)."""
        if self.path is None:
            return
        if self._busy:
            self._again = True
            return
        self._stamp = self._file_stamp()
        self._generation += 1
        self._set_busy(True)
        try:
            inputs = self._inputs()
        except Exception as exc:  # noqa: BLE001 - the data does not fit the network: a report, not a crash
            self._finished(self._generation, Report(COULD_NOT_RUN, error=" ".join(str(exc).split())))
            return
        worker = threading.Thread(target=self._work, args=(self._generation, self.path, inputs, self.timeout),
                                  name="mlpviz-check", daemon=True)
        worker.start()

    def stop_watching(self) -> None:
        for paths in (self._watcher.files(), self._watcher.directories()):
            if paths:
                self._watcher.removePaths(paths)

    def _watch(self) -> None:
        path = Path(self.path)
        if path.is_file() and self.path not in self._watcher.files():
            self._watcher.addPath(self.path)
        if path.parent.is_dir() and str(path.parent) not in self._watcher.directories():
            self._watcher.addPath(str(path.parent))  # an editor that saves by renaming replaces the file

    def _on_changed(self, _path: str) -> None:
        self._settle.start()

    def _file_stamp(self) -> tuple | None:
        try:
            stat = Path(self.path).stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _saved(self) -> None:
        if self.path is None or not Path(self.path).is_file():
            return
        self._watch()
        if self._file_stamp() != self._stamp:  # another file of the folder changed: nothing to check
            self.recheck()

    def _work(self, generation: int, path: str, inputs: CheckInputs, timeout: float) -> None:
        try:
            report = check_file(path, inputs.arch, inputs.x, inputs.targets, lr=inputs.learning_rate,
                                params=inputs.params, timeout=timeout, source=inputs.source)
        except Exception as exc:  # noqa: BLE001 - whatever goes wrong is the report, never a crash of the app
            report = Report(COULD_NOT_RUN, error=" ".join(str(exc).split()))
        try:
            self._done.emit(generation, report)
        except RuntimeError:  # the window closed while the learner's code ran: nobody is waiting
            pass

    def _finished(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self.report = report
        self.report_changed.emit(report)
        if self._again:
            self._again = False
            self.recheck()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


def check_inputs(arch: Architecture, params: Params, dataset, learning_rate: float) -> CheckInputs:
    """The inputs of a check of the network on screen: its parameters, the data's training samples, η."""
    from mlpviz.training.fit import fit_targets

    return CheckInputs(arch, params, dataset.x_train, fit_targets(dataset, arch), learning_rate, dataset.name)
