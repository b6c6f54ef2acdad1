"""Start the GUI: the QApplication with mlpviz's names and icon, then the main window."""

from __future__ import annotations

import os
import sys

APP_NAME = "mlpviz"
ORG_NAME = "mlpviz"
ORG_DOMAIN = "mlpviz.org"


def create_application(argv: list[str] | None = None):
    """The QApplication, configured so settings, the window icon and the launcher match."""
    from PySide6.QtWidgets import QApplication

    from mlpviz import __version__

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("mlpviz")
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mlpviz")
    app.setWindowIcon(app_icon())
    return app


def app_icon():
    """The application icon from the shipped SVG and PNGs (empty icon if they are missing)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    try:
        from mlpviz.resources import resource_path
    except ImportError:
        return icon
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = resource_path(f"icons/mlpviz-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    svg = resource_path("icons/mlpviz.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def run_gui(argv: list[str] | None = None, open_path: str | None = None) -> int:
    """Open the main window (with the file ``open_path``: a lesson, a network or data) and run the event loop;
    returns the exit code (1 if no window can open)."""
    from .platform_check import platform_problem

    problem = platform_problem()
    if problem:  # Qt would abort with a message that names no package
        print(f"mlpviz: {problem}", file=sys.stderr)
        return 1
    pause_garbage_collection()  # until a second after the first picture: freeze_startup_objects
    app = create_application(argv)
    import pyqtgraph as pg  # after PySide6 so pyqtgraph binds to it

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from .crash_handler import install_crash_handler
    from .main_window import MainWindow

    from PySide6.QtCore import QSettings

    from .language_menu import start_language

    font_problem = start_language(QSettings())  # before any text is made: the desktop's language, or the user's
    handler = install_crash_handler()  # first: an error while restoring gets the dialog and the log too
    window = MainWindow()
    window.crash_handler = handler.attach(window.session, window)
    window.enable_session_persistence()  # reopen the last session; save it on quit
    if font_problem:
        window.show_message(font_problem)
    window.show()
    if open_path:
        window.open_path(open_path)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(SETTLE_AFTER_MS, lambda: build_qt_classes_then_freeze(app))
    QTimer.singleShot(PREPARE_RUN_MS, window.session.runs.prepare)  # once the window is up, not before it
    if os.environ.get(QUIT_WHEN_READY_VAR):
        QTimer.singleShot(0, lambda: _report_ready_and_close(window))
    return app.exec()


PREPARE_RUN_MS = 1500  # when the worker process for fast Run starts (``RunControl.prepare``)
SETTLE_AFTER_MS = 1000  # after the first picture: the window is up, the user not yet busy


BUILD_PER_TURN = 20  # PySide6 classes built per event-loop turn after the first picture (a few ms)


def build_qt_classes_then_freeze(app) -> None:
    """Build the PySide6 classes not yet used, a few per event-loop turn, then ``freeze_startup_objects``.

    PySide6 builds a class when it is first asked for; pyqtgraph's import used to ask for all of
    them before the first picture (see ``qt_imports``). Built now, while the user is not yet busy,
    a dialog or panel opened later does not stall its first frame building its classes, and they
    are frozen with the rest of starting up.
    """
    from PySide6.QtCore import QTimer

    from .qt_imports import build_qt_names, unbuilt_qt_names

    names = unbuilt_qt_names()
    timer = QTimer(app)

    def build_some() -> None:
        build_qt_names(names[:BUILD_PER_TURN])
        del names[:BUILD_PER_TURN]
        if not names:
            timer.stop()
            timer.deleteLater()
            freeze_startup_objects()

    timer.timeout.connect(build_some)
    timer.start(0)


def pause_garbage_collection() -> None:
    """No cyclic garbage collection while the app starts; ``freeze_startup_objects`` ends the pause.

    Starting makes some 75,000 objects that live as long as the app (Qt's, pyqtgraph's and
    mlpviz's classes and modules, the window); the collections on the way walked them again
    and again: about 0.1 s of the 1 s to the first picture on the development VM.
    """
    import gc

    gc.disable()


def freeze_startup_objects() -> None:
    """Collect the garbage of starting up once, exempt what is left from later collections, and collect as usual
    from then on, on the GUI thread only (``gui_thread_gc``).

    The objects of starting up live as long as the app; each full collection walked them all,
    60-90 ms during which the window froze (a stutter in Run every few seconds). Objects made
    later are collected as usual.
    """
    import gc

    from PySide6.QtCore import QCoreApplication

    from .gui_thread_gc import GuiThreadCollector

    gc.collect()
    gc.freeze()
    GuiThreadCollector(QCoreApplication.instance())


QUIT_WHEN_READY_VAR = "MLPVIZ_QUIT_WHEN_READY"  # for launch tests: paint once, say so, close (saving the session)


def _report_ready_and_close(window) -> None:
    window.repaint()  # one full paint, at once
    print("mlpviz: window up", flush=True)
    document = getattr(window, "document", None)
    if document is not None and document.path is not None:
        print(f"mlpviz: document {document.path.name} at step {window.session.step_count}", flush=True)
    window.close()
