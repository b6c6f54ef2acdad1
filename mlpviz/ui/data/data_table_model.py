"""The data set as a table: one row per sample (training rows, then test rows), inputs then targets.

Cells are read on demand from the Dataset's arrays; an edit never changes them (a
Dataset is immutable) but hands ``(row, column, value)`` to ``commit``, which builds a
new data set and gives it to the session. Rows of the next step's mini-batch are marked.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from mlpviz.datasets import Dataset

from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg
from mlpviz.ui.widgets.plain_text import plain_roles
from mlpviz.ui.plots.class_colours import class_rgb
from mlpviz.ui.tables.weight_table_model import read_cell

_DISPLAY, _EDIT, _TOOLTIP = int(Qt.DisplayRole.value), int(Qt.EditRole.value), int(Qt.ToolTipRole.value)
_BACKGROUND, _FONT, _FOREGROUND = int(Qt.BackgroundRole.value), int(Qt.FontRole.value), int(Qt.ForegroundRole.value)
_ALIGNMENT, _DECORATION = int(Qt.TextAlignmentRole.value), int(Qt.DecorationRole.value)
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
_EDITABLE = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable
BATCH_COLOUR = QColor(255, 236, 160)  # rows of the next step's mini-batch
TEST_COLOUR = QColor(110, 110, 110)  # text of test rows
CELL_DIGITS = 6


class DataTableModel(QAbstractTableModel):
    """Rows ``n_train + n_test``; columns ``x1..xd`` then ``y`` or ``y1..yk``.

    ``commit(row, col, value)`` applies an edit (raising MlpvizError to refuse it);
    refusals are reported through ``problem``.
    """

    problem = Signal(str)

    def __init__(self, dataset: Dataset, commit: Callable[[int, int, float], None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.commit = commit
        self._dataset = dataset
        self._batch = np.zeros(dataset.n_train, dtype=bool)
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- what the model shows --------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def set_dataset(self, dataset: Dataset) -> None:
        """Show ``dataset``; same shape (an edit): cells change in place, keeping selection and scroll."""
        old = self._dataset
        same_shape = (old.n_train, old.n_test, old.n_inputs, old.n_outputs) == (
            dataset.n_train, dataset.n_test, dataset.n_inputs, dataset.n_outputs)
        if same_shape:
            self._dataset = dataset
            if self.rowCount() and self.columnCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._dataset = dataset
        self._batch = np.zeros(dataset.n_train, dtype=bool)
        self.endResetModel()

    def set_batch(self, indices: np.ndarray) -> None:
        """Mark the training rows ``indices`` (int array) as the next step's mini-batch."""
        mask = np.zeros(self._dataset.n_train, dtype=bool)
        mask[np.asarray(indices, dtype=np.intp)] = True
        if np.array_equal(mask, self._batch):
            return
        self._batch = mask
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self._dataset.n_train - 1, self.columnCount() - 1),
                                  [Qt.BackgroundRole])
            self.headerDataChanged.emit(Qt.Vertical, 0, max(self._dataset.n_train - 1, 0))

    def in_batch(self, row: int) -> bool:
        return row < len(self._batch) and bool(self._batch[row])

    def value(self, row: int, col: int) -> float:
        d = self._dataset
        train = row < d.n_train
        i = row if train else row - d.n_train
        if col < d.n_inputs:
            return float((d.x_train if train else d.x_test)[i, col])
        return float((d.y_train if train else d.y_test)[i, col - d.n_inputs])

    def column_name(self, col: int) -> str:
        d = self._dataset
        if col < d.n_inputs:
            return f"x{col + 1}"
        if d.n_outputs == 1:
            return "y"
        j = col - d.n_inputs
        names = d.class_names
        return f"y{j + 1} ({names[j]})" if len(names) == d.n_outputs else f"y{j + 1}"

    def class_name(self, row: int) -> str:
        """The name of row ``row``'s class, or "" when the data has no named classes."""
        d = self._dataset
        train = row < d.n_train
        labels = d.labels_train if train else d.labels_test
        if not d.class_names or labels is None:
            return ""
        return d.class_names[int(labels[row if train else row - d.n_train])]

    def class_colour(self, row: int) -> QColor | None:
        """The colour of row ``row``'s class (``plots.class_colours``), or None when the data has no classes."""
        d = self._dataset
        train = row < d.n_train
        labels = d.labels_train if train else d.labels_test
        if labels is None or not d.class_labels:
            return None
        r, g, b = class_rgb(len(d.class_labels))[int(labels[row if train else row - d.n_train])]
        return QColor(int(r), int(g), int(b))

    # --- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._dataset.n_train + self._dataset.n_test

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._dataset.n_inputs + self._dataset.n_outputs

    @plain_roles
    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        role = int(role.value) if hasattr(role, "value") else int(role)
        row, col = index.row(), index.column()
        if role == _DISPLAY:
            text = f"{self.value(row, col):.{CELL_DIGITS}g}"
            if col >= self._dataset.n_inputs and self._dataset.n_outputs == 1 and self._dataset.class_names:
                text += f" ({self.class_name(row)})"
            return text
        if role == _EDIT:
            return repr(self.value(row, col))
        if role == _ALIGNMENT:
            return _RIGHT
        if role == _DECORATION and col == self._dataset.n_inputs:  # the class's swatch, as in the key and the map
            return self.class_colour(row)
        if role == _BACKGROUND and self.in_batch(row):
            return QBrush(BATCH_COLOUR)
        test = row >= self._dataset.n_train
        if role == _FOREGROUND and test:
            return QBrush(TEST_COLOUR)
        if role == _FONT and test:
            return self._italic
        if role == _TOOLTIP:
            kind = str(msg("test sample (not trained on)")) if test else (
                str(msg("training sample in the next step's mini-batch")) if self.in_batch(row) else str(msg("training sample")))
            name = self.class_name(row)
            return f"{self.column_name(col)} = {self.value(row, col)!r} · {kind}" + (f" · class {name}" if name else "")
        return None

    @plain_roles
    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        role = int(role.value) if hasattr(role, "value") else int(role)
        if role != _DISPLAY:
            return None
        if orientation == Qt.Horizontal:
            return self.column_name(section)
        n_train = self._dataset.n_train
        if section >= n_train:
            return f"test {section - n_train + 1}"
        return f"▶ {section + 1}" if self.in_batch(section) else str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return _EDITABLE if self.commit is not None else Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def setData(self, index, value, role=_EDIT) -> bool:  # noqa: N802
        """Apply a typed number through ``commit``; refuse anything that is not a finite number."""
        role = int(role.value) if hasattr(role, "value") else int(role)
        if role != _EDIT or not index.isValid() or self.commit is None:
            return False
        row, col = index.row(), index.column()
        try:
            number = read_cell(value)
        except MlpvizError as exc:
            self.problem.emit(self.tr("{0}: {1} of row {2} stays {3:g}").format(
                exc, self.column_name(col), row + 1, self.value(row, col)))
            return False
        try:
            self.commit(row, col, number)
        except MlpvizError as exc:
            self.problem.emit(str(exc))
            return False
        return True
