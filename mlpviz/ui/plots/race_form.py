"""The race form of the Landscape panel: which optimizers race, each one's learning rate, how many steps.

It only collects the choice and asks for the race (``race_requested``); the race itself is
``training/race.py``, run off the window's thread, and TrainingConfig's rules check the rates.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from mlpviz.training.race import DEFAULT_RACERS, DEFAULT_STEPS, MAX_STEPS, RACERS, default_learning_rate, racer_label
from mlpviz.training.settings import MAX_LEARNING_RATE, TrainingConfig

from ..widgets.number_spin_box import NumberSpinBox, WholeNumberSpinBox
from ..widgets.plain_text import plain_label
from ..widgets.signals_blocked import signals_blocked

COLUMNS = 2  # racers side by side: the panel is a narrow column


class RaceForm(QGroupBox):
    """A tick and a learning rate per optimizer, the steps, Race and Clear."""

    race_requested = Signal(object, int)  # [(racer key, learning rate)], steps
    clear_requested = Signal()
    refused = Signal(str)

    def __init__(self, config: TrainingConfig, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Race of optimizers"), parent)
        self.setToolTip(self.tr("From the parameters shown, the same number of steps of each ticked optimizer, "
                                "drawn as paths on the surface, with their losses below it"))
        self.ticks: dict[str, QCheckBox] = {}
        self.rates: dict[str, NumberSpinBox] = {}
        self._typed: set[str] = set()  # rates the user typed: a new run's settings leave them alone
        self._config = config
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for n, key in enumerate(RACERS):
            tick = QCheckBox(racer_label(key), checked=key in DEFAULT_RACERS)
            rate = NumberSpinBox(1e-9, MAX_LEARNING_RATE, tip=self.tr("Learning rate η of this optimizer in the race"))
            rate.setValue(default_learning_rate(key, config))
            rate.valueChanged.connect(lambda _v, k=key: self._typed.add(k))
            rate.refused.connect(self.refused)
            row, col = divmod(n, COLUMNS)
            grid.addWidget(tick, row, 3 * col)
            grid.addWidget(plain_label("η"), row, 3 * col + 1)
            grid.addWidget(rate, row, 3 * col + 2)
            self.ticks[key], self.rates[key] = tick, rate
        self.steps_spin = WholeNumberSpinBox(1, MAX_STEPS, tip=self.tr("Steps each optimizer takes"))
        self.steps_spin.setValue(DEFAULT_STEPS)
        self.steps_spin.refused.connect(self.refused)
        self.race_button = QPushButton(self.tr("Race"), clicked=self.start)
        self.race_button.setToolTip(self.tr("Run the ticked optimizers from the parameters shown and draw their paths"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.clear_button.setToolTip(self.tr("Take the race's paths off the surface"))
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label(self.tr("Steps")))
        buttons.addWidget(self.steps_spin)
        buttons.addStretch(1)
        buttons.addWidget(self.race_button)
        buttons.addWidget(self.clear_button)
        grid.addLayout(buttons, grid.rowCount(), 0, 1, 3 * COLUMNS)
        self.setLayout(grid)

    def runners(self) -> list[tuple[str, float]]:
        """The ticked optimizers with their learning rates, in the form's order."""
        return [(key, float(self.rates[key].value())) for key, tick in self.ticks.items() if tick.isChecked()]

    def start(self) -> None:
        runners = self.runners()
        if not runners:
            self.refused.emit(self.tr("Tick at least one optimizer to race"))
            return
        self.race_requested.emit(runners, int(self.steps_spin.value()))

    def set_config(self, config: TrainingConfig) -> None:
        """The run's settings changed: rates the user did not type follow the run's (SGD runs), when shown."""
        self._config = config
        if self.isVisible():  # a hidden panel catches up when shown: the control panel's typing stays cheap
            self._follow(config)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._follow(self._config)

    def _follow(self, config: TrainingConfig) -> None:
        for key, rate in self.rates.items():
            if key not in self._typed:
                with signals_blocked(rate):
                    rate.setValue(default_learning_rate(key, config))

    def set_busy(self, busy: bool) -> None:
        """A race is being run: Race waits for it."""
        self.race_button.setEnabled(not busy)
