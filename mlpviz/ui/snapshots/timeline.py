"""The timeline: a slider over the run's history, "Continue here" and "Compare…".

Dragging the slider asks the session to show the network as it was at that step;
the session publishes it and every view (canvas, tables, loss cursor) follows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QInputDialog, QMenu, QMessageBox, QPushButton, QSlider, QToolButton, QWidget,
)

from mlpviz.app.session import Session
from mlpviz.app.view_state import Phase, ViewState
from mlpviz.engine import MlpvizError
from mlpviz.io import load_snapshot

from .snapshot_actions import OPEN_FILTER
from ..live_label import live_label
from ..background import call_in_background


class Timeline(QWidget):
    """Slider over the kept steps of ``session.history`` (values are step numbers)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.compare_label = ""
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setToolTip("Drag to see the network as it was at an earlier step")
        self.slider.setTracking(True)
        self.step_label = live_label("step 88888 of 88888")
        self.continue_button = QPushButton("Continue here")
        self.continue_button.setToolTip("Discard the later steps and train on from the step shown")
        self.latest_button = QPushButton("Latest")
        self.latest_button.setToolTip("Back to the latest step")
        self.compare_button = QToolButton()
        self.compare_button.setText("Compare…")
        self.compare_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.compare_button)
        self.compare_step_action = menu.addAction("Another step…", self.compare_with_step_dialog)
        self.compare_file_action = menu.addAction("A snapshot file…", self.compare_with_file_dialog)
        self.stop_compare_action = menu.addAction("Stop comparing", self.stop_comparing)
        self.compare_button.setMenu(menu)

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self.slider.setMinimumWidth(60)
        row.addWidget(self.slider, 1)
        row.addWidget(self.step_label)
        for widget in (self.latest_button, self.continue_button, self.compare_button):
            row.addWidget(widget)

        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.continue_button.clicked.connect(self.continue_from_shown)
        self.latest_button.clicked.connect(lambda: self.show_step(self.session.step_count))
        session.state_changed.connect(self._on_session_state_changed)
        self._on_session_state_changed(session.state)

    # --- what the user does ----------------------------------------------------------

    @property
    def shown_step(self) -> int:
        return self.session.state.step

    @property
    def is_scrubbed(self) -> bool:
        """True while an earlier step than the latest is shown."""
        return self.shown_step != self.session.step_count

    def show_step(self, step: int) -> None:
        self.session.show_step(step)

    def continue_from_shown(self) -> None:
        self.session.continue_from(self.shown_step)

    def compare_with_step(self, step: int) -> None:
        kept = self.session.history.nearest(step)
        self.compare_label = f"step {kept}"
        self.session.set_compare(self.session.history.params_at(kept), self.compare_label)

    def compare_with_file(self, path) -> bool:
        """Compare with a snapshot file of the same shape; a refused file gives a dialog."""
        try:
            snap = call_in_background(load_snapshot, path)
            label = Path(path).name
            self.session.set_compare(snap.params, label)
        except MlpvizError as exc:
            QMessageBox.warning(self, "Compare with snapshot", str(exc))
            return False
        self.compare_label = label
        self._refresh_label(self.session.state)
        return True

    def stop_comparing(self) -> None:
        self.compare_label = ""
        self.session.set_compare(None)

    def compare_with_step_dialog(self) -> None:
        history = self.session.history
        step, ok = QInputDialog.getInt(self, "Compare with step", "Step:", history.first_step or 0,
                                       history.first_step or 0, history.last_step or 0)
        if ok:
            self.compare_with_step(step)

    def compare_with_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Compare with snapshot", "", OPEN_FILTER)
        if path:
            self.compare_with_file(path)

    # --- following the session -------------------------------------------------------

    def _on_slider_value_changed(self, value: int) -> None:
        if value != self.shown_step:
            self.session.show_step(value)

    def _on_session_state_changed(self, state: ViewState) -> None:
        history = self.session.history
        first = history.first_step if len(history) else state.step
        last = history.last_step if len(history) else state.step
        self.slider.blockSignals(True)
        self.slider.setRange(first, last)
        self.slider.setValue(state.step)
        self.slider.blockSignals(False)
        # A step being played shows the step before it until its update: that is not scrubbing.
        scrubbed = state.phase is Phase.IDLE and state.step != self.session.step_count
        self.continue_button.setEnabled(scrubbed)
        self.latest_button.setEnabled(scrubbed)
        self.stop_compare_action.setEnabled(state.compare_to is not None)
        if state.compare_to is None:
            self.compare_label = ""
        self._refresh_label(state)

    def _refresh_label(self, state: ViewState) -> None:
        text = f"step {state.step} of {self.session.step_count}"
        if self.compare_label and state.compare_to is not None:
            text += f" · vs {self.compare_label}"
        self.step_label.setText(text)
        self.step_label.setToolTip(text)
