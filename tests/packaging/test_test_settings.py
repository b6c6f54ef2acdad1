"""The test set-up itself: offscreen Qt, quiet windows, and settings kept out of $HOME."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMainWindow

REPO = pathlib.Path(__file__).resolve().parents[2]
REAL_HOME = pathlib.Path(os.path.expanduser("~"))


def test_qt_runs_offscreen(qapp):
    assert qapp.platformName() == "offscreen"


def test_showing_a_window_raises_no_qt_warning(qtbot):
    """qt_log_level_fail = WARNING must not trip on the offscreen plugin's own chatter."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setWindowTitle("mlpviz")
    window.resize(320, 240)
    window.show()
    qtbot.waitExposed(window)
    window.showMaximized()
    assert window.isVisible()
    window.close()


def test_settings_and_standard_paths_are_per_test(qapp, _isolated_user_folders):
    settings = QSettings("mlpviz", "mlpviz")
    settings.setValue("probe", 1)
    settings.sync()
    path = pathlib.Path(settings.fileName())
    assert path.is_relative_to(_isolated_user_folders), path
    assert path.exists()
    assert QStandardPaths.isTestModeEnabled()
    for location in (QStandardPaths.StandardLocation.AppConfigLocation,
                     QStandardPaths.StandardLocation.AppDataLocation):
        writable = pathlib.Path(QStandardPaths.writableLocation(location))
        assert not writable.is_relative_to(REAL_HOME / ".config")
        assert not writable.is_relative_to(REAL_HOME / ".local" / "share")


def test_xdg_folders_point_into_the_test_folder(_isolated_user_folders):
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        assert pathlib.Path(os.environ[var]).is_relative_to(_isolated_user_folders)


def test_offscreen_window_manager_notes_do_not_fail_a_test(qtbot):
    """Resizing a shown window makes the offscreen plugin warn about size hints."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.setMinimumSize(200, 100)
    window.raise_()
    qtbot.waitExposed(window)
    assert window.minimumWidth() == 200


def test_pyproject_fails_real_qt_warnings_and_ignores_only_plugin_notes(tmp_path):
    """Run pytest under pyproject.toml's settings on two tests that emit a Qt warning."""
    (tmp_path / "test_probe.py").write_text(
        "from PySide6.QtCore import qWarning\n"
        "def test_plugin_note(qtbot):\n"
        "    qWarning('This plugin does not support propagateSizeHints()')\n"
        "def test_real_warning(qtbot):\n"
        "    qWarning('something is wrong')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"), "--rootdir",
         str(tmp_path), "-p", "no:cacheprovider", "-q", str(tmp_path / "test_probe.py")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 failed, 1 passed" in proc.stdout
    assert "FAILED test_probe.py::test_real_warning" in proc.stdout
