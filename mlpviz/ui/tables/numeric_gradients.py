"""The weights table's "numeric" cells: the gradient check of a step, computed on demand and kept per step.

A check costs two forward passes per parameter, so it runs only when asked, with a
progress dialog (and Cancel) once it has taken half a second.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from mlpviz.engine import StepRecord
from mlpviz.engine.gradcheck import GradientCheck, gradient_check

PROGRESS_AFTER_MS = 500


class NumericGradients(QObject):
    """Runs and remembers the gradient check of the last record asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._record: StepRecord | None = None
        self._check: GradientCheck | None = None
        self.busy = False  # the progress dialog lets events in: callers must not start a second check

    def check_of(self, record: StepRecord, window: QWidget | None) -> GradientCheck:
        """The check of ``record`` (computed now unless it is the last one); MlpvizError if refused or cancelled."""
        if record is self._record and self._check is not None:
            return self._check
        dialog = QProgressDialog(self.tr("Checking the gradient by central differences…"), self.tr("Cancel"),
                                 0, record.params.flat.size, window)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)

        def progress(done: int, total: int) -> bool:
            dialog.setValue(done)
            return not dialog.wasCanceled()

        self.busy = True
        try:
            check = gradient_check(record, progress=progress)
        finally:
            self.busy = False
            dialog.reset()
            dialog.deleteLater()
        self._record, self._check = record, check
        return check

