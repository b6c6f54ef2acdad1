"""The timeline: a slider over the run's history, "Continue here" and "Compare…".

Dragging the slider asks (``show_step``) to show the network as it was at that step;
the session publishes it and every view (canvas, tables, loss cursor) follows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QInputDialog, QMenu, QPushButton, QSlider, QToolButton, QWidget,
)

from mlpviz.app.history_model import HistoryModel
from mlpviz.app.view_state import Phase, ViewState
from mlpviz.engine import MlpvizError, Params
from mlpviz.i18n import msg
from mlpviz.io import Snapshot

from .snapshot_actions import OPEN_FILTER
from ..widgets.live_label import live_label
from ..widgets.background import read_in_background
from ..widgets.messages import show_warning
from ..widgets.plain_text import plain_tooltip
from ..widgets.signals_blocked import signals_blocked


class Timeline(QWidget):
    """Slider over the kept steps of ``history`` (values are step numbers).

    Shows the ViewState given to ``set_state`` against the latest step trained. Commands:
    ``show_step(step)``, ``latest()`` (the Latest button), ``continue_from(step)``, ``set_compare(params or None, label)`` (raises
    MlpvizError for other shapes) and ``read_snapshot(path)`` (a file to compare with).
    """

    def __init__(self, state: ViewState, latest_step: int, history: HistoryModel, *,
                 show_step: Callable[[int], None], continue_from: Callable[[int], None],
                 latest: Callable[[], None] | None = None, set_compare: Callable[[Params | None, str], None], read_snapshot: Callable[[Path], Snapshot],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)  # opaque: its slider and label, moving during Run, repaint only it
        self.history = history
        self._show_step, self._continue_from = show_step, continue_from
        self._latest = latest or (lambda: show_step(self._latest_step))
        self._set_compare, self._read_snapshot = set_compare, read_snapshot
        self._state, self._latest_step = state, latest_step
        self.compare_label = ""
        self.compare_source = ""  # what is compared with, to keep between launches: "step:N", "file:PATH" or ""
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setToolTip(self.tr("Drag to see the network as it was at an earlier step"))
        self.slider.setTracking(True)
        self.step_label = live_label(self.tr("step {0} of {1}").format(88888, 88888))
        self.continue_button = QPushButton(self.tr("Continue here"))
        self.continue_button.setToolTip(self.tr("Discard the later steps and train on from the step shown"))
        self.latest_button = QPushButton(self.tr("Latest"))
        self.latest_button.setToolTip(self.tr("Back to the latest step"))
        self.compare_button = QToolButton()
        self.compare_button.setText(self.tr("Compare…"))
        self.compare_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.compare_button)
        self.compare_step_action = menu.addAction(self.tr("Another step…"), self.compare_with_step_dialog)
        self.compare_file_action = menu.addAction(self.tr("A snapshot file…"), self.compare_with_file_dialog)
        self.stop_compare_action = menu.addAction(self.tr("Stop comparing"), self.stop_comparing)
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
        self.latest_button.clicked.connect(lambda: self._latest())
        self.set_state(state, latest_step)

    # --- what the user does ----------------------------------------------------------

    @property
    def shown_step(self) -> int:
        return self._state.step

    @property
    def is_scrubbed(self) -> bool:
        """True while an earlier step than the latest is shown."""
        return self.shown_step != self._latest_step

    def show_step(self, step: int) -> None:
        self._show_step(step)

    def continue_from_shown(self) -> None:
        self._continue_from(self.shown_step)

    def compare_with_step(self, step: int) -> None:
        kept = self.history.nearest(step)
        self.compare_label = self.tr("step {0}").format(kept)
        self._set_compare(self.history.params_at(kept), self.compare_label)
        self.compare_source = f"step:{kept}"

    def compare_with_file(self, path) -> bool:
        """Compare with a snapshot file of the same shape; a refused file gives a dialog."""
        try:
            snap = read_in_background(self.tr("Reading {0}…").format(Path(path).name), self._read_snapshot, path,
                                      parent=self)
            label = Path(path).name
            self._set_compare(snap.params, label)
        except MlpvizError as exc:
            show_warning(self, self.tr("Compare with snapshot"), str(exc))
            return False
        self.compare_label, self.compare_source = label, f"file:{path}"
        self._refresh_label(self._state)
        return True

    def stop_comparing(self) -> None:
        self.compare_label = self.compare_source = ""
        self._set_compare(None, "")

    def compare_again(self, source: str) -> None:
        """Compare with what ``compare_source`` named at the last quit, if it is still there (a kept step of the
        timeline, a snapshot file); else nothing."""
        kind, _, what = source.partition(":")
        first = self.history.first_step
        if kind == "step" and what.isdigit() and first is not None and first <= int(what):
            self.compare_with_step(int(what))
        elif kind == "file" and what and Path(what).is_file():
            self.compare_with_file(what)

    def compare_with_step_dialog(self) -> None:
        history = self.history
        step, ok = QInputDialog.getInt(self, str(msg("Compare with step")), "Step:", history.first_step or 0,
                                       history.first_step or 0, history.last_step or 0)
        if ok:
            self.compare_with_step(step)

    def compare_with_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, str(msg("Compare with snapshot")), "", str(OPEN_FILTER))
        if path:
            self.compare_with_file(path)

    # --- following the values given -------------------------------------------------

    def _on_slider_value_changed(self, value: int) -> None:
        if value != self.shown_step:
            self._show_step(value)

    def set_state(self, state: ViewState, latest_step: int) -> None:
        """Show ``state`` of a run whose latest step is ``latest_step`` (the session's ``state_changed``)."""
        self._state, self._latest_step = state, latest_step
        history = self.history
        first = history.first_step if len(history) else state.step
        last = history.last_step if len(history) else state.step
        with signals_blocked(self.slider):
            self.slider.setRange(first, last)
            self.slider.setValue(state.step)
        # A step being played shows the step before it until its update: that is not scrubbing.
        scrubbed = state.phase is Phase.IDLE and state.step != latest_step
        self.continue_button.setEnabled(scrubbed)
        self.latest_button.setEnabled(scrubbed)
        self.stop_compare_action.setEnabled(state.compare_to is not None)
        if state.compare_to is None:
            self.compare_label = ""
        self._refresh_label(state)

    def _refresh_label(self, state: ViewState) -> None:
        text = self.tr("step {0} of {1}").format(state.step, self._latest_step)
        if self.compare_label and state.compare_to is not None:
            text += self.tr(" · vs {0}").format(self.compare_label)
        self.step_label.setText(text)
        self.step_label.setToolTip(plain_tooltip(text))
