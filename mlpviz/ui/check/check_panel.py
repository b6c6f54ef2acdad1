"""The Check my backprop panel: the learner's file, the verdict, and each quantity as yours beside mlpviz's.

Given only what it draws (``set_report``, ``set_busy``) and the commands it may send
(``row_chosen``, ``check_again_requested``, ``choose_file_requested``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from mlpviz.check import AGREES, COULD_NOT_RUN, Report, Row

from ..widgets.plain_text import plain_label
from .check_table_model import CheckTableModel


def row_lines(row: Row, translate) -> list[str]:
    """What the formula panel shows for a chosen row: the element, both numbers, mlpviz's equation."""
    lines = [translate("Your backprop: %s") % row.label(),
             translate("  yours   %s") % ("—" if row.yours is None else f"{row.yours:.9g}"),
             translate("  mlpviz  %s") % ("—" if row.expected is None else f"{row.expected:.9g}")]
    if row.note:
        lines.append(f"  {row.note}")
    if row.equation:
        lines.append(f"  {row.equation}")
    return lines + [""]


class CheckPanel(QWidget):
    """Lists a report's rows; clicking one sends ``row_chosen(Row)``."""

    row_chosen = Signal(object)
    check_again_requested = Signal()
    choose_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.heading = plain_label(self.tr("Choose your code with File ▸ Check my backprop…"), wrap=True)
        self.model = CheckTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # the quantity is never cut to "z …": in a narrow dock the numbers scroll sideways instead
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.details = plain_label(wrap=True, selectable=True)
        self.again_button = QPushButton(self.tr("Check again"))
        self.again_button.setToolTip(self.tr("Run your code again (it is also checked each time you save it)"))
        self.again_button.clicked.connect(self.check_again_requested)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.setToolTip(self.tr("Check another file"))
        self.choose_button.clicked.connect(self.choose_file_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.set_report(None, None)

    def set_report(self, report: Report | None, path: str | None) -> None:
        self.report = report
        self.model.set_report(report)
        self.again_button.setEnabled(path is not None)
        name = Path(path).name if path else ""
        if report is None:
            self.heading.setText(self.tr("Choose your code with File ▸ Check my backprop…") if not path
                                 else self.tr("Checking %s…") % name)
            self.details.setText("")
            return
        if report.verdict == AGREES:
            verdict = self.tr("%s agrees with mlpviz") % name
        elif report.verdict == COULD_NOT_RUN:
            verdict = self.tr("%s could not run") % name
        else:
            verdict = self.tr("%s differs from mlpviz, first at %s") % (name, report.first.label() if report.first else "")
        self.heading.setText(verdict)
        lines = [report.error] if report.error else []
        lines += [self.tr("Diagnosis: %s") % message for _, message in report.diagnoses]
        lines += [self.tr("Convention: %s") % c for c in report.conventions]
        lines += list(report.notes)
        self.details.setText("\n".join(lines))

    def set_busy(self, busy: bool) -> None:
        self.again_button.setEnabled(not busy and self.report is not None)
        if busy:
            self.heading.setText(self.tr("Checking…"))

    def _on_row(self, current, _previous) -> None:
        if current.isValid():
            self.row_chosen.emit(self.model.row_at(current.row()))
