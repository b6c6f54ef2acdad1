"""The formula panel: the picked weight's gradient and update, or the picked unit's z, a and δ,
written out with the live numbers of the current record — the view a hand calculation is checked against.
"""

from __future__ import annotations


from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from mlpviz.app.selection import Selection, UnitRef, WeightRef
from mlpviz.app.training_status import TrainingStatus
from mlpviz.app.view_state import ViewState
from mlpviz.engine.layers import layer_fed_by
from mlpviz.i18n import msg

from .formula_text import delta_shown, unit_lines, weight_lines
from ..widgets.redraw_throttle import RedrawThrottle

HINT = msg("Pick a weight (an edge or a table cell) or a unit to see its formulas with the numbers of this step.")
RUNS_PER_SECOND = 10  # refreshes during Run: text changing faster cannot be read anyway


class FormulaPanel(QWidget):
    """Shows the formulas of ``selection.item`` for ``selection.sample`` from the ViewState it is given."""

    def __init__(self, state: ViewState, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self._running = False
        self.text_edit = QPlainTextEdit(readOnly=True)
        self._fixed_font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.text_edit.setFont(self._fixed_font)
        self.text_edit.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.text_edit)
        self._state: ViewState | None = state
        self._check: tuple[object, list[str]] | None = None  # (item, lines) of a chosen Check my backprop row
        self.throttle = RedrawThrottle(self.refresh, RUNS_PER_SECOND, self)
        selection.item_changed.connect(lambda _i: self.refresh())
        selection.sample_changed.connect(lambda _s: self.refresh())
        self.refresh()

    def set_text_scale(self, scale: float) -> None:
        """The formulas at ``scale`` × the desktop's fixed-width font."""
        font = QFont(self._fixed_font)
        font.setPointSizeF(max(5.0, self._fixed_font.pointSizeF() * scale))
        self.text_edit.setFont(font)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def set_state(self, state: ViewState) -> None:
        """Show ``state`` (the session's ``state_changed``); at most RUNS_PER_SECOND times a second during Run."""
        self._state = state
        self.throttle.request(throttle=self._running)

    def set_status(self, status: TrainingStatus) -> None:
        """Run on or off (the session's ``status_changed``); Pause shows the last state at once."""
        was_running, self._running = self._running, status.running
        if was_running and not status.running and self.throttle.pending:
            self.throttle.redraw_now()

    def set_check_lines(self, item, lines: list[str]) -> None:
        """Show ``lines`` (a learner's number beside mlpviz's) above the formulas while ``item`` is picked."""
        self._check = None if not lines else (item, list(lines))
        self.refresh()

    def refresh(self) -> None:
        check = self._check[1] if self._check is not None and self._check[0] == self.selection.item else []
        text = "\n".join(check + self._lines()) or str(HINT)
        if text != self.text_edit.toPlainText():
            self.text_edit.setPlainText(text)

    def _lines(self) -> list[str]:
        state, item = self._state, self.selection.item
        if state is None or state.record is None or item is None:
            return []
        sizes = state.arch.sizes
        L = len(sizes) - 1
        if isinstance(item, WeightRef):
            if not (0 <= item.layer < L and item.row < sizes[item.layer] and 0 <= item.col < sizes[layer_fed_by(item.layer)]):
                return []
            p = state.params
            value = p.biases[item.layer][item.col] if item.row < 0 else p.weights[item.layer][item.row, item.col]
            asked = next((k for k in ("grad", "new", "m", "v") if state.hides_parameter(k, item.layer, item.row, item.col)),
                         None)
            return weight_lines(state.step_record or state.record, float(value), item.layer, item.row, item.col, L,
                                asked)
        if isinstance(item, UnitRef):
            if not (0 <= item.layer <= L and 0 <= item.index < sizes[item.layer]):
                return []
            asked = next((k for k in ("z", "a", "delta") if state.hides_unit(k, item.layer, item.index)), None)
            return unit_lines(state.record, item.layer, item.index, self.selection.sample,
                              show_delta=delta_shown(state, item.layer), output_names=state.output_names,
                              reached=state.shows_activation(item.layer), asked=asked)
        return []
