"""One weight layer as a table: ``W[layer]`` (rows = units before, columns = units after) plus the bias row.

Cells are computed on demand from the arrays the model holds by reference (the
parameters shown, and the record that explains them), so a 784×128 layer costs no
more than a 2×3 one: nothing is stored per cell, and an update is one dataChanged.
"""

from __future__ import annotations

from enum import Enum
from typing import Callable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from mlpviz.app.selection import WeightRef
from mlpviz.app.view_state import ViewState
from mlpviz.engine.unit_names import layer_title, unit_name, weight_name
from mlpviz.engine import ForwardRecord, MlpvizError, StepRecord
from mlpviz.engine.params import layer_views
from mlpviz.i18n import msg, msg_in
from mlpviz.teaching.answer import parse_answer
from mlpviz.engine.layers import layer_fed_by, weights_into

from .cell_colour import ASKED, asked_colours, cell_colours
from .formula_text import cell_tooltip
from mlpviz.ui.widgets.plain_text import plain_roles

RAW_ROLE = int(Qt.UserRole.value)  # the float shown in the cell (value, Δ or gradient), None when there is none
VALUE_ROLE = RAW_ROLE + 1  # the parameter's value, whatever the cell shows
HIGHLIGHT_ROLE = RAW_ROLE + 2  # 0..1: how strongly to mark a cell the last step changed
CELL_DIGITS = 5

_DISPLAY, _EDIT, _TOOLTIP = int(Qt.DisplayRole.value), int(Qt.EditRole.value), int(Qt.ToolTipRole.value)
_BACKGROUND, _FOREGROUND = int(Qt.BackgroundRole.value), int(Qt.ForegroundRole.value)
_ALIGNMENT = int(Qt.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
_READ_ONLY = Qt.ItemIsEnabled | Qt.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemIsEditable


class Show(Enum):
    """What the cells hold."""

    VALUE = "value"
    CHANGE = "change"  # Δw = w' − w of the last step
    GRADIENT = "gradient"  # ∂C/∂w of the last step
    DIFFERENCE = "difference"  # w − w₀ against the step or snapshot being compared with
    NUMERIC = "numeric"  # ∂C/∂w by central differences (the gradient check), set by the dock
    STATE1 = "state1"  # the optimizer's first state vector after the step (velocity v; m; s; G)
    STATE2 = "state2"  # its second one (Adam's v; RMSProp's momentum buffer b)
    STEP = "step"  # the effective step the optimizer took: η·v, η·m̂/(√v̂ + ε), ...

    @property
    def label(self) -> str:
        return {Show.VALUE: "w", Show.CHANGE: "Δw", Show.GRADIENT: "∂C/∂w", Show.DIFFERENCE: "w − w₀",
                Show.NUMERIC: str(msg("numeric")), Show.STATE1: str(msg("state")), Show.STATE2: str(msg("state 2")),
                Show.STEP: str(msg_in("weights view", "step"))}[self]

    @property
    def state_index(self) -> int | None:
        """Which of the optimizer's state vectors this view shows (None: not a state view)."""
        return {Show.STATE1: 0, Show.STATE2: 1}.get(self)


def read_cell(value) -> float:
    """A finite float from a number or typed text (``0.5``, ``-1e-3``, ``0,5``; the app's one
    rule, ``parse_answer``); MlpvizError says why not."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not np.isfinite(value):
            raise MlpvizError(msg("{value} is not a finite number", value=repr(value)))
        return float(value)
    return parse_answer(str(value))


def asked_cell(state: ViewState, layer: int) -> tuple[int, int, frozenset] | None:
    """``(row, col, shows)``: the parameter of weight layer ``layer`` whose ∂C/∂w or new value a quiz
    question hides (row -1: a bias), and the table views (Show) that would give it away; else None."""
    q = state.asked
    if q is None or q.is_unit or weights_into(q.layer) != layer:
        return None
    if state.hides_parameter("grad", layer, q.row, q.index):  # Δw = −lr·∂C/∂w gives it away too
        return q.row, q.index, frozenset((Show.GRADIENT, Show.NUMERIC, Show.CHANGE, Show.STEP, Show.STATE1, Show.STATE2))
    if any(state.hides_parameter(k, layer, q.row, q.index) for k in ("m", "v")):  # the state, and what follows from it
        shown = (Show.STATE1, Show.STATE2, Show.STEP, Show.CHANGE)
        return q.row, q.index, frozenset(shown + ((Show.VALUE,) if state.shows_updated_parameters else ()))
    if state.hides_parameter("new", layer, q.row, q.index):
        shown = (Show.CHANGE, Show.STEP, Show.VALUE) if state.shows_updated_parameters else (Show.CHANGE, Show.STEP)
        return q.row, q.index, frozenset(shown)
    return None


class WeightTableModel(QAbstractTableModel):
    """Weights ``(fan_in, fan_out)`` of weight layer ``layer`` with its bias as an extra last row.

    ``commit(layer, row, col, value)`` (row -1 = bias) applies an edit; without it the
    table is read-only. ``problem`` carries the message of a refused edit.
    """

    problem = Signal(str)

    def __init__(self, layer: int, layer_count: int, weights: np.ndarray, biases: np.ndarray,
                 record: ForwardRecord | None = None, parent=None) -> None:
        super().__init__(parent)
        self.layer = layer
        self.layer_count = layer_count
        self.commit: Callable[[int, int, int, float], None] | None = None
        self._weights = weights
        self._biases = biases
        self._record = record
        self._difference: tuple[np.ndarray, np.ndarray] | None = None
        self._numeric: tuple[np.ndarray, np.ndarray] | None = None
        self._show = Show.VALUE
        self._highlight = 0.0
        self._cache: dict[str, object] = {}
        self._fan_in, self._fan_out = weights.shape
        self._output_names: tuple[str, ...] = ()
        self._asked: tuple[int, int, frozenset] | None = None  # see asked_cell
        self._handlers = {
            _DISPLAY: self._display, _BACKGROUND: self._background, _FOREGROUND: self._foreground,
            _ALIGNMENT: lambda r, c: _RIGHT, RAW_ROLE: self.raw, VALUE_ROLE: self.value,
            HIGHLIGHT_ROLE: self._highlight_of, _EDIT: lambda r, c: repr(self.value(r, c)),
            _TOOLTIP: self._tooltip,
        }

    # --- what the dock sets --------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, int]:
        """``(fan_in, fan_out)`` of the weight matrix."""
        return self._fan_in, self._fan_out

    @property
    def show(self) -> Show:
        return self._show

    def set_values(self, weights: np.ndarray, biases: np.ndarray, record: ForwardRecord | None,
                   difference: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Show ``weights`` ``(fan_in, fan_out)`` and ``biases`` ``(fan_out,)``, explained by ``record``.

        ``difference`` is ``(W − W₀, b − b₀)`` when comparing with another step or a snapshot.
        """
        if weights.shape != (self._fan_in, self._fan_out):
            raise ValueError(msg("weights of shape {shape} do not fit a {table} table", shape=weights.shape, table=self.shape))
        if (weights is self._weights and biases is self._biases and record is self._record
                and difference is self._difference):
            return
        self._weights, self._biases, self._record = weights, biases, record
        self._difference = difference
        self._cache.clear()
        self._all_changed()

    def set_output_names(self, names: tuple[str, ...]) -> None:
        """What each output unit stands for (the data's classes, ViewState.output_names): headers name them."""
        if names != self._output_names:
            self._output_names = tuple(names)
            self.headerDataChanged.emit(Qt.Horizontal, 0, max(self._fan_out - 1, 0))

    def set_asked(self, asked: tuple[int, int, frozenset] | None) -> None:
        """The cell a quiz question hides (``asked_cell``): it shows "?" in the views that would give it away."""
        if asked != self._asked:
            self._asked = asked
            self._cache.pop("limit", None)
            self._all_changed()

    def _is_asked(self, row: int, col: int) -> bool:
        """Cell ``(row, col)`` (row ``fan_in``: the bias) is hidden by a question in the current view."""
        a = self._asked
        return a is not None and a[1] == col and a[0] == (-1 if row == self._fan_in else row) and self._show in a[2]

    def set_show(self, show: Show) -> None:
        if show is not self._show:
            self._show = show
            self._cache.pop("limit", None)
            self._all_changed()

    def set_numeric(self, numeric: tuple[np.ndarray, np.ndarray] | None) -> None:
        """The numeric gradient ``(dW, db)`` of the shown step for Show.NUMERIC (None: not computed)."""
        if numeric is not self._numeric:
            self._numeric = numeric
            self._cache.pop("limit", None)
            if self._show is Show.NUMERIC:
                self._all_changed()

    def set_highlight(self, strength: float) -> None:
        """Mark the cells the last step changed with ``strength`` 0..1 (0 = no mark)."""
        if strength != self._highlight:
            self._highlight = strength
            self._all_changed([HIGHLIGHT_ROLE])

    def _all_changed(self, roles=None) -> None:
        last = self.index(self._fan_in, self._fan_out - 1)
        if roles is None:
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.dataChanged.emit(self.index(0, 0), last, roles)

    # --- references ------------------------------------------------------------------

    def ref_at(self, index: QModelIndex) -> WeightRef | None:
        if not index.isValid():
            return None
        row = index.row()
        return WeightRef(self.layer, -1 if row == self._fan_in else row, index.column())

    def index_of(self, ref: WeightRef) -> QModelIndex:
        if ref.layer != self.layer:
            return QModelIndex()
        return self.index(self._fan_in if ref.row < 0 else ref.row, ref.col)

    # --- arrays behind the cells ------------------------------------------------------

    def _step(self) -> StepRecord | None:
        return self._record if isinstance(self._record, StepRecord) else None

    def _changes(self) -> tuple[np.ndarray, np.ndarray] | None:
        if "changes" not in self._cache:
            rec = self._step()
            self._cache["changes"] = (
                None if rec is None else (rec.weight_change(self.layer), rec.bias_change(self.layer))
            )
        return self._cache["changes"]

    def _shown(self) -> tuple[np.ndarray, np.ndarray] | None:
        if self._show is Show.VALUE:
            return self._weights, self._biases
        if self._show is Show.CHANGE:
            return self._changes()
        if self._show is Show.DIFFERENCE:
            return self._difference
        if self._show is Show.NUMERIC:
            return self._numeric
        rec = self._step()
        if rec is None:
            return None
        if self._show is Show.STEP or self._show.state_index is not None:
            return self._optimizer_view(rec)
        return rec.grad_weights[self.layer], rec.grad_biases[self.layer]

    def _optimizer_view(self, rec: StepRecord) -> tuple[np.ndarray, np.ndarray] | None:
        """This layer's part of the effective step or of a state vector after the step (None if there is none)."""
        key = f"optimizer {self._show.value}"
        if key not in self._cache:
            k = self._show.state_index
            arrays = rec.state_after.arrays
            flat = rec.effective_step() if k is None else (arrays[k] if k < len(arrays) else None)
            if flat is None:
                self._cache[key] = None
            else:
                weights, biases = layer_views(flat, rec.arch.sizes)
                self._cache[key] = (weights[self.layer], biases[self.layer])
        return self._cache[key]

    def _limit(self) -> float:
        """Half-width of the colour scale: the largest magnitude shown in this table."""
        if "limit" not in self._cache:
            shown = self._shown()
            limit = 0.0
            if shown is not None:
                with np.errstate(all="ignore"):
                    limit = float(max(np.nanmax(np.abs(shown[0]), initial=0.0), np.nanmax(np.abs(shown[1]), initial=0.0)))
            self._cache["limit"] = limit if np.isfinite(limit) else 0.0
        return self._cache["limit"]

    def raw(self, row: int, col: int) -> float | None:
        """The number in cell ``(row, col)``; row ``fan_in`` is the bias row."""
        shown = self._shown()
        if shown is None or self._is_asked(row, col):
            return None
        return float(shown[1][col] if row == self._fan_in else shown[0][row, col])

    def value(self, row: int, col: int) -> float:
        return float(self._biases[col] if row == self._fan_in else self._weights[row, col])

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else self._fan_in + 1

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._fan_out

    @plain_roles
    def data(self, index, role=_DISPLAY):
        # Called for every role of every visible cell on each repaint: dispatch on the int role.
        handler = self._handlers.get(role)
        return None if handler is None else handler(index.row(), index.column())

    def _display(self, row: int, col: int) -> str:
        if self._is_asked(row, col):
            return ASKED
        v = self.raw(row, col)
        return "" if v is None else f"{v:.{CELL_DIGITS}g}"

    def _background(self, row: int, col: int):
        if self._is_asked(row, col):
            return asked_colours()[0]
        v = self.raw(row, col)
        pair = None if v is None else cell_colours(v, self._limit())
        return None if pair is None else pair[0]

    def _foreground(self, row: int, col: int):
        if self._is_asked(row, col):
            return asked_colours()[1]
        v = self.raw(row, col)
        pair = None if v is None else cell_colours(v, self._limit())
        return None if pair is None else pair[1]

    def _highlight_of(self, row: int, col: int) -> float:
        if self._highlight <= 0.0:
            return 0.0
        changes = self._changes()
        if changes is None:
            return 0.0
        d = changes[1][col] if row == self._fan_in else changes[0][row, col]
        return self._highlight if d != 0 else 0.0

    def _tooltip(self, row: int, col: int) -> str:
        ref = self.ref_at(self.index(row, col))
        if self._asked is not None and self._asked[:2] == (ref.row, ref.col):
            return self.tr("The quiz asks for a number of this parameter: answer it first.")
        return cell_tooltip(self._record, self.value(row, col), self.layer, ref.row, ref.col, self.layer_count)

    def _header(self, section: int, vertical: bool) -> str:
        if vertical:
            return self.tr("bias") if section == self._fan_in else unit_name(self.layer, section, self.layer_count)
        return unit_name(layer_fed_by(self.layer), section, self.layer_count, self._output_names)

    @plain_roles
    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        if role == _DISPLAY:
            return self._header(section, orientation == Qt.Vertical)
        if role == _TOOLTIP:
            vertical = orientation == Qt.Vertical
            if vertical and section == self._fan_in:
                return str(msg("biases of {value}", value=layer_title(layer_fed_by(self.layer), self.layer_count)))
            layer = self.layer if vertical else layer_fed_by(self.layer)
            name = unit_name(layer, section, self.layer_count, self._output_names)
            title = layer_title(layer, self.layer_count)
            return (self.tr("weights from {0} ({1})") if vertical else self.tr("weights into {0} ({1})")).format(name, title)
        return None

    def flags(self, index):
        if self.commit is not None and self._show is Show.VALUE:
            return _EDITABLE
        return _READ_ONLY

    def setData(self, index, value, role=_EDIT) -> bool:  # noqa: N802
        """Apply a typed number through ``commit``; refuse anything that is not a finite number."""
        if role != _EDIT or not index.isValid() or self.commit is None or self._show is not Show.VALUE:
            return False
        ref = self.ref_at(index)
        try:
            number = read_cell(value)
        except MlpvizError as exc:
            self.problem.emit(self.tr("{0}: {1} stays {2:g}").format(
                exc, self._name(ref), self.value(index.row(), index.column())))
            return False
        try:
            self.commit(ref.layer, ref.row, ref.col, number)
        except MlpvizError as exc:
            self.problem.emit(str(exc))
            return False
        return True

    def _name(self, ref: WeightRef) -> str:
        return weight_name(ref.layer, ref.row, ref.col, self.layer_count)
