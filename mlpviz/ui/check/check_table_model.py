"""The rows of a backprop-check report as a table: quantity, yours, mlpviz, verdict."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from mlpviz.check import Report, Row
from mlpviz.check.report import AGREES, DIFFERS, FOLLOWS

from ..widgets.plain_text import plain_roles

DIFFERS_COLOUR = QColor(200, 30, 30)
FOLLOWS_COLOUR = QColor(190, 110, 0)


def _status_text(row: Row) -> str:
    if row.status == AGREES:
        return QCoreApplication.translate("CheckTableModel", "agrees")
    if row.status == DIFFERS:
        return QCoreApplication.translate("CheckTableModel", "differs")
    return QCoreApplication.translate("CheckTableModel", "follows")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


class CheckTableModel(QAbstractTableModel):
    """One row per quantity of the report given to ``set_report`` (empty without one)."""

    COLUMNS = ("quantity", "yours", "mlpviz", "verdict")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[Row, ...] = ()

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self._rows = () if report is None else report.rows
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.COLUMNS)

    @plain_roles
    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 (Qt name)
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        return (QCoreApplication.translate("CheckTableModel", "Quantity"),
                QCoreApplication.translate("CheckTableModel", "Yours"),
                QCoreApplication.translate("CheckTableModel", "mlpviz"),
                QCoreApplication.translate("CheckTableModel", "Verdict"))[section]

    @plain_roles
    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            name = row.title if row.status == AGREES else (row.name or row.title)
            return (name, _number(row.yours) or row.note, _number(row.expected), _status_text(row))[column]
        if role == Qt.ToolTipRole:
            follows = QCoreApplication.translate("CheckTableModel", "differs as the mistake above makes it differ")
            lines = (row.label(), row.equation, row.note, follows if row.status == FOLLOWS else "")
            return "\n".join(t for t in lines if t) or None
        if role == Qt.ForegroundRole and row.status != AGREES:
            return DIFFERS_COLOUR if row.status == DIFFERS else FOLLOWS_COLOUR
        if role == Qt.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
