"""The import preview: how a CSV file will be read, before anything replaces the current data.

Shows the first rows as parsed, the detected separator, decimal mark and encoding and the
target column (each can be changed, and the file is read again), the notes (an index
column skipped, an encoding assumed) and, when the file does not fit, the reason with its
line and column. Given the window's ``plan`` (``Session.plan_open``), it also says what OK will do with the
network in use: the network the file gets, or the refusal the loading would give (OK is then off), from the same
check. OK hands back the ``CsvTable``; the dialog applies nothing itself.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from mlpviz.engine import MlpvizError
from mlpviz.io import CsvTable, peek_csv, read_csv_table
from mlpviz.io.text_decoding import ENCODING_TITLES
from mlpviz.training.open_plan import OpenPlan, classes_said

from ..widgets.background import read_in_background
from ..widgets.plain_text import plain_label
from ..widgets.signals_blocked import signals_blocked

PREVIEW_ROWS = 100
ENCODING_CHOICES = ("utf-8", "utf-16", "cp1252", "latin-1")


class ImportPreviewDialog(QDialog):
    """Preview of the CSV file ``path``; after OK, ``table`` is the file as read with the choices shown.

    ``plan(table)`` is what OK will do with it (DataError: refused); None previews the file alone."""

    def __init__(self, path, parent: QWidget | None = None, plan: Callable[[CsvTable], OpenPlan] | None = None) -> None:
        super().__init__(parent)
        self.path, self._plan = str(path), plan
        self.table: CsvTable | None = None
        self.plan: OpenPlan | None = None
        self.setWindowTitle(self.tr("Import data"))
        self.delimiter_box = self._choice_box(
            [(self.tr("comma (,)"), ","), (self.tr("semicolon (;)"), ";"), (self.tr("tab"), "\t"),
             (self.tr("vertical bar (|)"), "|")])
        self.decimal_box = self._choice_box([(self.tr("point (0.5)"), "."), (self.tr("comma (0,5)"), ",")])
        self.encoding_box = self._choice_box([(ENCODING_TITLES[e], e) for e in ENCODING_CHOICES])
        self.target_box = self._choice_box([])
        self.target_box.setToolTip(self.tr("The column the network learns to predict; every other column is an input"))
        self.one_hot_box = QCheckBox(self.tr("One-hot encode text columns"))
        self.one_hot_box.setToolTip(self.tr("Read each input column of text (e.g. sex: female, male) as one 0/1 column "
                                            "per category"))
        self.standardize_box = QCheckBox(self.tr("Standardize inputs (z-scores)"))
        self.standardize_box.setToolTip(self.tr("Train on (x − mean) / std of every input column, from the training "
                                                "rows; inputs far from ±1 make training slow or diverge"))
        self.summary_label = plain_label(wrap=True, selectable=True)
        self.notes_label = plain_label(wrap=True, selectable=True)
        self.error_label = plain_label(wrap=True, selectable=True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.rows_view = QTableWidget()
        self.rows_view.setEditTriggers(QTableWidget.NoEditTriggers)
        self.rows_view.verticalHeader().setDefaultSectionSize(22)
        self.text_view = QPlainTextEdit(readOnly=True)
        self.text_view.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.text_view.setMaximumHeight(110)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Separator:"), self.delimiter_box)
        form.addRow(self.tr("Decimal mark:"), self.decimal_box)
        form.addRow(self.tr("Encoding:"), self.encoding_box)
        form.addRow(self.tr("Target column:"), self.target_box)
        form.addRow(self.tr("Inputs:"), self.one_hot_box)
        form.addRow("", self.standardize_box)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.path, wrap=True, selectable=True))
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.rows_view, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.error_label)
        layout.addWidget(plain_label(self.tr("The file's first lines:")))
        layout.addWidget(self.text_view)
        layout.addWidget(self.buttons)
        self.resize(720, 560)

        for box in (self.delimiter_box, self.decimal_box, self.encoding_box, self.target_box):
            box.currentIndexChanged.connect(self._on_choice_changed)
        self.one_hot_box.toggled.connect(self._on_choice_changed)
        self.standardize_box.toggled.connect(self._on_standardize_toggled)
        self.reparse()

    # --- reading ------------------------------------------------------------------------

    def reparse(self) -> None:
        """Read the file again with the choices shown and show the outcome."""
        delimiter, encoding = self.delimiter_box.currentData(), self.encoding_box.currentData()
        try:
            peek = peek_csv(self.path, delimiter=delimiter, encoding=encoding)
        except MlpvizError as exc:
            self._show_failure(str(exc))
            return
        self._set_detected(self.delimiter_box, peek.delimiter)
        self._set_detected(self.encoding_box, peek.encoding, ENCODING_TITLES.get(peek.encoding, peek.encoding))
        self._fill_targets(peek.columns)
        self.text_view.setPlainText("\n".join(peek.lines))
        try:
            table = read_in_background(
                self.tr("Reading {0}…").format(Path(self.path).name),
                functools.partial(read_csv_table, self.path, target=self.target_box.currentData(),
                                  delimiter=delimiter, decimal=self.decimal_box.currentData(), encoding=encoding,
                                  one_hot=self.one_hot_box.isChecked()),
                parent=self)
        except MlpvizError as exc:
            self._show_failure(str(exc), peek.notes)
            return
        self._show_table(table)

    def _show_table(self, table: CsvTable) -> None:
        self.table = dataclasses.replace(table, standardize=self.standardize_box.isChecked())
        self._set_detected(self.decimal_box, table.format.decimal)
        self._set_detected(self.target_box, None, ", ".join(table.target_names))
        self._fill_rows(table)
        self._show_plan()

    def _show_plan(self) -> None:
        """The summary and notes of ``table``, with what OK will do to it (``plan``); a refusal turns OK off."""
        refusal = ""
        try:
            self.plan = None if self._plan is None else self._plan(self.table)
        except MlpvizError as exc:  # the loading's own refusal, shown before OK
            self.plan, refusal = None, self.tr(
                "With the network in use, OK would refuse this file: {0}\n(Choose the output activation and loss "
                "under Network in the controls, then open the file again.)").format(exc)
        notes = (*self.table.notes, *((self.plan.note,) if self.plan is not None and self.plan.note else ()))
        self.summary_label.setText(self._summary(self.table))
        self.notes_label.setText("\n".join("• " + note for note in notes))
        self.notes_label.setVisible(bool(notes))
        self.error_label.setText(refusal)
        self.error_label.setVisible(bool(refusal))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(not refusal)

    def _show_failure(self, message: str, notes: tuple[str, ...] = ()) -> None:
        self.table = self.plan = None
        self.summary_label.setText(self.tr("The file cannot be used as it is read now."))
        self.notes_label.setText("\n".join("• " + note for note in notes))
        self.notes_label.setVisible(bool(notes))
        self.error_label.setText(message)
        self.error_label.show()
        self.rows_view.clear()
        self.rows_view.setRowCount(0)
        self.rows_view.setColumnCount(0)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)

    def _summary(self, table: CsvTable) -> str:
        target = ", ".join(table.target_names)
        arch = None if self.plan is None else self.plan.arch
        if table.labels is not None:
            target = self.tr("{0}: {1}").format(target, classes_said(table, arch))
        text = self.tr("{0:,} rows · {1} inputs · target {2} · {3}").format(
            table.n_rows, len(table.input_names), target, table.format.describe())
        if table.standardize:
            text += self.tr(" · inputs standardized when loaded")
        if arch is not None:
            text += "\n" + self.tr("OK trains network {0}: {1} output with {2}").format(
                arch.label(), arch.output_activation, arch.loss)
        return text

    def _fill_rows(self, table: CsvTable) -> None:
        """The first PREVIEW_ROWS rows as read: inputs, then targets (class names for named classes)."""
        n = min(table.n_rows, PREVIEW_ROWS)
        names = [*table.input_names, *(self.tr("{0} (target)").format(t) for t in table.target_names)]
        self.rows_view.clear()
        self.rows_view.setRowCount(n)
        self.rows_view.setColumnCount(len(names))
        self.rows_view.setHorizontalHeaderLabels(names)
        self.rows_view.setVerticalHeaderLabels([self.tr("line {0}").format(line) for line in table.lines[:n]])
        d = table.x.shape[1]
        for i in range(n):
            for j in range(d):
                self.rows_view.setItem(i, j, QTableWidgetItem(f"{table.x[i, j]:.6g}"))
            for j in range(table.y.shape[1]):
                value = table.y[i, j]
                text = table.class_names[int(value)] if table.has_text_classes else f"{value:.6g}"
                self.rows_view.setItem(i, d + j, QTableWidgetItem(text))
        self.rows_view.resizeColumnsToContents()  # each column as wide as its name too ("…column 5 (target)" was cut)

    # --- the choices ----------------------------------------------------------------------

    def _on_choice_changed(self, _index) -> None:
        self.reparse()

    def _on_standardize_toggled(self, on: bool) -> None:
        if self.table is not None:
            self.table = dataclasses.replace(self.table, standardize=on)
            self._show_plan()

    def _choice_box(self, choices: list[tuple[str, str]]) -> QComboBox:
        """A combo whose first item means 'as detected' (data None), then the given ``(title, value)`` choices."""
        box = QComboBox()
        box.addItem(self.tr("Detected"), None)
        for title, value in choices:
            box.addItem(title, value)
        return box

    def _set_detected(self, box: QComboBox, value: str | None, title: str | None = None) -> None:
        """Name what was detected in the first item: the title of ``value``'s own item, else ``title``."""
        index = box.findData(value) if value is not None else -1
        what = box.itemText(index) if index > 0 else (title or "")
        with signals_blocked(box):
            box.setItemText(0, self.tr("Detected: {0}").format(what) if what else self.tr("Detected"))

    def _fill_targets(self, columns: tuple[str, ...]) -> None:
        """Offer every named column as the target, keeping the current choice while it exists."""
        current = self.target_box.currentData()
        names = [name for name in columns if name]
        if [self.target_box.itemData(i) for i in range(1, self.target_box.count())] == names:
            return
        with signals_blocked(self.target_box):
            while self.target_box.count() > 1:
                self.target_box.removeItem(1)
            for name in names:
                self.target_box.addItem(name, name)
            index = self.target_box.findData(current) if current is not None else 0
            self.target_box.setCurrentIndex(max(index, 0))


def preview_csv(path, parent: QWidget | None = None, plan: Callable[[CsvTable], OpenPlan] | None = None) -> CsvTable | None:
    """Show the import preview of ``path`` (with what OK does, by ``plan``); the table as read on OK, None on Cancel."""
    dialog = ImportPreviewDialog(path, parent, plan)
    return dialog.table if dialog.exec() == QDialog.Accepted else None
