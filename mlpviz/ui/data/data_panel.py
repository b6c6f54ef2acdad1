"""The data panel: the training data as an editable table, the current mini-batch, and row buttons.

Every change builds a new Dataset (mlpviz.app.data_edits) and hands it to
``request_data``; the table then follows ``set_dataset``. A refused change
leaves the data as it was and says why through ``problem``.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from mlpviz.app import data_edits
from mlpviz.datasets import Dataset
from mlpviz.engine import MlpvizError

from ..widgets.class_key import ClassKey
from .data_table_model import DataTableModel
from ..widgets.live_label import live_label
from ..widgets.arrow_keys import keep_arrow_keys
from ..widgets.number_delegate import NumberDelegate
from ..widgets.redraw_throttle import RedrawThrottle
from ..widgets.plain_text import plain_label

BATCH_REFRESH_SECONDS = 0.1  # the batch marks follow Run at most this often


class DataPanel(QWidget):
    """Table of ``dataset`` (training rows then test rows) with the next mini-batch marked.

    ``next_batch()`` gives the next step's ``(BatchPosition, row indices)`` (raises MlpvizError
    when there is none); ``request_data(dataset)`` trains on an edited data set (raises
    MlpvizError to refuse it). ``seed`` starts the seeds of "New random batch".
    """

    problem = Signal(str)
    message = Signal(str)  # for the status bar

    def __init__(self, dataset: Dataset, seed: int, next_batch: Callable[[], tuple],
                 request_data: Callable[[Dataset], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dataset = dataset
        self._next_batch, self._request_data = next_batch, request_data
        self._random_seed = seed

        self.model = DataTableModel(dataset, commit=self._commit_edit, parent=self)
        self.model.problem.connect(self.problem)
        self.table = QTableView()
        keep_arrow_keys(self.table)
        self.table.setModel(self.model)
        self.delegate = NumberDelegate(self.table)
        self.delegate.problem.connect(self.problem)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setToolTip(self.tr("Double-click a cell to edit it; marked rows (▶) are the next step's mini-batch"))
        self.summary_label = plain_label()
        self.batch_label = live_label(self.tr("Mini-batch {0} of {1} ({2} rows) · epoch {3}").format(88, 88, 888, 888))
        self.batch_label.setToolTip(self.tr("Which mini-batch the next step trains on"))
        self.random_button = QPushButton(self.tr("New random batch"))
        self.random_button.setToolTip(self.tr("Draw new points and labels the notebook's way (a new seed each click)"))
        self.add_button = QPushButton(self.tr("Add row"))
        self.add_button.setToolTip(self.tr("Append a copy of the last training row, ready to edit"))
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.setToolTip(self.tr("Remove the selected rows"))

        buttons = QHBoxLayout()
        for button in (self.random_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        self.class_key = ClassKey()  # each class's swatch, as in the decision map and the table's class column
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.class_key)
        layout.addWidget(self.batch_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.batch_throttle = RedrawThrottle(self._refresh_batch, 1 / BATCH_REFRESH_SECONDS, self)
        self.random_button.clicked.connect(self._on_random_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.class_key.set_classes(dataset.class_labels)
        self._show_summary(dataset)
        self._refresh_batch()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(300, 260)

    # --- values -> widgets -----------------------------------------------------------

    def set_dataset(self, dataset: Dataset) -> None:
        """Show ``dataset`` (the session's ``data_changed``)."""
        self._dataset = dataset
        self.model.set_dataset(dataset)
        self.class_key.set_classes(dataset.class_labels)
        self._show_summary(dataset)
        self._refresh_batch()

    def set_state(self, _state) -> None:
        """A new picture (the session's ``state_changed``). Cheap: follows Run at most every
        BATCH_REFRESH_SECONDS, and always shows the last state."""
        self.batch_throttle.request()

    def set_config(self, _config) -> None:
        """New training settings (the session's ``config_changed``): the next batch may differ."""
        self._refresh_batch()

    def _refresh_batch(self) -> None:
        try:
            (epoch, number, per_epoch), indices = self._next_batch()
        except MlpvizError:
            return
        self.model.set_batch(indices)
        if per_epoch == 1:
            self.batch_label.setText(self.tr("Full batch: all {0} training rows · epoch {1}").format(
                len(indices), epoch + 1))
        else:
            self.batch_label.setText(self.tr("Mini-batch {0} of {1} ({2} rows) · epoch {3}").format(
                number + 1, per_epoch, len(indices), epoch + 1))

    def _show_summary(self, dataset: Dataset) -> None:
        classes = self.tr(", {0} classes").format(dataset.n_classes) if dataset.n_classes else ""
        self.summary_label.setText(self.tr("{0}: {1} training + {2} test rows{3}").format(
            dataset.name, dataset.n_train, dataset.n_test, classes))
        self.remove_button.setEnabled(dataset.n_train + dataset.n_test > 1)

    # --- widgets -> commands ---------------------------------------------------------

    def _commit_edit(self, row: int, col: int, value: float) -> None:
        """Called by the model: raises MlpvizError to refuse (the cell keeps its value)."""
        self._request_data(data_edits.with_value(self._dataset, row, col, value))

    def _apply(self, make) -> bool:
        try:
            self._request_data(make(self._dataset))
        except MlpvizError as exc:
            self.problem.emit(str(exc))
            return False
        return True

    def _on_random_button_clicked(self) -> None:
        self._random_seed += 1
        if self._apply(lambda d: data_edits.random_batch(d, self._random_seed)):
            self.message.emit(self.tr("New random batch from seed {0}").format(self._random_seed))

    def _on_add_button_clicked(self) -> None:
        if self._apply(data_edits.with_row_added):
            self.table.scrollToBottom()

    def _on_remove_button_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows:
            rows = [self._dataset.n_train - 1]

        def remove(dataset: Dataset) -> Dataset:
            for row in rows:
                dataset = data_edits.without_row(dataset, row)
            return dataset

        self._apply(remove)
