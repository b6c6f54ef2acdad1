"""Snapshots, timeline, image export and preferences, as MainWindow wires them."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from mlpviz.app.view_state import ViewState
from mlpviz.engine import format_sizes

from .image_export import export_image_dialog
from .preferences import SnapshotPreferences
from .preferences_dialog import PreferencesDialog
from .snapshot_actions import SNAPSHOT_SUFFIXES, SnapshotActions
from .timeline import Timeline

__all__ = ["SNAPSHOT_SUFFIXES", "SnapshotFeatures"]


class SnapshotFeatures(QObject):
    """The snapshot actions and the timeline, plus image export and Preferences.

    ``canvas``, ``loss_plot`` and ``landscape`` (the Landscape picture) are the views whose pictures are exported; new preferences
    set the history budget through ``set_history_budget(bytes)``; ``message`` is for the status bar.
    """

    message = Signal(str)

    def __init__(self, actions: SnapshotActions, timeline: Timeline, state: ViewState, settings: QSettings,
                 canvas, loss_plot: QWidget, set_history_budget: Callable[[int], None], parent: QWidget,
                 set_auto_snapshot_every: Callable[[int], None] | None = None, landscape=None) -> None:
        super().__init__(parent)
        self.window, self.settings = parent, settings
        self.actions, self.timeline = actions, timeline
        self.canvas, self.loss_plot, self.landscape = canvas, loss_plot, landscape
        self._set_history_budget = set_history_budget
        self._set_auto_snapshot_every = set_auto_snapshot_every
        self._state, self._latest_step = state, state.step
        self.image_action = QAction(self.tr("Export &image of the network…"), self, triggered=self.export_canvas_image)
        self.loss_image_action = QAction(self.tr("Export image of the &loss curve…"), self,
                                         triggered=self.export_loss_image)
        self.landscape_image_action = QAction(self.tr("Export image of the loss l&andscape…"), self,
                                              triggered=self.export_landscape_image, enabled=landscape is not None)
        self.preferences_action = QAction(self.tr("&Preferences…"), self, shortcut=QKeySequence.Preferences,
                                          triggered=self.edit_preferences)
        self.preferences_action.setMenuRole(QAction.PreferencesRole)
        self._apply_preferences(self.actions.preferences)

    def add_to_menu(self, menu: QMenu) -> None:
        """Image export and Preferences, before the last action of ``menu`` (File ▸ Quit)."""
        quit_action = menu.actions()[-1] if menu.actions() else None
        for action in (self.image_action, self.loss_image_action, self.landscape_image_action):
            menu.insertAction(quit_action, action)
        menu.insertSeparator(quit_action)
        menu.insertAction(quit_action, self.preferences_action)
        menu.insertSeparator(quit_action)

    def set_state(self, state: ViewState, latest_step: int) -> None:
        """The picture shown and the latest step trained (names of exported images)."""
        self._state, self._latest_step = state, latest_step

    @property
    def preferences(self) -> SnapshotPreferences:
        return self.actions.preferences

    # --- preferences -----------------------------------------------------------------

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.preferences, self.window)
        if dialog.exec():
            self.set_preferences(dialog.preferences())

    def set_preferences(self, prefs: SnapshotPreferences) -> None:
        prefs.save(self.settings)
        self._apply_preferences(prefs)

    def _apply_preferences(self, prefs: SnapshotPreferences) -> None:
        self.actions.preferences = prefs
        self._set_history_budget(prefs.history_bytes)
        if self._set_auto_snapshot_every is not None:
            self._set_auto_snapshot_every(prefs.auto_every)

    # --- images ----------------------------------------------------------------------

    def export_canvas_image(self):
        state = self._state
        name = f"mlpviz-{format_sizes(state.arch.sizes)}-step{state.step:04d}.png"
        with self.canvas.full_detail_for_export():  # a picture shows every edge
            return export_image_dialog(self.window, self.canvas.ci, self._image_path(name),
                                       self.tr("Export network image"))

    def loss_plot_item(self):
        """The loss curve's PlotItem."""
        return self.loss_plot.getPlotItem()

    def export_loss_image(self):
        name = f"mlpviz-loss-step{self._latest_step:04d}.png"
        return export_image_dialog(self.window, self.loss_plot_item(), self._image_path(name),
                                   self.tr("Export loss curve image"))

    def export_landscape_image(self):
        """The Landscape picture (surface, colour key, race losses) as PNG or SVG."""
        name = f"mlpviz-landscape-step{self._state.step:04d}.png"
        return export_image_dialog(self.window, self.landscape.export_item(), self._image_path(name),
                                   self.tr("Export loss landscape image"))

    def _image_path(self, name: str) -> str:
        folder = self.actions.last_export_dir or self.preferences.snapshots_folder
        return f"{folder}/{name}"

    # --- files dropped on the window -------------------------------------------------

    def open_dropped(self, path) -> bool:
        """A snapshot dropped on the window (MainWindow registers it with its FileDrop)."""
        return self.actions.open_snapshot(path)
