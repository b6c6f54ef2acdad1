"""The Presets menu: one click sets network, parameters, data and learning rate (mlpviz.app.presets)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from mlpviz.app.presets import DEFAULT_PRESET, PRESETS, apply_preset
from mlpviz.engine import MlpvizError


def add_presets_menu(window) -> QMenu:
    """A "Presets" menu before the View menu of ``window`` (a MainWindow); sets ``window.presets_menu``."""
    menu = QMenu("&Presets", window)
    for key, preset in PRESETS.items():
        title = preset.title + (" (default)" if key == DEFAULT_PRESET else "")
        action = QAction(title, menu)
        action.setObjectName(f"preset-{key}")
        action.setToolTip(preset.description)
        action.setStatusTip(preset.description)
        action.triggered.connect(lambda _checked=False, k=key: _apply(window, k))
        menu.addAction(action)
    menu.setToolTipsVisible(True)
    bar = window.menuBar()
    view_menu = getattr(window, "view_menu", None)
    if view_menu is not None:
        bar.insertMenu(view_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    window.presets_menu = menu
    return menu


def _apply(window, key: str) -> None:
    try:
        apply_preset(window.session, key)  # says what it set in the status bar (session.message)
    except MlpvizError as exc:
        window.show_message(f"Preset {PRESETS[key].title} not applied: {exc}")
