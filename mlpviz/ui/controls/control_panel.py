"""The control panel: architecture and training settings, sent back through the commands it is given."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from mlpviz.i18n import msg
from mlpviz.training.settings import MAX_LEARNING_RATE, TrainingConfig
from mlpviz.engine import HIDDEN_ACTIVATIONS, INIT_METHODS, LOSSES, OUTPUT_ACTIVATIONS, Architecture, MlpvizError
from mlpviz.engine.architecture import MAX_UNITS_PER_LAYER
from mlpviz.engine.losses import NATURAL_LOSS, REQUIRED_OUTPUT

from ..widgets.number_spin_box import NumberSpinBox, WholeNumberSpinBox
from ..widgets.signals_blocked import signals_blocked
from .optimizer_form import OptimizerForm
from ..widgets.plain_text import plain_label

MAX_HIDDEN_LAYERS = 8
# The loss that goes with each output activation when the user's choice no longer fits.


def _combo(items, tip: str) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    box.setToolTip(tip)
    return box


class ControlPanel(QWidget):
    """Layer sizes, activations, loss, initialisation, seed, the optimizer and the learning-rate schedule.

    Shows ``arch`` and ``config`` (then whatever ``set_architecture``/``set_config`` give it).
    Every edit goes straight to ``request_architecture``/``request_config``; a refused value
    (they raise MlpvizError) is reported through ``problem`` and the widgets snap back.
    """

    problem = Signal(str)
    reset_requested = Signal()

    def __init__(self, arch: Architecture, config: TrainingConfig,
                 request_architecture: Callable[[Architecture], None],
                 request_config: Callable[[TrainingConfig], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._arch, self._config = arch, config
        self._request_architecture, self._request_config = request_architecture, request_config
        self._layer_spins: list[WholeNumberSpinBox] = []

        self.input_label = plain_label()
        self.input_label.setToolTip(self.tr("Inputs come from the data: one unit per input column"))
        self.output_spin = WholeNumberSpinBox(1, MAX_UNITS_PER_LAYER, tip=self.tr(
            "Output units: one per target column, or one per class (softmax with ce); "
            "two classes can also use one sigmoid output with bce"))
        self.output_spin.refused.connect(self.problem)
        self.output_spin.setMaximumWidth(90)
        self.layers_box = QVBoxLayout()
        self.add_layer_button = QToolButton(text=self.tr("+ layer"))
        self.add_layer_button.setToolTip(self.tr("Add a hidden layer"))
        self.remove_layer_button = QToolButton(text=self.tr("− layer"))
        self.remove_layer_button.setToolTip(self.tr("Remove the last hidden layer"))
        self.hidden_box = _combo(HIDDEN_ACTIVATIONS, str(msg("Activation of every hidden unit")))
        self.output_box = _combo(OUTPUT_ACTIVATIONS, str(msg("Activation of the output units")))
        self.loss_box = _combo(LOSSES, str(msg("bce: binary cross-entropy · ce: softmax cross-entropy · mse: ½Σ(ŷ−y)²")))
        self.init_box = _combo(INIT_METHODS, str(msg("normal: the notebook's N(0,1) · he: N(0,2/fan_in) · xavier: N(0,2/(fan_in+fan_out))")))
        self.seed_spin = WholeNumberSpinBox(0, 2**31 - 1, tip=self.tr(
            "Seed of every random draw: the same seed gives the same run"))
        self.lr_spin = NumberSpinBox(1e-9, MAX_LEARNING_RATE, tip=self.tr(
            "Learning rate (above 0, up to 1e6; e.g. 0.1 or 3e-4): applies from the next step, no reset"))
        self.optimizer_form = OptimizerForm(config)
        self.momentum_spin = self.optimizer_form.spins["momentum"]
        self.decay_spin = self.optimizer_form.spins["weight_decay"]
        self.optimizer_form.refused.connect(self.problem)
        self.batch_spin = WholeNumberSpinBox(0, 1_000_000, special=self.tr("full batch"), tip=self.tr(
            "Samples per step; 'full batch' uses every training sample, as the notebook does"))
        for spin in (self.seed_spin, self.lr_spin, self.batch_spin):
            spin.refused.connect(self.problem)
        self.output_spin.valueChanged.connect(self._on_arch_widget_changed)
        self.reset_button = QPushButton(self.tr("Re-initialise"))
        self.reset_button.setToolTip(self.tr("New initial parameters from the seed (Ctrl+R)"))

        arch_group = QGroupBox(self.tr("Network"))
        arch_form = QFormLayout(arch_group)
        arch_form.setRowWrapPolicy(QFormLayout.WrapLongRows)  # a narrow dock (1024×768): fields under their labels
        arch_form.addRow(self.tr("Inputs"), self.input_label)
        layers_widget = QWidget()
        layers_widget.setLayout(self.layers_box)
        self.layers_box.setContentsMargins(0, 0, 0, 0)
        arch_form.addRow(self.tr("Hidden units, per layer"), layers_widget)  # "Hidden layers [3]" read as 3 layers
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_layer_button)
        buttons.addWidget(self.remove_layer_button)
        buttons.addStretch(1)
        arch_form.addRow("", buttons)
        arch_form.addRow(self.tr("Outputs"), self.output_spin)
        arch_form.addRow(self.tr("Hidden activation"), self.hidden_box)
        arch_form.addRow(self.tr("Output activation"), self.output_box)
        arch_form.addRow(self.tr("Loss"), self.loss_box)

        train_group = QGroupBox(self.tr("Training"))
        train_form = QFormLayout(train_group)
        train_form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        train_form.addRow(self.tr("Initialisation"), self.init_box)
        train_form.addRow(self.tr("Seed"), self.seed_spin)
        train_form.addRow(self.tr("Learning rate"), self.lr_spin)
        train_form.addRow(self.tr("Batch size"), self.batch_spin)
        train_form.addRow(self.optimizer_form)
        train_form.addRow("", self.reset_button)

        layout = QVBoxLayout(self)
        layout.addWidget(arch_group)
        layout.addWidget(train_group)
        layout.addStretch(1)

        self.add_layer_button.clicked.connect(self._on_add_layer_clicked)
        self.remove_layer_button.clicked.connect(self._on_remove_layer_clicked)
        for box in (self.hidden_box, self.output_box, self.loss_box):
            box.currentTextChanged.connect(self._on_arch_widget_changed)
        self.init_box.currentTextChanged.connect(self._on_config_widget_changed)
        for spin in (self.seed_spin, self.lr_spin, self.batch_spin):
            spin.valueChanged.connect(self._on_config_widget_changed)
        self.optimizer_form.edited.connect(self._on_config_widget_changed)
        self.reset_button.clicked.connect(self.reset_requested)
        self._show_arch(arch)
        self._show_config(config)

    # --- values -> widgets -----------------------------------------------------------

    def set_architecture(self, arch: Architecture) -> None:
        """The network now is ``arch`` (the session's ``network_rebuilt``)."""
        self._arch = arch
        self._show_arch(arch)

    def set_config(self, config: TrainingConfig) -> None:
        """The training settings now are ``config`` (the session's ``config_changed``)."""
        self._config = config
        self._show_config(config)

    def _show_arch(self, arch: Architecture) -> None:
        self.input_label.setText(str(arch.sizes[0]))
        hidden = arch.sizes[1:-1]
        while len(self._layer_spins) > len(hidden):
            spin = self._layer_spins.pop()
            self.layers_box.removeWidget(spin)
            spin.deleteLater()
        while len(self._layer_spins) < len(hidden):
            spin = WholeNumberSpinBox(1, MAX_UNITS_PER_LAYER, tip=self.tr(
                "Units in hidden layer {0} (1–{1})").format(len(self._layer_spins) + 1, MAX_UNITS_PER_LAYER))
            spin.refused.connect(self.problem)
            spin.valueChanged.connect(self._on_arch_widget_changed)
            self._layer_spins.append(spin)
            self.layers_box.addWidget(spin)
        with signals_blocked(self.output_spin, *self._layer_spins, self.hidden_box, self.output_box, self.loss_box):
            self.output_spin.setValue(arch.sizes[-1])
            for spin, units in zip(self._layer_spins, hidden):
                spin.setValue(units)
            for spin in (*self._layer_spins, self.output_spin):
                spin.forget_refusal()  # a network from a preset or a file: no refusal stands for it
            self.hidden_box.setCurrentText(arch.hidden_activation)
            self.output_box.setCurrentText(arch.output_activation)
            self.loss_box.setCurrentText(arch.loss)
        self.add_layer_button.setEnabled(len(hidden) < MAX_HIDDEN_LAYERS)
        self.remove_layer_button.setEnabled(len(hidden) > 0)

    def _show_config(self, config: TrainingConfig) -> None:
        with signals_blocked(self.init_box, self.seed_spin, self.lr_spin, self.batch_spin):
            self.init_box.setCurrentText(config.init_method)
            self.seed_spin.setValue(config.seed)
            self.lr_spin.setValue(config.learning_rate)
            self.batch_spin.setValue(config.batch_size)
            for spin in (self.seed_spin, self.lr_spin, self.batch_spin):
                spin.forget_refusal()  # settings from a preset or a file replace what was refused
        self.optimizer_form.show_config(config)

    # --- widgets -> commands ----------------------------------------------------------

    def _on_add_layer_clicked(self) -> None:
        sizes = self._arch.sizes
        units = sizes[-2] if len(sizes) > 2 else 3
        self._apply_arch(sizes[:-1] + (units,) + sizes[-1:])

    def _on_remove_layer_clicked(self) -> None:
        sizes = self._arch.sizes
        if len(sizes) > 2:
            self._apply_arch(sizes[:-2] + sizes[-1:])

    def _on_arch_widget_changed(self, *_args) -> None:
        sizes = self._arch.sizes
        self._apply_arch((sizes[0],) + tuple(s.value() for s in self._layer_spins) + (self.output_spin.value(),))

    def _apply_arch(self, sizes: tuple[int, ...]) -> None:
        output = self.output_box.currentText()
        loss = self.loss_box.currentText()
        sender = self.sender()
        if sender is self.output_box and loss != "mse" and NATURAL_LOSS[output] != loss:
            loss = NATURAL_LOSS[output]
            self.problem.emit(self.tr("Loss switched to {0}: it is the one that goes with a {1} output").format(loss, output))
        elif sender is self.loss_box and loss in REQUIRED_OUTPUT and REQUIRED_OUTPUT[loss] != output:
            output = REQUIRED_OUTPUT[loss]
            self.problem.emit(self.tr("Output switched to {0}: the {1} loss needs it").format(output, loss))
        try:
            self._request_architecture(Architecture(sizes, self.hidden_box.currentText(), output, loss))
        except MlpvizError as exc:
            self.problem.emit(str(exc))
            self._show_arch(self._arch)

    def _on_config_widget_changed(self, *_args) -> None:
        try:
            config = self._config.with_(
                init_method=self.init_box.currentText(),
                seed=self.seed_spin.value(),
                learning_rate=self.lr_spin.value(),
                batch_size=self.batch_spin.value(),
                **self.optimizer_form.changes(),
            )
        except MlpvizError as exc:
            self.problem.emit(str(exc))
            self._show_config(self._config)
            return
        self._request_config(config)
