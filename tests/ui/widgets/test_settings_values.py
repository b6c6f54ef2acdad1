"""Settings read back are type- and range-checked: a hand-edited or damaged settings file never stops the app."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from mlpviz.training.history import max_budget_bytes
from mlpviz.ui.snapshots.preferences import MB, SnapshotPreferences, max_history_mb
from mlpviz.ui.snapshots.preferences_dialog import PreferencesDialog

BROKEN_INI = """[window]
geometry=abc
state=1, 2, 3
[history]
budget_mb=999999999999999999999999
[snapshots]
auto_every=many
folder=1, 2
[session]
restore=maybe
"""


def test_a_broken_settings_file_gives_a_window_and_defaults(qtbot, tmp_path):
    from mlpviz.ui.main_window import MainWindow

    path = tmp_path / "s.ini"
    path.write_text(BROKEN_INI)
    window = MainWindow(settings=QSettings(str(path), QSettings.IniFormat))
    qtbot.addWidget(window)
    prefs = window.snapshots.preferences
    assert prefs.history_mb == max_history_mb() and prefs.auto_every == 0 and prefs.restore_session is True
    assert prefs.snapshots_folder == SnapshotPreferences.load(QSettings(str(tmp_path / "none.ini"),
                                                                       QSettings.IniFormat)).snapshots_folder
    assert window.session.trainer.history.budget_bytes <= max_budget_bytes()
    window.show()
    qtbot.waitExposed(window)


def test_recent_files_of_the_wrong_type_are_dropped(qtbot, tmp_path):
    from mlpviz.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    settings.setValue("snapshots/recent", 7)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert window.snapshot_actions.recent_files() == []
    window.snapshot_actions._fill_recent_menu()


def test_the_history_budget_is_at_most_a_share_of_memory_everywhere(qtbot, tmp_path):
    from mlpviz.training.history import History, physical_memory_bytes

    assert max_budget_bytes() <= max(256 * MB, physical_memory_bytes() // 2)
    assert History(budget_bytes=10**15).budget_bytes == max_budget_bytes()
    dialog = PreferencesDialog(SnapshotPreferences(str(tmp_path)))
    qtbot.addWidget(dialog)
    assert dialog.history_spin.maximum() == max_history_mb() and max_history_mb() * MB <= max_budget_bytes()
