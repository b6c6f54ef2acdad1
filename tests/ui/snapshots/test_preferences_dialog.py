"""Preferences dialog: shows the current snapshot preferences and gives back what was edited."""

from __future__ import annotations

from mlpviz.ui.snapshots.preferences import SnapshotPreferences
from mlpviz.ui.snapshots.preferences_dialog import PreferencesDialog


def test_dialog_round_trips_and_edits(qtbot, tmp_path):
    prefs = SnapshotPreferences(str(tmp_path / "snaps"), 25, 64, False)
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    assert dialog.preferences() == prefs
    dialog.auto_spin.setValue(0)
    dialog.history_spin.setValue(512)
    dialog.restore_check.setChecked(True)
    dialog.folder_edit.setText(f"  {tmp_path / 'other'}  ")
    assert dialog.preferences() == SnapshotPreferences(str(tmp_path / "other"), 0, 512, True)
    assert dialog.auto_spin.text() == "off"
