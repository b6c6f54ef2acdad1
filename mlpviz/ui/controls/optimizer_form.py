"""The optimizer and learning-rate schedule fields of the control panel.

It shows the fields the chosen optimizer uses (its declared settings) and hands back the values
typed; whether they are allowed is decided by TrainingConfig, with the same message as the CLI.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from mlpviz.engine.optimizers import OPTIMIZERS
from mlpviz.engine.schedules import SCHEDULES
from mlpviz.training.settings import MAX_SCHEDULE_STEPS, OPTIMIZER_SETTINGS, TrainingConfig

from ..widgets.number_spin_box import NumberSpinBox, WholeNumberSpinBox
from ..widgets.signals_blocked import signals_blocked


class OptimizerForm(QWidget):
    """Optimizer, its settings, and the schedule; ``edited`` when the user changes any of them."""

    edited = Signal()
    refused = Signal(str)

    def __init__(self, config: TrainingConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self.optimizer_box = QComboBox()
        for name, cls in OPTIMIZERS.items():
            self.optimizer_box.addItem(cls.title, name)
        self.optimizer_box.setToolTip(self.tr(
            "How each step moves the weights: SGD (with momentum or Nesterov), Adam, AdamW, RMSProp or AdaGrad"))
        self.nesterov_box = QCheckBox(self.tr("Nesterov"))
        self.nesterov_box.setToolTip(self.tr("Nesterov's look-ahead: w' = w − η·(g + μ·v); needs momentum"))
        tips = {
            "momentum": self.tr("Momentum μ: how much of the last step each step keeps (0 = none; below 1)"),
            "beta1": self.tr("β₁: how slowly Adam's mean of the gradient m forgets (from 0 to below 1)"),
            "beta2": self.tr("β₂: how slowly Adam's mean of g² (v) forgets (from 0 to below 1)"),
            "eps": self.tr("ε: keeps the division away from 0 (above 0, at most 1)"),
            "alpha": self.tr("α: how slowly RMSProp's mean of g² forgets (from 0 to below 1)"),
            "weight_decay": self.tr("Weight decay λ on the weights, not the biases: added to ∂C/∂w "
                                    "(taken apart from it by AdamW); 0 = off, up to 1000"),
        }
        self.spins: dict[str, NumberSpinBox] = {}
        for name in ("momentum", "beta1", "beta2", "eps", "alpha", "weight_decay"):
            setting = OPTIMIZER_SETTINGS[name]
            # The range ends are the rule's; an open end is refused by TrainingConfig with its message.
            self.spins[name] = NumberSpinBox(setting.low, setting.high,
                                             single_step=0.1 if setting.high == 1.0 else None, tip=tips[name])
        self.schedule_box = QComboBox()
        for name, schedule in SCHEDULES.items():
            self.schedule_box.addItem(str(schedule.title), name)
        self.schedule_box.setToolTip(self.tr(
            "The learning rate as a function of the step: constant, step decay (×γ every S steps), "
            "exponential (×γ each step) or cosine (down to γ·η over S steps)"))
        self.gamma_spin = NumberSpinBox(0.0, 1.0, single_step=0.1, tip=self.tr(
            "γ: the factor of step and exponential decay; cosine's final fraction (above 0, at most 1)"))
        self.steps_spin = WholeNumberSpinBox(1, MAX_SCHEDULE_STEPS, tip=self.tr(
            "S: steps between two step decays, or the length of the cosine"))
        self.warmup_spin = WholeNumberSpinBox(0, MAX_SCHEDULE_STEPS, tip=self.tr(
            "Warm-up: the learning rate rises linearly over this many steps first (0 = none)"))

        form = self._form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)  # a narrow dock: fields under their labels
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Optimizer"), self.optimizer_box)
        labels = {"momentum": self.tr("Momentum μ"), "beta1": self.tr("β₁"), "beta2": self.tr("β₂"),
                  "eps": self.tr("ε"), "alpha": self.tr("α"), "weight_decay": self.tr("Weight decay λ")}
        for name, spin in self.spins.items():
            form.addRow(labels[name], spin)
        form.addRow("", self.nesterov_box)
        form.addRow(self.tr("LR schedule"), self.schedule_box)
        form.addRow(self.tr("γ"), self.gamma_spin)
        form.addRow(self.tr("Schedule steps"), self.steps_spin)
        form.addRow(self.tr("Warm-up"), self.warmup_spin)

        for spin in (*self.spins.values(), self.gamma_spin, self.steps_spin, self.warmup_spin):
            spin.refused.connect(self.refused)
            spin.valueChanged.connect(self._on_edited)
        for box in (self.optimizer_box, self.schedule_box):
            box.currentIndexChanged.connect(self._on_edited)
        self.nesterov_box.toggled.connect(self._on_edited)
        self.show_config(config)

    def show_config(self, config: TrainingConfig) -> None:
        """Show ``config`` (and only the fields its optimizer and schedule use)."""
        self._config = config
        widgets = (self.optimizer_box, self.nesterov_box, self.schedule_box, self.gamma_spin, self.steps_spin,
                   self.warmup_spin, *self.spins.values())
        with signals_blocked(*widgets):
            self.optimizer_box.setCurrentIndex(self.optimizer_box.findData(config.optimizer))
            for name, spin in self.spins.items():
                spin.setValue(_shown_eps(config) if name == "eps" else getattr(config, name))
            self.nesterov_box.setChecked(config.nesterov)
            self.schedule_box.setCurrentIndex(self.schedule_box.findData(config.schedule))
            self.gamma_spin.setValue(config.gamma)
            self.steps_spin.setValue(config.schedule_steps)
            self.warmup_spin.setValue(config.warmup)
            for spin in (*self.spins.values(), self.gamma_spin, self.steps_spin, self.warmup_spin):
                spin.forget_refusal()  # settings from a preset or a file replace what was refused
        used = {s.name for s in OPTIMIZERS[config.optimizer].settings}
        for name, spin in self.spins.items():
            self._form.setRowVisible(spin, name in used)
        self._form.setRowVisible(self.nesterov_box, "nesterov" in used)
        schedule = SCHEDULES[config.schedule]
        self._form.setRowVisible(self.gamma_spin, config.schedule != "constant")
        self._form.setRowVisible(self.steps_spin, schedule.uses_steps)

    def changes(self) -> dict:
        """The settings as the fields hold them, for ``TrainingConfig.with_``."""
        optimizer = self.optimizer_box.currentData()
        values = {name: spin.value() for name, spin in self.spins.items()}
        if self._config.eps is None and (values["eps"] == _shown_eps(self._config) or optimizer != self._config.optimizer):
            values["eps"] = None  # an ε not typed in stays each optimizer's own default
        return {"optimizer": optimizer, **values, "nesterov": self.nesterov_box.isChecked(),
                "schedule": self.schedule_box.currentData(), "gamma": self.gamma_spin.value(),
                "schedule_steps": self.steps_spin.value(), "warmup": self.warmup_spin.value()}

    def _on_edited(self, *_args) -> None:
        self.edited.emit()  # (show_config blocks the widgets' signals: only the user's edits get here)


def _shown_eps(config: TrainingConfig) -> float:
    """The ε the field shows: the one chosen, else the optimizer's own default (1e-8 if it has none)."""
    if config.eps is not None:
        return config.eps
    return OPTIMIZERS[config.optimizer]().values().get("eps", 1e-8)
