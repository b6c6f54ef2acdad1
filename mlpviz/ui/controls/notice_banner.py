"""A dismissable banner above the canvas for things the user must notice but need not answer.

Non-modal on purpose: training has already stopped safely when it appears (e.g. after a
divergence), so it explains and offers a fix without blocking the window or tests.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from mlpviz.app.divergence import divergence_message, halved_learning_rate
from mlpviz.engine import MlpvizError
from mlpviz.training.divergence import INPUT_SCALE_CAUSE, MOMENTUM, Divergence
from mlpviz.training.settings import TrainingConfig
from ..widgets.plain_text import plain_label

BANNER_STYLE = (
    "QFrame#notice-banner { background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; }"
    "QFrame#notice-banner QLabel { color: #3b2f00; }"
)


class NoticeBanner(QFrame):
    """A message with optional action buttons and a ✕ that hides it."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-banner")
        self.setStyleSheet(BANNER_STYLE)
        self.label = plain_label(wrap=True, selectable=True)  # notices quote error text
        self.close_button = QToolButton(text="✕")
        self.close_button.setToolTip(self.tr("Dismiss this notice"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        self._buttons: list[QPushButton] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 4, 4)
        self._row.addWidget(self.label, 1)
        self._row.addWidget(self.close_button, 0, Qt.AlignTop)
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def show_notice(self, text: str, actions: list[tuple[str, str, Callable[[], None]]] = ()) -> None:
        """Show ``text`` with buttons ``(label, tooltip, callback)``; replaces any notice shown."""
        for button in self._buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        self.label.setText(text)
        for label, tip, callback in actions:
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(callback)
            self._row.insertWidget(self._row.count() - 1, button, 0, Qt.AlignTop)
            self._buttons.append(button)
        self.show()

    def dismiss(self) -> None:
        if not self.isHidden():
            self.hide()
            self.dismissed.emit()


class DivergenceNotice(NoticeBanner):
    """Says that a step diverged (or a run thrashed) and why, and offers to halve the learning rate, and to lower
    the momentum when momentum is the likely cause.

    ``show_divergence`` shows it; MainWindow dismisses it once a step is applied again or the
    network is rebuilt. The halved rate goes to ``request_config`` (it raises MlpvizError
    when the rate is refused); ``config`` is the settings in force, kept by ``set_config``.
    """

    message = Signal(str)  # for the status bar

    def __init__(self, config: TrainingConfig, request_config: Callable[[TrainingConfig], None],
                 parent: QWidget | None = None, standardize_inputs: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._request_config = request_config
        self._standardize_inputs = standardize_inputs

    def set_config(self, config: TrainingConfig) -> None:
        """The training settings in force (the session's ``config_changed``)."""
        self._config = config

    def show_divergence(self, divergence: Divergence) -> None:
        """A step was refused: ``divergence`` says which, why, and the likely cause (with its fix as a button)."""
        actions = [(self.tr("Halve learning rate"),
                    self.tr("Set the learning rate to half its value; press Step or Run to go on"),
                    self._on_halve_clicked)]
        if divergence.cause == MOMENTUM:
            momentum = divergence.lower_momentum
            actions.insert(0, (self.tr("Lower momentum to {0:g}").format(momentum),
                               self.tr("Set momentum to {0:g}: each step about {1:.3g} times the learning rate "
                                       "instead of {2:.3g}; press Step or Run to go on").format(
                                   momentum, 1 / (1 - momentum), 1 / (1 - divergence.momentum)),
                               lambda: self._on_momentum_clicked(momentum)))
        if divergence.cause == INPUT_SCALE_CAUSE and self._standardize_inputs is not None:
            actions.insert(0, (self.tr("Standardize inputs"),
                               self.tr("Train on z-scores of the inputs, (x − mean) / std per column; press Step or "
                                       "Run to go on"),
                               self._on_standardize_clicked))
        self.show_notice(divergence_message(divergence), actions)

    def _on_standardize_clicked(self) -> None:
        self._standardize_inputs()
        self.dismiss()

    def _on_momentum_clicked(self, momentum: float) -> None:
        try:
            self._request_config(self._config.with_(momentum=momentum))
        except MlpvizError as exc:
            self.label.setText(str(exc))
            return
        self.message.emit(self.tr("Momentum lowered to {0:g}").format(momentum))
        self.dismiss()

    def _on_halve_clicked(self) -> None:
        try:
            config = self._config.with_(learning_rate=halved_learning_rate(self._config.learning_rate))
            self._request_config(config)
        except MlpvizError as exc:
            self.label.setText(str(exc))
            return
        self.message.emit(self.tr("Learning rate halved to {0:g}").format(config.learning_rate))
        self.dismiss()
