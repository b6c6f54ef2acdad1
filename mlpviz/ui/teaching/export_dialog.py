"""File ▸ Export step as worked example…: choose format, sample and file; the Qt-free writer does the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QMessageBox,
    QPushButton, QWidget,
)

from mlpviz.engine import MlpvizError, StepRecord
from mlpviz.engine.explain import MEAN
from mlpviz.i18n import msg

from ..widgets.number_spin_box import WholeNumberSpinBox
from ..widgets.plain_text import plain_label

TITLE = msg("Export worked example")  # "Export step as worked example" was cut at 1024×768 ("…mple")
PATH_CHARS = 48  # the file's path shown this wide: the dialog then shows its title whole beside the title bar's buttons
FORMATS = (("html", msg("HTML, offline (*.html)")), ("md", msg("Markdown (*.md)")), ("tex", msg("LaTeX (*.tex)")))
Units = list[tuple[int, int]] | None


class ExportWorkedExampleDialog(QDialog):
    """Writes ``record`` (step ``step``, from 1, when known) as a worked example; ``units`` (``(layer, index)``)
    limits a large network to those."""

    def __init__(self, record: StepRecord, sample: int = 0, units: Units = None, folder: str = "",
                 parent: QWidget | None = None, notes: tuple[str, ...] = (), step: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(str(TITLE))
        self.record, self.units, self.written, self.notes, self.step = record, units, None, notes, step
        self.format_box = QComboBox()
        for key, title in FORMATS:
            self.format_box.addItem(str(title), key)
        self.sample_box = WholeNumberSpinBox(1, record.batch_size)
        self.sample_box.setValue(min(max(sample, 0), record.batch_size - 1) + 1)
        self.mean_box = QCheckBox(self.tr("Batch means instead of one sample"))
        self.mean_box.setChecked(sample == MEAN and record.batch_size > 1)
        self.mean_box.setEnabled(record.batch_size > 1)
        self.mean_box.toggled.connect(lambda on: self.sample_box.setEnabled(not on))
        self.sample_box.setEnabled(not self.mean_box.isChecked())
        name = f"worked-step-{record.arch.label()}" + ("" if step is None else f"-step{step}")  # one file per step
        self.path_edit = QLineEdit(str(Path(folder or Path.home()) / f"{name}.html"))
        self.path_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * PATH_CHARS)  # and the title whole
        browse = QPushButton(self.tr("Browse…"), clicked=self._browse)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        if step is not None:
            form.addRow(plain_label(self.tr("Step {0}, up to the parameters after its update").format(step)))
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Sample"), self.sample_box)
        form.addRow("", self.mean_box)
        form.addRow(self.tr("File"), path_row)
        form.addRow(buttons)

    @property
    def fmt(self) -> str:
        return self.format_box.currentData()

    @property
    def sample(self) -> int:
        return MEAN if self.mean_box.isChecked() else self.sample_box.value() - 1

    def _on_format_changed(self, _index: int) -> None:
        path = Path(self.path_edit.text())
        self.path_edit.setText(str(path.with_suffix("." + self.fmt)))

    def _browse(self) -> None:
        title = dict(FORMATS)[self.fmt]
        path, _ = QFileDialog.getSaveFileName(self, str(TITLE), self.path_edit.text(),
                                              str(title))
        if path:
            self.path_edit.setText(path)

    def write(self) -> None:
        """Write the document; a failure shows why and leaves the dialog open."""
        path = self.path_edit.text().strip()
        try:
            from mlpviz.teaching.export import write_worked_step  # on first use: not needed to start
            from mlpviz.teaching.worked_step import worked_step

            write_worked_step(path, worked_step(self.record, self.sample, self.units, self.notes, self.step), self.fmt)
        except (MlpvizError, OSError) as exc:
            box = QMessageBox(QMessageBox.Warning, self.tr("Export failed"), str(exc), QMessageBox.Close, self)
            box.setTextFormat(Qt.PlainText)
            box.open()
            return
        self.written = path
        self.accept()


def export_worked_example_action(parent: QWidget, current_record: Callable[[], StepRecord | None],
                                 current_sample: Callable[[], int], selected_units: Callable[[], Units],
                                 message: Callable[[str], None],
                                 data_notes: Callable[[], tuple[str, ...]] = tuple,
                                 current_step: Callable[[], int | None] = lambda: None) -> QAction:
    """The File-menu action: opens the dialog on the current step, or says there is none yet.

    ``data_notes`` says what was done to the data (the inputs' standardization), for the document;
    ``current_step`` is the number of the step ``current_record`` gives, named in its title."""

    def trigger() -> None:
        record = current_record()
        if not isinstance(record, StepRecord):
            message(parent.tr("Take a step first: a worked example needs a step's backward pass and update."))
            return
        from mlpviz.teaching.worked_step import MAX_WEIGHTS

        units = selected_units() if record.arch.edge_count > MAX_WEIGHTS else None  # a small one is written whole
        dialog = ExportWorkedExampleDialog(record, current_sample(), units, parent=parent, notes=data_notes(),
                                           step=current_step())
        dialog.accepted.connect(lambda: message(parent.tr("Wrote the worked example to {0}").format(dialog.written)))
        dialog.open()

    action = QAction(parent.tr("Export step as &worked example…"), parent)
    action.setToolTip(parent.tr("Write the last step out by hand, with its numbers, as HTML, Markdown or LaTeX"))
    action.triggered.connect(trigger)
    return action
