"""Unexpected exceptions: pause, save a recovery snapshot, log the traceback, tell the user.

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and carries on, so
installing a hook here is enough to catch errors from any slot or from the training
loop. Errors raised in other threads (``threading.excepthook``) are passed to the GUI
thread through a queued signal. The handler never raises and never ends the process;
a flood of errors shows one dialog and counts the rest. While installed, Python
warnings go to the log instead of the terminal, and a hard crash leaves its stacks in
``fatal.log`` (faulthandler).
"""

from __future__ import annotations

import sys
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QPlainTextEdit, QPushButton, QStyle,
    QHBoxLayout, QVBoxLayout, QWidget,
)

from mlpviz.app import crash_log
from mlpviz.i18n import msg
from .widgets.plain_text import plain_label

MAX_LOGGED_PER_DIALOG = 20  # further errors while a dialog is open are only counted
QUIET_SECONDS = 5.0
MAX_LOGGED_WARNINGS = 100  # per run; Python already shows each warning once per place  # the same error again this soon after closing its dialog is only counted


def log_folder() -> Path:
    """The user's log folder for mlpviz (``StateLocation/logs``; on old Qt ``AppLocalData/logs``)."""
    location = getattr(QStandardPaths.StandardLocation, "StateLocation", None)
    base = QStandardPaths.writableLocation(location) if location is not None else ""
    if not base:
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "logs"


def recovery_folder() -> Path:
    """Where recovery snapshots go: ``AppDataLocation/recovery``."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"


@dataclass
class CrashReport:
    """One handled error: what the dialog shows and "Copy details" copies."""

    summary: str
    details: str
    log_path: Path | None = None
    log_problem: str = ""
    snapshot_path: Path | None = None
    snapshot_problem: str = ""
    step: int = 0

    def text_for_user(self) -> str:
        lines = [f"<b>mlpviz hit an unexpected error</b> and paused training:<br><tt>{_html(self.summary)}</tt>"]
        if self.snapshot_path is not None:
            lines.append(str(msg("Your network (step {step}) was saved to<br><tt>{value}</tt><br>open it with File ▸ Open snapshot if you need it.", step=self.step, value=_html(str(self.snapshot_path)))))
        elif self.snapshot_problem:
            lines.append(str(msg("No recovery snapshot could be saved: {value}", value=_html(self.snapshot_problem))))
        if self.log_path is not None:
            lines.append(str(msg("The details were written to<br><tt>{value}</tt>", value=_html(str(self.log_path)))))
        elif self.log_problem:
            lines.append(str(msg("The log could not be written: {value}", value=_html(self.log_problem))))
        lines.append(str(msg("You can keep working. Please include the details when you report this.")))
        return "<p>" + "</p><p>".join(lines) + "</p>"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CrashDialog(QDialog):
    """Non-modal: the error, where the log and the snapshot are, Copy details, Open log folder."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash-dialog")
        self.setWindowTitle(self.tr("mlpviz: unexpected error"))
        self.report = report
        self.extra_count = 0
        icon = plain_label()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        self.message_label = plain_label(report.text_for_user())
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = plain_label()
        self.count_label.setVisible(False)
        self.details_view = QPlainTextEdit(report.details)
        self.details_view.setReadOnly(True)
        self.details_view.setMinimumHeight(160)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy the error report to the clipboard"))
        self.open_log_button = QPushButton(self.tr("Open log folder"))
        self.open_log_button.setEnabled(report.log_path is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_log_button.clicked.connect(self._on_open_log_clicked)
        buttons.rejected.connect(self.reject)
        self.resize(620, 420)

    def copy_details(self) -> None:
        text = self.report.details
        if self.extra_count:
            text += f"\n({self.extra_count} more error(s) followed; see the log)\n"
        QGuiApplication.clipboard().setText(text)

    def count_another(self) -> None:
        self.extra_count += 1
        self.count_label.setText(self.tr("{0} more error(s) happened since; they are in the log.").format(self.extra_count))
        self.count_label.setVisible(True)

    def _on_open_log_clicked(self) -> None:
        if self.report.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.log_path.parent)))


class CrashHandler(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` while the GUI runs.

    ``session`` (optional) is paused (``pause``, or ``emergency_stop`` if that raises) and
    its ``snapshot()`` saved; ``parent_widget`` parents the dialog.
    ``reports`` lists every error handled (the counted ones too) for tests and the log.
    """

    dialog_shown = Signal(object)  # CrashDialog
    _from_thread = Signal(object, object, object)

    def __init__(self, session=None, parent_widget: QWidget | None = None, log_path: Path | None = None,
                 recovery_dir: Path | None = None) -> None:
        super().__init__(parent_widget)
        self.session = session
        self.parent_widget = parent_widget
        self.log_path = Path(log_path) if log_path is not None else log_folder() / crash_log.LOG_NAME
        self.recovery_dir = Path(recovery_dir) if recovery_dir is not None else recovery_folder()
        self.dialog: CrashDialog | None = None
        self.error_count = 0
        self.counted_only = 0
        self._busy = False
        self._logged_this_dialog = 0
        self._last_signature: tuple | None = None
        self._last_closed = 0.0
        self._previous_hooks = None
        self._fatal_file = None
        self._previous_showwarning = warnings.showwarning
        self.warning_count = 0
        self._from_thread.connect(self.handle)

    # --- installing ------------------------------------------------------------------

    def attach(self, session, parent_widget: QWidget) -> "CrashHandler":
        """Pause and snapshot ``session`` and parent dialogs to ``parent_widget`` from now on.

        The app installs the handler before its window exists, so errors while the window
        is built or the session restored are caught too, then attaches the two.
        """
        self.session, self.parent_widget = session, parent_widget
        self.setParent(parent_widget)
        return self

    def install(self) -> "CrashHandler":
        if self._previous_hooks is None:
            self._previous_hooks = (sys.excepthook, threading.excepthook)
            sys.excepthook = self._on_excepthook
            threading.excepthook = self._on_thread_excepthook
            self._fatal_file = crash_log.enable_fatal_log(self.log_path.with_name(crash_log.FATAL_LOG_NAME))
            self._previous_showwarning = warnings.showwarning
            warnings.showwarning = self._on_warning
        return self

    def uninstall(self) -> None:
        if self._previous_hooks is not None:
            if sys.excepthook == self._on_excepthook:
                sys.excepthook = self._previous_hooks[0]
            if threading.excepthook == self._on_thread_excepthook:
                threading.excepthook = self._previous_hooks[1]
            self._previous_hooks = None
            crash_log.disable_fatal_log(self._fatal_file)
            self._fatal_file = None
            if warnings.showwarning == self._on_warning:
                warnings.showwarning = self._previous_showwarning

    def _on_warning(self, message, category, filename, lineno, file=None, line=None) -> None:
        """Warnings (numpy overflow and the like) go to the log, not to the user's terminal."""
        if self.warning_count >= MAX_LOGGED_WARNINGS:
            return
        self.warning_count += 1
        try:
            text = warnings.formatwarning(message, category, filename, lineno, line)
            crash_log.append_to_log(self.log_path, f"time: {time.strftime('%Y-%m-%d %H:%M:%S')}\nwarning: {text}")
        except Exception:  # noqa: BLE001 - a warning must never become an error
            pass

    def _on_excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            previous = self._previous_hooks[0] if self._previous_hooks else sys.__excepthook__
            previous(exc_type, exc, tb)
            return
        if QThread.currentThread() is not self.thread():
            self._from_thread.emit(exc_type, exc, tb)  # queued to the GUI thread
            return
        self.handle(exc_type, exc, tb)

    def _on_thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        self._from_thread.emit(args.exc_type, args.exc_value, args.exc_traceback)

    # --- handling --------------------------------------------------------------------

    def handle(self, exc_type, exc, tb) -> None:
        """Pause, snapshot, log, show; never raises. Re-entrant calls are logged to stderr only."""
        self.error_count += 1
        if self._busy:  # an error while handling an error: do the least possible
            self.counted_only += 1
            crash_log.print_to_stderr(_safe_details(exc_type, exc, tb))
            return
        self._busy = True
        try:
            self._handle(exc_type, exc, tb)
        except BaseException as second:  # noqa: BLE001 - the hook must never raise
            crash_log.print_to_stderr(_safe_details(exc_type, exc, tb))
            crash_log.print_to_stderr(_safe_details(type(second), second, second.__traceback__))
        finally:
            self._busy = False

    def _handle(self, exc_type, exc, tb) -> None:
        self._pause_session()
        details = _safe_details(exc_type, exc, tb)
        signature = crash_log.error_signature(exc_type, tb)
        crash_log.print_to_stderr(details)
        dialog_open = self.dialog is not None and self.dialog.isVisible()
        repeat = signature == self._last_signature and time.monotonic() - self._last_closed < QUIET_SECONDS
        if dialog_open or repeat:
            self.counted_only += 1
            if self._logged_this_dialog < MAX_LOGGED_PER_DIALOG:
                self._logged_this_dialog += 1
                self._write_log(details)
            if dialog_open:
                self.dialog.count_another()
            return
        report = CrashReport(crash_log.error_summary(exc_type, exc), details, step=self._step())
        report.snapshot_path, report.snapshot_problem = self._save_snapshot()
        if report.snapshot_path is not None:
            report.details += f"\nrecovery snapshot: {report.snapshot_path}\n"
        report.log_path, report.log_problem = self._write_log(report.details)
        self._last_signature = signature
        self._logged_this_dialog = 0
        self._show(report)

    def _pause_session(self) -> None:
        if self.session is None:
            return
        try:
            self.session.pause()
        except Exception as exc:  # noqa: BLE001 - report, but keep handling the first error
            crash_log.print_to_stderr(str(msg("could not pause training: {exc}", exc=repr(exc))))
            try:
                self.session.runs.emergency_stop()  # the loop must not raise again and again
            except Exception:  # noqa: BLE001
                pass

    def _step(self) -> int:
        return int(getattr(self.session, "step_count", 0) or 0)

    def _save_snapshot(self) -> tuple[Path | None, str]:
        if self.session is None:
            return None, ""
        try:
            return crash_log.save_recovery_snapshot(self.recovery_dir, self.session.trainer.snapshot()), ""
        except Exception as exc:  # noqa: BLE001 - a snapshot failure must not hide the first error
            return None, f"{type(exc).__name__}: {exc}"

    def _write_log(self, text: str) -> tuple[Path | None, str]:
        try:
            return crash_log.append_to_log(self.log_path, text), ""
        except Exception as exc:  # noqa: BLE001
            return None, f"{type(exc).__name__}: {exc}"

    def _show(self, report: CrashReport) -> None:
        if QApplication.instance() is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = CrashDialog(report, self.parent_widget)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog_shown.emit(self.dialog)

    def _on_dialog_finished(self, _result: int) -> None:
        self._last_closed = time.monotonic()


def _safe_details(exc_type, exc, tb) -> str:
    try:
        from PySide6 import __version__ as pyside_version

        return crash_log.error_details(exc_type, exc, tb, extra=f"PySide6 {pyside_version}")
    except Exception:  # noqa: BLE001
        return f"{exc_type!r}: {exc!r}"


def install_crash_handler(session=None, parent_widget: QWidget | None = None) -> CrashHandler:
    """Create and install the handler for the running GUI (see ``mlpviz.ui.app.run_gui``)."""
    return CrashHandler(session, parent_widget).install()
