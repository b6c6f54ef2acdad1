"""Test-wide set-up: Qt runs offscreen, and nothing a test does touches the user's files.

Runs at import, before any test module imports Qt: the offscreen platform is chosen and
the XDG folders point into a throw-away folder (subprocesses inherit both). Each test
then gets its own empty config/data/state/cache folders and its own QSettings files.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# As the app does (mlpviz/cli/main.py): one BLAS thread, so timings stay steady on a busy box.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

_SESSION_HOME = tempfile.mkdtemp(prefix="mlpviz-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
_XDG_VARS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
for _var in _XDG_VARS:
    os.environ[_var] = os.path.join(_SESSION_HOME, _var.lower())
os.environ.setdefault("XDG_RUNTIME_DIR", os.path.join(_SESSION_HOME, "runtime"))
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)

# Hypothesis keeps caches (e.g. its unicode tables) in ./.hypothesis unless told otherwise.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(_SESSION_HOME, "hypothesis"))

try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
else:
    # No example database in the checkout; no flaky deadlines on a slow, shared CI box.
    _hypothesis_settings.register_profile("mlpviz", database=None, deadline=None)
    _hypothesis_settings.load_profile("mlpviz")

try:
    from PySide6.QtCore import QSettings, QStandardPaths
except ImportError:  # pragma: no cover - PySide6 is a dependency
    QSettings = QStandardPaths = None
else:
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Fresh XDG folders and QSettings paths per test, so tests cannot see each other's
    settings (nor the user's real ones)."""
    home = tmp_path_factory.mktemp("xdg")
    for var in _XDG_VARS:
        folder = home / var.lower()
        monkeypatch.setenv(var, str(folder))
    if QSettings is not None:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / "xdg_config_home"))
    yield home


FULL_COLLECTION_EVERY = 25  # tests; a young-generations collection after each of the others


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_this_thread():
    """Cycles are collected on the tests' own (the GUI) thread only, as the app does (``ui/gui_thread_gc.py``):
    a window's Qt objects collected on a worker thread (a file read, the Run reader) corrupt Qt's heap."""
    import gc

    gc.disable()
    yield
    gc.enable()


_tests_run = [0]


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    yield
    import gc

    _tests_run[0] += 1
    gc.collect(2 if _tests_run[0] % FULL_COLLECTION_EVERY == 0 else 1)


@pytest.fixture(autouse=True)
def _english_messages():
    """Every test starts with messages in English (a test that switches the language cannot leak it)."""
    from mlpviz import i18n

    i18n.set_language(i18n.ENGLISH)
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.fixture
def session(qapp):
    """A session as the window starts it, with Animate off so that a step applies at once."""
    from mlpviz.app.session import Session

    s = Session()
    s.set_animate(False)
    return s


@pytest.fixture
def settle(qtbot):
    """``settle()`` waits until the event loop has handled what was already due (layouts, zero timers):
    a zero timer posted after them has fired. No fixed wait."""
    from PySide6.QtCore import QTimer

    def wait() -> None:
        fired = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired), timeout=30_000)  # a busy machine: took up to 1.3 s under load

    return wait
