"""Slow file reads run off the GUI thread: the window keeps painting, and errors come back in line."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QWidget

from mlpviz.app.session import Session
from mlpviz.engine import DataError
from mlpviz.ui.widgets.background import call_in_background
from mlpviz.ui.data import import_preview
from mlpviz.ui.data.open_data import DataOpener


def _ticks_during(qtbot, action):
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10, timeout=tick)
    timer.start()
    try:
        result = action()
    finally:
        timer.stop()
    return result, gaps


def test_a_slow_csv_load_keeps_the_event_loop_turning(qtbot, monkeypatch, tmp_path):
    session = Session()
    path = tmp_path / "big.csv"
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    read = import_preview.read_csv_table

    def slow_read(*args, **kwargs):
        time.sleep(0.6)  # a big file
        return read(*args, **kwargs)

    monkeypatch.setattr(import_preview, "read_csv_table", slow_read)
    monkeypatch.setattr(import_preview.ImportPreviewDialog, "exec", lambda self: QDialog.Accepted)
    parent = QWidget()
    qtbot.addWidget(parent)
    opener = DataOpener(session.load_data, parent)
    loaded, gaps = _ticks_during(qtbot, lambda: opener.open(path))
    assert loaded and session.dataset.name == "big" and session.dataset.n_train == 4
    assert len(gaps) >= 20 and max(gaps) < 0.5  # timers (and painting) went on during the 0.6 s read


def test_the_worker_s_exception_is_raised_in_the_caller(qapp):
    def refuse():
        raise DataError("line 3, column x2: not a number")

    with pytest.raises(DataError, match="line 3"):
        call_in_background(refuse)
    assert call_in_background(sum, [1, 2, 3]) == 6


def test_a_long_read_offers_cancel_and_a_cancelled_read_changes_nothing(qtbot):
    """Past half a second a modal progress window appears; Cancel returns at once with Cancelled."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from mlpviz.ui.widgets.background import Cancelled, read_in_background

    release = threading.Event()

    def slow():
        release.wait(10)
        return "data"

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            dialogs[0].cancel()
        else:
            QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(600, press_cancel)
    start = time.perf_counter()
    with pytest.raises(Cancelled, match="nothing was changed"):
        read_in_background("Reading big.csv…", slow)
    assert time.perf_counter() - start < 5
    release.set()
    assert read_in_background("Reading small.csv…", lambda: 42) == 42  # quick: no window, the value back
