"""The Presets menu: one click sets network, parameters, data and learning rate (mlpviz.app.presets)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from mlpviz.app.presets import DEFAULT_PRESET, PRESETS
from mlpviz.engine import MlpvizError


class PresetsMenu(QMenu):
    """One action per preset; picking one calls ``apply_preset(key)`` (it raises MlpvizError to refuse).

    A refusal is reported through ``problem`` (the status bar).
    """

    problem = Signal(str)

    def __init__(self, apply_preset: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Presets"))
        self._apply_preset = apply_preset
        for key, preset in PRESETS.items():
            title = self.tr("{0} (default)").format(preset.title) if key == DEFAULT_PRESET else str(preset.title)
            action = QAction(title, self)
            action.setObjectName(f"preset-{key}")
            action.setToolTip(str(preset.description))
            action.setStatusTip(str(preset.description))
            action.triggered.connect(lambda _checked=False, k=key: self.apply(k))
            self.addAction(action)
        self.setToolTipsVisible(True)

    def apply(self, key: str) -> None:
        try:
            self._apply_preset(key)  # the session says what it set in the status bar
        except MlpvizError as exc:
            self.problem.emit(self.tr("Preset {0} not applied: {1}").format(PRESETS[key].title, exc))
