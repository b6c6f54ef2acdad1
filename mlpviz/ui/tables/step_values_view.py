"""The "step values" view: per layer and per unit, z, a, f'(z), δ (and the target) of one sample.

Like a worked backprop example: the forward pass down the z and a columns, the backward
pass in the δ column. Values come from the record (``pick_sample`` gives a sample's row
or the batch mean); the model computes nothing per cell and stores nothing per cell.
"""

from __future__ import annotations


import numpy as np
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from mlpviz.app.selection import MEAN, Selection, UnitRef
from mlpviz.app.training_status import TrainingStatus
from mlpviz.engine.unit_names import layer_title, unit_name
from mlpviz.app.view_state import ViewState
from mlpviz.engine import ForwardRecord
from mlpviz.engine.explain import pick_sample
from mlpviz.i18n import msg

from .cell_colour import ASKED, asked_colours
from .formula_text import delta_shown, fmt
from ..widgets.redraw_throttle import RedrawThrottle
from ..widgets.arrow_keys import keep_arrow_keys
from ..widgets.plain_text import plain_label
from mlpviz.ui.widgets.plain_text import plain_roles

COLUMNS = (msg("unit"), "z", "a = f(z)", "f'(z)", "δ = ∂C/∂z", msg("target y"))
UNIT_COLUMN_WIDTH = 60  # fits "h2.128" beside the tree's indentation
NUMBER_COLUMN_WIDTH = 80  # for networks too big to fit columns to their contents cheaply
FIT_COLUMNS_UP_TO = 300  # units; below this the columns fit their numbers (not during Run)
CELL_DIGITS = 6  # significant digits in the cells; the formula panel and RAW_ROLE keep every digit
COLUMN_TIPS = (
    msg("Unit (x = inputs, h = hidden, y = outputs)"),
    msg("Net input z = Σ a·w + b"),
    msg("Activation a = f(z)"),
    msg("Slope of the activation at z (the chain rule's local factor)"),
    msg("δ = ∂C/∂z, from the backward pass"),
    msg("The target the output is trained towards"),
)
RAW_ROLE = int(Qt.UserRole.value)  # the float in a cell, None when there is none
RUNS_PER_SECOND = 4  # refreshes during Run: numbers changing faster cannot be read
_DISPLAY, _FONT, _ALIGNMENT = int(Qt.DisplayRole.value), int(Qt.FontRole.value), int(Qt.TextAlignmentRole.value)
_BACKGROUND, _FOREGROUND = int(Qt.BackgroundRole.value), int(Qt.ForegroundRole.value)
ASKABLE = {1: "z", 2: "a", 4: "delta"}  # column -> the kind of a quiz question about it
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
EXPAND_LIMIT = 64  # layers with more units start collapsed
_BOLD: QFont | None = None  # made once a QApplication exists


class StepValuesModel(QAbstractItemModel):
    """Two levels: a row per unit layer (0..L), under it a row per unit; columns ``COLUMNS``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sizes: tuple[int, ...] = ()
        self._columns: list[list[np.ndarray | None]] = []  # [layer][column] -> (n_layer,) or None
        self._titles: list[str] = []
        self._output_names: tuple[str, ...] = ()  # the outputs' classes (ViewState.output_names)
        self._asked: tuple[int, int, int] | None = None  # (layer, unit, column) a quiz question hides
        self.sample = MEAN
        global _BOLD
        if _BOLD is None:
            _BOLD = QFont()
            _BOLD.setBold(True)

    def set_record(self, record: ForwardRecord | None, sample: int, state: ViewState | None = None) -> None:
        """Show ``record``'s numbers for ``sample`` (MEAN = batch mean); ``state`` hides δ not yet computed."""
        sizes = () if record is None else record.arch.sizes
        self._output_names = () if state is None else state.output_names
        if record is not None and not 0 <= sample < record.batch_size:
            sample = MEAN
        self.sample = sample
        self._asked = None
        q = None if state is None else state.asked
        if q is not None and q.is_unit:
            for column, kind in ASKABLE.items():
                if state.hides_unit(kind, q.layer, q.index):
                    self._asked = (q.layer, q.index, column)
        columns, titles = [], []
        if record is not None:
            L = record.arch.layer_count
            for layer in range(L + 1):
                col: list[np.ndarray | None] = [None] * len(COLUMNS)
                reached = state is None or state.shows_activation(layer)  # the forward pass got here
                col[2] = pick_sample(record.activations[layer], sample) if reached else None
                title = layer_title(layer, L)
                if layer:
                    here = record.layer(layer)
                    col[1] = pick_sample(here.z, sample) if reached else None
                    col[3] = None if here.slope is None or not reached else pick_sample(here.slope, sample)
                    if here.delta is not None and (state is None or delta_shown(state, layer)):
                        col[4] = pick_sample(here.delta, sample)
                    title += f" ({record.arch.activation_of(layer)})"
                if layer == L and record.targets is not None:
                    col[5] = pick_sample(record.targets, sample)
                    if state is None or state.shows_loss:
                        loss = record.loss if sample < 0 else record.losses[sample]
                        title += f"   C = {fmt(loss)}" + (str(msg(" (batch mean)")) if sample < 0 else "")
                columns.append(col)
                titles.append(title)
        if sizes != self._sizes:
            self.beginResetModel()
            self._sizes, self._columns, self._titles = sizes, columns, titles
            self.endResetModel()
            return
        self._columns, self._titles = columns, titles
        for layer, n in enumerate(sizes):
            top = self.index(layer, 0)
            self.dataChanged.emit(top, top)
            if n:
                self.dataChanged.emit(self.index(0, 0, top), self.index(n - 1, len(COLUMNS) - 1, top))

    # --- references ------------------------------------------------------------------

    def unit_at(self, index: QModelIndex) -> UnitRef | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return UnitRef(index.internalId() - 1, index.row())

    def index_of(self, unit: UnitRef) -> QModelIndex:
        if not 0 <= unit.layer < len(self._sizes) or not 0 <= unit.index < self._sizes[unit.layer]:
            return QModelIndex()
        return self.index(unit.index, 0, self.index(unit.layer, 0))

    def raw(self, layer: int, unit: int, column: int) -> float | None:
        if (layer, unit, column) == self._asked:
            return None
        values = self._columns[layer][column]
        return None if values is None else float(values[unit])

    # --- QAbstractItemModel ------------------------------------------------------------

    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid():
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, 0)

    def parent(self, index=QModelIndex()):  # noqa: D401 (Qt overload)
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        if not parent.isValid():
            return len(self._sizes)
        if parent.internalId() == 0 and parent.column() == 0:
            return self._sizes[parent.row()]
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    @plain_roles
    def data(self, index, role=_DISPLAY):
        layer_id = index.internalId()
        if layer_id == 0:  # a layer row
            if index.column() != 0:
                return None
            if role == _DISPLAY:
                return self._titles[index.row()]
            return _BOLD if role == _FONT else None
        layer, unit, column = layer_id - 1, index.row(), index.column()
        if role == _DISPLAY:
            if column == 0:
                return unit_name(layer, unit, len(self._sizes) - 1, self._output_names)
            if (layer, unit, column) == self._asked:
                return ASKED
            v = self.raw(layer, unit, column)
            return "" if v is None else f"{v:.{CELL_DIGITS}g}"
        if column == 0:
            return None
        if role in (_BACKGROUND, _FOREGROUND) and (layer, unit, column) == self._asked:
            return asked_colours()[role == _FOREGROUND]
        if role == RAW_ROLE:
            return self.raw(layer, unit, column)
        if role == _ALIGNMENT:
            return _RIGHT
        return None

    @plain_roles
    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal:
            if role == Qt.DisplayRole:
                return str(COLUMNS[section])
            if role == Qt.ToolTipRole:
                return str(COLUMN_TIPS[section])
        return None


class StepValuesView(QWidget):
    """The step-values tree for the selected sample of the current record; picks units both ways."""

    def __init__(self, state: ViewState, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self._running = False
        self.model = StepValuesModel(self)
        self.sample_label = plain_label()
        self.tree = QTreeView()
        keep_arrow_keys(self.tree)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tree.header().setDefaultSectionSize(NUMBER_COLUMN_WIDTH)
        self.tree.header().setStretchLastSection(False)
        self.tree.setIndentation(12)
        self.tree.setColumnWidth(0, UNIT_COLUMN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.sample_label)
        layout.addWidget(self.tree)
        self._state: ViewState | None = None
        self.throttle = RedrawThrottle(self._refresh, RUNS_PER_SECOND, self)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.model.modelReset.connect(self._on_model_reset)
        selection.sample_changed.connect(lambda _s: self._refresh())
        selection.item_changed.connect(self._on_selection_item_changed)
        self._state = state
        self._refresh()

    def set_state(self, state: ViewState) -> None:
        """Show ``state`` (the session's ``state_changed``); at most RUNS_PER_SECOND times a second during Run."""
        self._state = state
        self.throttle.request(throttle=self._running)

    def set_status(self, status: TrainingStatus) -> None:
        """Run on or off (the session's ``status_changed``); Pause shows the last state at once."""
        was_running, self._running = self._running, status.running
        if was_running != status.running:
            self._fit_columns()
        if was_running and not status.running and self.throttle.pending:
            self.throttle.redraw_now()

    def _refresh(self) -> None:
        state = self._state
        record = None if state is None else state.record
        self.model.set_record(record, self.selection.sample, state)
        if record is None:
            self.sample_label.setText("")
        elif self.model.sample == MEAN:
            self.sample_label.setText(self.tr("Batch mean over {0} samples (each number is a mean)").format(record.batch_size))
        else:
            self.sample_label.setText(self.tr("Sample {0} of {1}").format(self.model.sample + 1, record.batch_size))

    def _fit_columns(self) -> None:
        """Columns fit their numbers on small networks, except during Run: fitting asks every
        cell for its size on each refresh, which cost more than the refresh itself."""
        small = sum(self.model.rowCount(self.model.index(l, 0)) for l in range(self.model.rowCount())) <= FIT_COLUMNS_UP_TO
        mode = QHeaderView.ResizeToContents if small and not self._running else QHeaderView.Interactive
        for column in range(1, self.model.columnCount()):
            self.tree.header().setSectionResizeMode(column, mode)

    def _fit_unit_column(self) -> None:
        """The unit column as wide as its longest name in the font now ("h1.2", not "h1…" at 2× text)."""
        names = ["h8.888"]
        for layer in range(self.model.rowCount()):
            top = self.model.index(layer, 0)
            names += [str(self.model.data(self.model.index(k, 0, top)) or "") for k in range(self.model.rowCount(top))]
        widest = max(self.tree.fontMetrics().horizontalAdvance(name) for name in names)
        self.tree.setColumnWidth(0, max(UNIT_COLUMN_WIDTH, widest + self.tree.indentation() + 2 * self.tree.fontMetrics().horizontalAdvance("M")))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:  # View ▸ Text size
            self._fit_unit_column()

    def _on_model_reset(self) -> None:
        self._fit_columns()
        self._fit_unit_column()
        for layer in range(self.model.rowCount()):
            top = self.model.index(layer, 0)
            self.tree.setFirstColumnSpanned(layer, QModelIndex(), True)
            self.tree.setExpanded(top, self.model.rowCount(top) <= EXPAND_LIMIT)
        self._select(self.selection.item)

    def _on_tree_current_changed(self, current: QModelIndex, _previous) -> None:
        unit = self.model.unit_at(current)
        if unit is not None:  # the selection's echo back to _select ends there: it is already current
            self.selection.set_item(unit)

    def _on_selection_item_changed(self, item) -> None:
        self._select(item)

    def _select(self, item) -> None:
        """Make ``item`` the current row; the tree's echo sets the selection to what it is (no signal)."""
        index = self.model.index_of(item) if isinstance(item, UnitRef) else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        else:
            self.tree.selectionModel().clearCurrentIndex()
            self.tree.clearSelection()
