"""Snapshots, timeline, image export, preferences and session persistence, wired into the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.engine import MlpvizError, format_sizes

from .image_export import export_image_dialog
from .preferences import SnapshotPreferences
from .preferences_dialog import PreferencesDialog
from .snapshot_actions import SNAPSHOT_SUFFIXES, SnapshotActions
from .timeline import Timeline


class SnapshotFeatures(QObject):
    """Adds the snapshot actions to the File menu, the timeline dock and Preferences to ``window``.

    ``window`` is a MainWindow (session, settings, file_menu, add_dock, show_message, canvas).
    Session persistence is off until ``enable_session_persistence`` (the app turns it on;
    tests and embedded windows never touch the user's session file by accident).
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.actions = SnapshotActions(window, window.session, window.settings)
        self.actions.add_to_menu(window.file_menu)
        self.timeline = Timeline(window.session)
        window.add_below_canvas(self.timeline)
        self.image_action = QAction("Export &image of the network…", self, triggered=self.export_canvas_image)
        self.loss_image_action = QAction("Export image of the &loss curve…", self, triggered=self.export_loss_image)
        self.preferences_action = QAction("&Preferences…", self, shortcut=QKeySequence.Preferences,
                                          triggered=self.edit_preferences)
        self.preferences_action.setMenuRole(QAction.PreferencesRole)
        quit_action = window.file_menu.actions()[-1] if window.file_menu.actions() else None
        for action in (self.image_action, self.loss_image_action):
            window.file_menu.insertAction(quit_action, action)
        window.file_menu.insertSeparator(quit_action)
        window.file_menu.insertAction(quit_action, self.preferences_action)
        window.file_menu.insertSeparator(quit_action)
        self.store: SessionStore | None = None
        file_drop = getattr(window, "file_drop", None)
        if file_drop is not None:
            for suffix in SNAPSHOT_SUFFIXES:
                file_drop.register(suffix, self.open_dropped)
        self._apply_preferences(self.actions.preferences)

    @property
    def preferences(self) -> SnapshotPreferences:
        return self.actions.preferences

    # --- preferences -----------------------------------------------------------------

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.preferences, self.window)
        if dialog.exec():
            self.set_preferences(dialog.preferences())

    def set_preferences(self, prefs: SnapshotPreferences) -> None:
        prefs.save(self.window.settings)
        self._apply_preferences(prefs)

    def _apply_preferences(self, prefs: SnapshotPreferences) -> None:
        self.actions.preferences = prefs
        self.session.set_history_budget(prefs.history_bytes)

    # --- images ----------------------------------------------------------------------

    def export_canvas_image(self):
        state = self.session.state
        name = f"mlpviz-{format_sizes(state.arch.sizes)}-step{state.step:04d}.png"
        with self.window.canvas.full_detail_for_export():  # a picture shows every edge
            return export_image_dialog(self.window, self.window.canvas.ci, self._image_path(name), "Export network image")

    def loss_plot_item(self):
        """The loss curve's PlotItem: ``window.loss_plot``, else a plot inside a dock keyed "loss…"."""
        import pyqtgraph as pg

        widget = getattr(self.window, "loss_plot", None)
        if widget is None:
            widget = next((d.widget() for k, d in self.window.docks.items() if "loss" in k), None)
        if widget is None:
            return None
        found = [widget] if isinstance(widget, pg.PlotWidget) else widget.findChildren(pg.PlotWidget)
        return found[0].getPlotItem() if found else None

    def export_loss_image(self):
        item = self.loss_plot_item()
        if item is None:
            self.window.show_message("There is no loss curve to export yet")
            return None
        name = f"mlpviz-loss-step{self.session.step_count:04d}.png"
        return export_image_dialog(self.window, item, self._image_path(name), "Export loss curve image")

    def _image_path(self, name: str) -> str:
        folder = self.actions.last_export_dir or self.preferences.snapshots_folder
        return f"{folder}/{name}"

    # --- files dropped on the window -------------------------------------------------

    def open_dropped(self, path) -> bool:
        """A snapshot dropped on the window (registered with ``window.file_drop``)."""
        return self.actions.open_snapshot(path)

    # --- session across launches -----------------------------------------------------

    def enable_session_persistence(self, store: SessionStore | None = None) -> str:
        """Restore the last session now (unless opted out) and save it when the window closes."""
        self.store = store or SessionStore()
        self.window.installEventFilter(self)
        message = restore_session(self.store, self.session) if self.preferences.restore_session else ""
        if message:
            self.window.show_message(message)
        return message

    def save_session(self) -> None:
        if self.store is None or not self.preferences.restore_session:
            return
        try:
            self.store.save(self.session)
        except MlpvizError as exc:  # quitting: nobody to show a dialog to
            print(f"mlpviz: the session could not be saved: {exc}", file=sys.stderr)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Close:
            self.save_session()
        return False


def install_snapshots(window) -> SnapshotFeatures:
    """One call from MainWindow once its menus exist."""
    return SnapshotFeatures(window)
