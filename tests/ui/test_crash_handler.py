"""The crash handler: an exception in a slot pauses, snapshots, logs and shows one dialog."""

from __future__ import annotations

import dataclasses
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from mlpviz.app import crash_log
from mlpviz.app.session import Session
from mlpviz.io.snapshot_read import load_snapshot
from mlpviz.ui.crash_handler import CrashDialog, CrashHandler, log_folder, recovery_folder

# The handler replaces pytest-qt's own hook while installed; the offscreen platform warns
# that it cannot raise or size real windows, which is not what these tests check.
pytestmark = [pytest.mark.qt_no_exception_capture, pytest.mark.qt_log_ignore("This plugin does not support")]
WAIT_MS = 30_000  # a busy machine: a bound, never a pace


@pytest.fixture
def handler(qtbot, tmp_path):
    session = Session()
    session.set_animate(False)
    h = CrashHandler(session, None, log_path=tmp_path / "logs" / "mlpviz.log",
                     recovery_dir=tmp_path / "recovery").install()
    yield h
    h.uninstall()
    if h.dialog is not None:
        h.dialog.close()
        h.dialog.deleteLater()


def _raise(message="boom in a slot"):
    raise RuntimeError(message)


def test_an_exception_in_a_slot_reaches_the_handler_and_the_app_goes_on(qtbot, handler, capfd):
    session = handler.session
    session.step()
    params_before = session.params
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: _raise())
    with qtbot.waitSignal(handler.dialog_shown, timeout=WAIT_MS) as shown:
        QTimer.singleShot(0, button.click)  # from the event loop, as a user's click would be

    dialog = shown.args[0]
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    assert "RuntimeError: boom in a slot" in dialog.report.summary
    log_text = (handler.log_path).read_text(encoding="utf-8")
    assert "Traceback" in log_text and "boom in a slot" in log_text and "_raise" in log_text
    snap = load_snapshot(dialog.report.snapshot_path)
    assert snap.params.equals(params_before) and snap.step == 1 and snap.arch == session.arch
    assert str(handler.log_path) in dialog.message_label.text()
    assert "boom in a slot" in capfd.readouterr().err  # the terminal is told too

    dialog.copy_button.click()
    assert "RuntimeError: boom in a slot" in QApplication.clipboard().text()

    session.step()  # still responds
    assert session.step_count == 2


def test_an_error_in_the_training_loop_pauses_run(qtbot, handler, monkeypatch):
    session = handler.session
    calls = []

    def failing_follow(_trainer, _report):  # taking in what the worker process trained
        calls.append(1)
        raise ValueError("the loop broke")

    monkeypatch.setattr("mlpviz.app.background_run.follow", failing_follow)
    with qtbot.waitSignal(handler.dialog_shown, timeout=WAIT_MS):
        session.run()
    assert not session.runs.running
    count = len(calls)
    with qtbot.assertNotEmitted(session.state_changed, wait=50):  # the run is stopped: no more reports
        pass
    assert len(calls) == count and handler.error_count == 1


def test_a_flood_of_errors_shows_one_dialog_and_counts_the_rest(qtbot, handler):
    shown = []
    handler.dialog_shown.connect(shown.append)
    for i in range(50):
        QTimer.singleShot(0, lambda i=i: _raise(f"error {i}"))
    qtbot.waitUntil(lambda: handler.error_count == 50, timeout=WAIT_MS)
    assert len(shown) == 1
    assert handler.dialog.extra_count == 49 and "49 more" in handler.dialog.count_label.text()
    log_text = handler.log_path.read_text(encoding="utf-8")
    assert log_text.count("Traceback") == 1 + 20  # the first, then a capped number


def test_an_error_while_handling_is_not_reentrant(qtbot, handler, monkeypatch, capfd):
    def pause_that_raises_again():
        handler._on_excepthook(KeyError, KeyError("second"), None)
        raise OSError("pause failed")

    monkeypatch.setattr(handler.session, "pause", pause_that_raises_again)
    with qtbot.waitSignal(handler.dialog_shown, timeout=WAIT_MS):
        QTimer.singleShot(0, lambda: _raise("first"))
    assert handler.error_count == 2 and handler.counted_only == 1
    assert "first" in handler.dialog.report.summary
    assert "second" in capfd.readouterr().err


def test_an_exception_in_another_thread_is_shown_from_the_gui_thread(qtbot, handler):
    thread = threading.Thread(target=lambda: _raise("in a worker"))
    with qtbot.waitSignal(handler.dialog_shown, timeout=WAIT_MS):
        thread.start()
        thread.join()
    assert "in a worker" in handler.dialog.report.summary


def test_an_unwritable_log_or_snapshot_folder_is_reported_not_raised(qtbot, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    session = Session()
    h = CrashHandler(session, None, log_path=blocker / "mlpviz.log", recovery_dir=blocker / "recovery")
    with qtbot.waitSignal(h.dialog_shown, timeout=WAIT_MS):
        try:
            _raise("nowhere to write")
        except RuntimeError:
            h.handle(*sys.exc_info())
    assert h.dialog.report.log_path is None and h.dialog.report.log_problem
    assert h.dialog.report.snapshot_path is None and h.dialog.report.snapshot_problem
    assert "could not be written" in h.dialog.message_label.text()
    h.dialog.close()


def test_install_and_uninstall_restore_the_previous_hooks(qtbot, tmp_path):
    before = sys.excepthook, threading.excepthook
    h = CrashHandler(None, None, log_path=tmp_path / "l.log", recovery_dir=tmp_path / "r").install()
    assert sys.excepthook == h._on_excepthook and threading.excepthook == h._on_thread_excepthook
    h.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_default_folders_are_the_users_log_and_data_folders():
    state = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation)
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert log_folder() == Path(state) / "logs"
    assert recovery_folder() == Path(data) / "recovery"


def test_the_log_is_rotated_and_capped(tmp_path):
    path = tmp_path / "mlpviz.log"
    for i in range(40):
        crash_log.append_to_log(path, f"entry {i}\n" + "x" * 300, max_bytes=2000, backups=2)
    sizes = [p.stat().st_size for p in tmp_path.iterdir()]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlpviz.log", "mlpviz.log.1", "mlpviz.log.2"]
    assert max(sizes) <= 2000
    assert "entry 39" in path.read_text()


def test_recovery_snapshots_are_pruned(tmp_path):
    session = Session()
    paths = [crash_log.save_recovery_snapshot(tmp_path, dataclasses.replace(session.trainer.snapshot(), step=i), keep=3)
             for i in range(6)]
    left = sorted(tmp_path.glob("recovery-*.npz"))
    assert len(left) == 3 and paths[-1] in left


def test_in_the_main_window_a_failing_view_during_run_pauses_and_the_window_goes_on(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from mlpviz.ui.crash_handler import install_crash_handler
    from mlpviz.ui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    session = window.session
    session.set_animate(False)
    handler = install_crash_handler(session, window)
    handler.log_path, handler.recovery_dir = tmp_path / "mlpviz.log", tmp_path / "recovery"
    try:
        def broken_view(_state):
            raise ZeroDivisionError("a view failed")

        session.state_changed.connect(broken_view)
        with qtbot.waitSignal(handler.dialog_shown, timeout=WAIT_MS):
            window.toolbar.run_action.trigger()
        assert not session.runs.running and window.toolbar.run_action.text() == "Run"
        assert handler.dialog.parent() is window
        assert load_snapshot(handler.dialog.report.snapshot_path).params.equals(session.params)

        session.state_changed.disconnect(broken_view)
        steps = session.step_count
        window.toolbar.step_action.trigger()
        assert session.step_count == steps + 1
    finally:
        handler.uninstall()
        if handler.dialog is not None:
            handler.dialog.close()


def test_a_hard_crash_leaves_the_python_stack_in_the_fatal_log(tmp_path):
    """A segfault cannot be caught; faulthandler still writes where it happened."""
    import subprocess

    script = (
        "import faulthandler, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from mlpviz.ui.crash_handler import CrashHandler\n"
        "app = QApplication([])\n"
        f"h = CrashHandler(None, None, log_path=r'{tmp_path}/logs/mlpviz.log').install()\n"
        "def deep_in_mlpviz():\n"
        "    faulthandler._sigsegv()\n"
        "deep_in_mlpviz()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                            cwd=str(Path(__file__).resolve().parents[2]))
    assert result.returncode != 0
    text = (tmp_path / "logs" / "fatal.log").read_text()
    assert "mlpviz started" in text and "Segmentation fault" in text and "deep_in_mlpviz" in text


def test_warnings_go_to_the_log_not_the_terminal(handler, capfd):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("overflow encountered in exp", RuntimeWarning)
    assert "RuntimeWarning: overflow encountered in exp" in handler.log_path.read_text(encoding="utf-8")
    assert "overflow" not in capfd.readouterr().err
    assert handler.warning_count == 1
