"""The weights dock: one tab per weight layer, each a table of ``W`` plus its bias row.

A toggle shows the value, the last step's change Δw or its gradient ∂C/∂w in place;
cells are coloured on the canvas's diverging scale and the ones the last step changed
are outlined for a moment. Typing into a cell edits the network; picking a cell picks
the weight everywhere (canvas, formula panel) and picking an edge picks its cell.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Callable

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QTableView,
    QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from mlpviz.app.selection import Selection, WeightRef
from mlpviz.app.training_status import TrainingStatus
from mlpviz.engine.unit_names import weight_layer_title
from mlpviz.app.view_state import ViewState
from mlpviz.engine import MlpvizError
from mlpviz.engine.params import layer_views
from mlpviz.engine.layers import layer_fed_by
from mlpviz.i18n import msg

from .numeric_gradients import NumericGradients
from .weight_table_model import HIGHLIGHT_ROLE, Show, WeightTableModel, asked_cell
from ..widgets.flow_layout import FlowLayout
from ..widgets.redraw_throttle import RedrawThrottle
from ..widgets.live_label import live_label
from ..widgets.arrow_keys import keep_arrow_keys
from ..widgets.number_delegate import NumberDelegate
from ..widgets.paint_guard import guarded_paint
from ..widgets.plain_text import plain_label

FADE_SECONDS = 0.9  # how long changed cells stay outlined after a step
FADE_TICK_MS = 40
RUNS_PER_SECOND = 4  # table redraws during Run: faster is unreadable, and each repaint of the visible
# cells costs 20-40 ms of the drawing budget (a Python model and delegate per cell)
HIGHLIGHT_COLOUR = QColor(255, 170, 0)
SELECTED_COLOUR = QColor(200, 0, 160)
SHOW_TIPS = {
    Show.VALUE: msg("Show the weights and biases (editable)"),
    Show.CHANGE: msg("Show how much the last step changed each parameter: Δw = w' − w"),
    Show.GRADIENT: msg("Show the last step's gradient ∂C/∂w of each parameter"),
    Show.DIFFERENCE: msg("Show the difference w − w₀ to the step or snapshot you compare with (Compare… under the canvas)"),
    Show.NUMERIC: msg("Show the gradient check: ∂C/∂w by central differences on the same batch (computed when "
                  "shown and paused; two forward passes per parameter)"),
    Show.STATE1: msg("Show the optimizer's state of each parameter after the step (momentum's velocity v, Adam's m, "
                 "RMSProp's s, AdaGrad's G)"),
    Show.STATE2: msg("Show the optimizer's second state of each parameter after the step (Adam's v, RMSProp's "
                 "momentum buffer b)"),
    Show.STEP: msg("Show the step the optimizer took for each parameter: η·∂C/∂w, η·v, η·m̂/(√v̂ + ε), …"),
}


class CellDelegate(NumberDelegate):
    """Edits a cell with the app's number editor (``NumberDelegate``); draws the frames.

    The picked cell keeps its colour and gets a magenta frame (apart from both ends of the
    orange/blue scale); cells the last step changed get a fading amber outline.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.marked: tuple[int, int] | None = None  # (row, col) of the picked cell
        self.highlighting = False  # True while the changed-cell outline fades

    @guarded_paint
    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        marked = self.marked is not None and index.row() == self.marked[0] and index.column() == self.marked[1]
        strength = index.data(HIGHLIGHT_ROLE) if self.highlighting else 0.0
        if marked or strength:
            colour = QColor(SELECTED_COLOUR if marked else HIGHLIGHT_COLOUR)
            if not marked:
                colour.setAlphaF(min(1.0, float(strength)))
            painter.save()
            painter.setPen(QPen(colour, 3 if marked else 2))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class WeightsDock(QWidget):
    """Tables of every weight layer of the network in ``state``, kept in step with ``selection``.

    Draws each ViewState given to ``set_state``; typed values go to ``edit_weight(layer, row, col,
    value)`` and ``edit_bias(layer, unit, value)`` (they raise MlpvizError to refuse one).
    """

    problem = Signal(str)  # a refused edit, for the status bar

    def __init__(self, state: ViewState, selection: Selection,
                 edit_weight: Callable[[int, int, int, float], None], edit_bias: Callable[[int, int, float], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self._edit_weight, self._edit_bias = edit_weight, edit_bias
        self._status = TrainingStatus()
        self._state = state  # the latest state given
        self.models: list[WeightTableModel] = []
        self.views: list[QTableView] = []
        self._show = Show.VALUE
        self._sizes: tuple[int, ...] = ()
        self._pending: ViewState | None = None
        self._highlighted_record = None
        self._highlight_start = 0.0

        self.show_buttons: dict[Show, QToolButton] = {}
        group = QButtonGroup(self)
        bar = FlowLayout()  # the buttons wrap onto a second row in a narrow column (1366 px screens)
        bar.addWidget(plain_label(self.tr("Show")))
        for show in Show:
            button = QToolButton(text=show.label, checkable=True, checked=show is Show.VALUE, toolTip=str(SHOW_TIPS[show]))
            button.setAutoRaise(True)
            group.addButton(button)
            button.toggled.connect(partial(self._on_show_toggled, show))
            bar.addWidget(button)
            self.show_buttons[show] = button
        self.status_label = live_label(str(msg("step 8888: after the update")))
        self.status_label.setToolTip(self.tr("Which parameters the tables show"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs)

        self.numeric = NumericGradients(self)  # issue 15: the "numeric" toggle
        self.throttle = RedrawThrottle(self._apply_pending, RUNS_PER_SECOND, self)
        self._fade_timer = QTimer(self, interval=FADE_TICK_MS, timeout=self._on_fade_timer_timeout)
        selection.item_changed.connect(self._on_selection_item_changed)
        self._apply(state)

    # --- public ----------------------------------------------------------------------

    @property
    def show(self) -> Show:
        return self._show

    def set_show(self, show: Show) -> None:
        """Show values, changes or gradients in every table."""
        self.show_buttons[show].setChecked(True)

    def model_of(self, layer: int) -> WeightTableModel:
        return self.models[layer]

    # --- building --------------------------------------------------------------------

    def _rebuild(self, state: ViewState) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for model in self.models:
            model.deleteLater()
        self.models, self.views = [], []
        arch, params = state.arch, state.params
        count = arch.layer_count
        for layer in range(count):
            model = WeightTableModel(layer, count, params.weights[layer], params.biases[layer], state.record, self)
            model.commit = self._commit_edit
            model.set_show(self._show)
            model.problem.connect(self.problem)
            view = QTableView()
            keep_arrow_keys(view)
            view.setModel(model)
            delegate = CellDelegate(view)
            delegate.problem.connect(self.problem)
            view.setItemDelegate(delegate)
            view.setSelectionMode(QAbstractItemView.NoSelection)  # the delegate frames the current cell
            view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                 | QAbstractItemView.AnyKeyPressed)
            view.setWordWrap(False)
            view.horizontalHeader().setDefaultSectionSize(84)
            view.verticalHeader().setDefaultSectionSize(22)
            view.verticalHeader().setMinimumSectionSize(18)
            view.selectionModel().currentChanged.connect(partial(self._on_view_current_changed, model))
            self.models.append(model)
            self.views.append(view)
            self.tabs.addTab(view, f"W{layer}: {weight_layer_title(layer, count)}")
            self.tabs.setTabToolTip(layer, str(msg("Weights and biases of layer {layer} ({sizes}×{sizes2} + {sizes2} biases)", layer=layer, sizes=arch.sizes[layer], sizes2=arch.sizes[layer_fed_by(layer)])))
        self._sizes = arch.sizes
        if 0 <= current < count:
            self.tabs.setCurrentIndex(current)
        self._select(self.selection.item)

    # --- values -> tables ------------------------------------------------------------

    def set_architecture(self, _arch) -> None:
        """The network was rebuilt (the session's ``network_rebuilt``): the next state rebuilds the tabs."""
        self._sizes = ()

    def set_state(self, state: ViewState) -> None:
        """Show ``state`` (the session's ``state_changed``); at most RUNS_PER_SECOND times a second during Run."""
        self._state = self._pending = state
        self.throttle.request(throttle=self._status.running)

    def set_status(self, status: TrainingStatus) -> None:
        """Run and animation on or off (the session's ``status_changed``); Pause shows the last state at once."""
        was_running, self._status = self._status.running, status
        if was_running and not status.running and self.throttle.pending:
            self.throttle.redraw_now()

    def _apply_pending(self) -> None:
        state, self._pending = self._pending, None
        if state is not None:
            self._apply(state)

    def _apply(self, state: ViewState) -> None:
        if state.arch.sizes != self._sizes:
            self._rebuild(state)
        diff = state.difference
        for layer, model in enumerate(self.models):
            model.set_values(state.params.weights[layer], state.params.biases[layer], state.record,
                             None if diff is None else (diff.weights[layer], diff.biases[layer]))
            model.set_output_names(state.output_names)
            model.set_asked(asked_cell(state, layer))
        self._follow_compare(state)
        self._follow_optimizer(state)
        self._update_numeric(state)
        self._update_status(state)
        rec = state.step_record
        fast_run = self._status.running and not self._status.animate
        if rec is not None and state.is_update_done and rec is not self._highlighted_record:
            self._highlighted_record = rec
            if not fast_run:
                self._highlight_start = time.perf_counter()
                self._fade_timer.start()
                self._set_highlight(1.0)

    def _follow_compare(self, state: ViewState) -> None:
        """Offer (and switch to) w − w₀ while comparing; fall back to w when comparing stops."""
        comparing = state.difference is not None
        button = self.show_buttons[Show.DIFFERENCE]
        if comparing != button.isEnabled():
            button.setEnabled(comparing)
            self.set_show(Show.DIFFERENCE if comparing else Show.VALUE)

    def _follow_optimizer(self, state: ViewState) -> None:
        """Name the state buttons after the optimizer's state (v; m and v; s; G), offering only those it keeps."""
        rec = state.step_record
        names = rec.state_after.names if rec is not None else ()
        symbols = rec.optimizer.symbols if rec is not None else {}
        for show in (Show.STATE1, Show.STATE2):
            button, k = self.show_buttons[show], show.state_index
            button.setVisible(k < len(names))
            if k < len(names):
                button.setText(symbols.get(names[k], names[k]))
        if self._show.state_index is not None and self._show.state_index >= len(names):
            self.set_show(Show.VALUE)

    def _update_status(self, state: ViewState) -> None:
        rec = state.step_record
        if rec is None:
            text = str(msg("step {step}", step=state.step))
        elif state.is_update_done:
            text = str(msg("step {step}: after the update", step=state.step))
        else:
            text = str(msg("step {value} playing: before the update", value=state.step + 1))
        self.status_label.setText(text)

    def _on_fade_timer_timeout(self) -> None:
        left = 1.0 - (time.perf_counter() - self._highlight_start) / FADE_SECONDS
        if left <= 0:
            self._fade_timer.stop()
            left = 0.0
        self._set_highlight(left)

    def _set_highlight(self, strength: float) -> None:
        for model, view in zip(self.models, self.views):
            view.itemDelegate().highlighting = strength > 0
            model.set_highlight(strength)

    def _on_show_toggled(self, show: Show, checked: bool) -> None:
        if checked:
            self._show = show
            self._update_numeric(self._state)
            for model in self.models:
                model.set_show(show)

    def _update_numeric(self, state: ViewState) -> None:
        """While "numeric" is shown, give the tables the gradient check of the step shown (not during Run)."""
        if self._show is not Show.NUMERIC or self.numeric.busy:
            return
        rec = state.step_record
        check = None
        if rec is not None and not self._status.running:
            try:
                check = self.numeric.check_of(rec, self.window())
            except MlpvizError as exc:
                self.problem.emit(str(exc))
        arrays = None if check is None else layer_views(check.numeric, check.sizes)
        for layer, model in enumerate(self.models):
            model.set_numeric(None if arrays is None else (arrays[0][layer], arrays[1][layer]))

    # --- tables -> commands ----------------------------------------------------------

    def _commit_edit(self, layer: int, row: int, col: int, value: float) -> None:
        if row < 0:
            self._edit_bias(layer, col, value)
        else:
            self._edit_weight(layer, row, col, value)

    # --- selection both ways ---------------------------------------------------------

    def _on_view_current_changed(self, model: WeightTableModel, current: QModelIndex, _previous) -> None:
        view = self.views[model.layer]
        view.itemDelegate().marked = (current.row(), current.column()) if current.isValid() else None
        view.viewport().update()
        if current.isValid():  # the selection's echo back to _select ends there: it is already current
            self._clear_current(except_layer=model.layer)
            self.selection.set_item(model.ref_at(current))

    def _clear_current(self, except_layer: int = -1) -> None:
        for layer, view in enumerate(self.views):
            if layer != except_layer and view.currentIndex().isValid():
                view.selectionModel().clearCurrentIndex()

    def _on_selection_item_changed(self, item) -> None:
        self._select(item)

    def _select(self, item) -> None:
        """Make ``item`` the current cell; the views' echo sets the selection to what it is (no signal)."""
        if isinstance(item, WeightRef) and 0 <= item.layer < len(self.models):
            view, model = self.views[item.layer], self.models[item.layer]
            index = model.index_of(item)
            if index.isValid():
                self._clear_current(except_layer=item.layer)
                self.tabs.setCurrentIndex(item.layer)
                view.setCurrentIndex(index)
                view.scrollTo(index)
                return
        self._clear_current()
