"""The training toolbar: Step, Run/Pause, Reset, animation switches, speed and sample."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QSlider, QToolBar, QWidget

from mlpviz.app.selection import MEAN, Selection
from mlpviz.app.training_status import TrainingStatus
from mlpviz.app.view_state import ViewState
from .widgets.plain_text import plain_label

from .widgets.signals_blocked import signals_blocked

SPEED_MIN, SPEED_MAX = 0.1, 20.0  # animation speed factor at the slider's ends
SLIDER_STEPS = 100


def speed_from_slider(value: int) -> float:
    """Slider position 0..100 -> speed factor on a log scale from SPEED_MIN to SPEED_MAX."""
    return SPEED_MIN * (SPEED_MAX / SPEED_MIN) ** (value / SLIDER_STEPS)


def slider_from_speed(speed: float) -> int:
    return round(SLIDER_STEPS * math.log(speed / SPEED_MIN) / math.log(SPEED_MAX / SPEED_MIN))


class TrainingToolbar(QToolBar):
    """Buttons and shortcuts that ask for training: → steps, Space runs or pauses.

    Shows ``status`` (animate, speed) and the batch of ``state``; sends its commands as signals.
    """

    step_requested = Signal()  # → : the next step, or the next phase in phase-by-phase mode
    run_requested = Signal(bool)  # True: run, False: pause
    reset_requested = Signal()
    animate_requested = Signal(bool)
    phase_by_phase_requested = Signal(bool)
    speed_requested = Signal(float)  # animation speed factor

    def __init__(self, status: TrainingStatus, state: ViewState, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__("Training", parent)
        self.setObjectName("toolbar-training")
        self.selection = selection
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)

        self.step_action = QAction(self.tr("Step"), self, shortcut=QKeySequence(Qt.Key_Right),
                                   toolTip=self.tr("Take one training step (→)"), triggered=self._on_step_triggered)
        self.run_action = QAction(self.tr("Run"), self, shortcut=QKeySequence(Qt.Key_Space), checkable=True,
                                  toolTip=self.tr("Train continuously; press again to pause (Space)"),
                                  triggered=self._on_run_triggered)
        self.reset_action = QAction(self.tr("Reset"), self, shortcut=QKeySequence("Ctrl+R"),
                                    toolTip=self.tr("New initial parameters from the seed (Ctrl+R)"),
                                    triggered=self._on_reset_triggered)
        self.animate_action = QAction(self.tr("Animate"), self, checkable=True, checked=status.animate,
                                      shortcut=QKeySequence("A"),
                                      toolTip=self.tr("Play each step as forward, loss, backward and update (A)"),
                                      toggled=self._on_animate_toggled)
        self.phase_action = QAction(self.tr("Phase by phase"), self, checkable=True, shortcut=QKeySequence("P"),
                                    toolTip=self.tr("Stop after each phase; → goes on to the next (P)"),
                                    toggled=self._on_phase_toggled)
        for action in (self.step_action, self.run_action, self.reset_action):
            self.addAction(action)
        self.run_button = self.widgetForAction(self.run_action)
        self.run_button.installEventFilter(self)
        self._fit_run_button()
        self.addSeparator()
        self.addAction(self.animate_action)
        self.addAction(self.phase_action)

        self.speed_slider = QSlider(Qt.Horizontal, minimum=0, maximum=SLIDER_STEPS)
        self.speed_slider.setValue(slider_from_speed(status.speed))
        self.speed_slider.setMaximumWidth(160)
        self.speed_slider.setToolTip(self.tr("Animation speed: left is slow enough to explain, right is quick"))
        self.speed_slider.valueChanged.connect(self._on_speed_changed)
        self.addWidget(plain_label(self.tr(" Speed ")))
        self.addWidget(self.speed_slider)
        self.addSeparator()

        self.sample_box = QComboBox()
        self.sample_box.setToolTip(self.tr("Which sample of the batch the node values show, or the batch mean"))
        self.sample_box.currentIndexChanged.connect(self._on_sample_changed)
        self.addWidget(plain_label(self.tr(" Show ")))
        self.addWidget(self.sample_box)

        self._fill_samples(state.record.batch_size if state.record else 0)

    def _fit_run_button(self) -> None:
        """Run/Pause as wide as the wider of its texts in its font: turning into Pause moved Reset and
        Animate ~13 px, under a second click meant for them."""
        button, shown = self.run_button, self.run_action.text()
        button.setMinimumWidth(0)
        button.setMaximumWidth(16777215)  # QWIDGETSIZE_MAX: the size hints as the texts ask
        widths = []
        for text in (self.tr("Run"), self.tr("Pause")):
            button.setText(text)  # also drops the button's cached size hint
            widths.append(button.sizeHint().width())
        button.setText(shown)
        button.setFixedWidth(max(widths))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if watched is self.run_button and event.type() in (QEvent.FontChange, QEvent.StyleChange):
            # the text size (Ctrl+=) or the look changed: measured once every widget has its new font (measured at
            # once, leaving presentation under X11 kept the 2× width: Run came back 18 px wider at 1024×768)
            QTimer.singleShot(0, self._fit_run_button)
        return False

    def menu_actions(self) -> list[QAction]:
        return [self.step_action, self.run_action, self.reset_action, self.animate_action, self.phase_action]

    def _on_step_triggered(self) -> None:
        self.step_requested.emit()

    def _on_reset_triggered(self) -> None:
        self.reset_requested.emit()

    def _on_animate_toggled(self, on: bool) -> None:
        self.animate_requested.emit(on)

    def _on_run_triggered(self, checked: bool) -> None:
        self.run_requested.emit(checked)

    def _on_phase_toggled(self, on: bool) -> None:
        self.phase_by_phase_requested.emit(on)

    def _on_speed_changed(self, value: int) -> None:
        self.speed_requested.emit(speed_from_slider(value))

    def set_status(self, status: TrainingStatus) -> None:
        """Run, Animate, phase by phase and the speed as the session has them (the session's ``status_changed``)."""
        for widget, set_value in ((self.animate_action, lambda: self.animate_action.setChecked(status.animate)),
                                  (self.phase_action, lambda: self.phase_action.setChecked(status.phase_by_phase)),
                                  (self.speed_slider, lambda: self.speed_slider.setValue(slider_from_speed(status.speed)))):
            with signals_blocked(widget):
                set_value()
        self.set_running(status.running)

    def set_running(self, running: bool) -> None:
        """Run is on or off."""
        self.run_action.setChecked(running)
        self.run_action.setText(self.tr("Pause") if running else self.tr("Run"))

    def set_state(self, state: ViewState) -> None:
        """Offer one entry per sample of the batch shown."""
        n = state.record.batch_size if state.record is not None else 0
        if n != self.sample_box.count() - 1:
            self._fill_samples(n)

    def _fill_samples(self, n: int) -> None:
        with signals_blocked(self.sample_box):
            self.sample_box.clear()
            for i in range(n):
                self.sample_box.addItem(self.tr("sample {0}").format(i + 1), i)
            self.sample_box.addItem(self.tr("batch mean"), MEAN)
            keep = self.selection.sample if self.selection.sample < n else 0
            self.sample_box.setCurrentIndex(self.sample_box.findData(keep))
        self.selection.set_sample(self.sample_box.currentData())

    def _on_sample_changed(self, index: int) -> None:
        if index >= 0:
            self.selection.set_sample(self.sample_box.itemData(index))
