"""The main window end to end: Step plays forward → loss → backward → update, Run never blocks."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImage

from mlpviz.app.view_state import Phase
from mlpviz.engine import Architecture
from mlpviz.ui.main_window import MainWindow

WAIT_MS = 30_000  # an animated step or the Run worker on a busy machine: a bound, never a pace


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session.pause()
    win.session.runs.stop_for_change()


def test_window_has_the_canvas_in_the_middle(window):
    central = window.centralWidget()
    assert central is window.canvas or central.isAncestorOf(window.canvas)
    assert window.canvas.isVisible() and window.canvas.width() > 300
    assert window.canvas.node_count == 6 and window.canvas.edge_count == 9


def test_step_plays_the_phases_in_order_and_ends_on_the_new_weights(window, qtbot):
    window.session.set_speed(20.0)
    phases = []
    window.session.state_changed.connect(lambda state: phases.append(state.phase))
    window.toolbar.step_action.trigger()
    qtbot.waitUntil(lambda: not window.session.is_playing, timeout=WAIT_MS)
    order = [p for i, p in enumerate(phases) if i == 0 or p is not phases[i - 1]]
    assert order == [Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE]
    assert window.session.step_count == 1
    window._refresh_status()
    assert window.step_label.text() == "step 1"
    new = window.session.trainer.last_record.params_after
    for l, w in enumerate(new.weights):
        assert np.array_equal(window.canvas.drawn_edge_values(l), w)
    assert not np.array_equal(window.canvas.drawn_edge_values(0), window.session.trainer.last_record.params.weights[0])


def test_run_then_pause_never_blocks_the_gui(window, qtbot):
    window.toolbar.animate_action.setChecked(False)
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=5, timeout=tick)
    window.toolbar.run_action.trigger()
    assert window.session.runs.running
    # Measure the steady state of Run (its worker started and reporting): the very first paint of
    # every dock is start-up, not Run.
    qtbot.waitUntil(lambda: window.session.step_count > 100, timeout=2 * WAIT_MS)
    last[0] = time.perf_counter()
    timer.start()
    qtbot.waitUntil(lambda: window.session.step_count > 600 and len(gaps) > 110, timeout=2 * WAIT_MS)  # 17 s under load
    window.toolbar.run_action.trigger()
    timer.stop()
    assert not window.session.runs.running
    steps = window.session.step_count
    with qtbot.assertNotEmitted(window.session.state_changed, wait=50):  # no picture after Pause
        pass
    assert window.session.step_count == steps
    # A GUI thread that waited on the worker would stop for its whole run (seconds); how short the gaps
    # are is a figure of `mlpviz bench run` (event-loop gap p99), not a timed test on a shared machine.
    assert max(gaps[1:]) < 0.5, f"GUI blocked for {max(gaps[1:]) * 1000:.0f} ms"
    assert window.canvas.frames_per_second > 0


def test_architecture_change_rebuilds_the_canvas(window):
    window.session.set_architecture(Architecture((2, 8, 8, 8, 1), "tanh", "sigmoid", "bce"))
    assert window.canvas.node_count == 27
    assert window.canvas.edge_count == window.canvas.drawn_edge_count == 16 + 64 + 64 + 8


def test_screenshot_after_a_step_is_not_blank(window, tmp_path):
    window.session.set_animate(False)
    window.session.step()
    path = tmp_path / "shot.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() > 600 and image.height() > 400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50
    # the canvas itself shows coloured nodes and edges, not just the background
    canvas = window.canvas.grab().toImage()
    coloured = sum(
        1 for x in range(0, canvas.width(), 3) for y in range(0, canvas.height(), 3)
        if len({canvas.pixelColor(x, y).red(), canvas.pixelColor(x, y).green(), canvas.pixelColor(x, y).blue()}) > 1
    )
    assert coloured > 100


def test_first_launch_tabs_the_data_under_the_controls_and_relaunch_keeps_the_users_layout(qtbot, tmp_path, settle):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.IniFormat)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.show()
    controls = first.docks["controls"]
    qtbot.waitUntil(lambda: len(first.tabifiedDockWidgets(controls)) == 2, timeout=WAIT_MS)  # 2.2 s under load
    assert set(first.tabifiedDockWidgets(controls)) == {first.docks["dataset"], first.docks["data"]}
    left_bars = [b for b in first.findChildren(QTabBar) if b.isVisible() and b.tabText(0).startswith("Network")]
    assert len(left_bars) == 1  # no stale second tab bar in the left column

    first.addDockWidget(Qt.RightDockWidgetArea, first.docks["data"])  # the user moves a dock
    first.close()

    again = MainWindow(settings=QSettings(str(tmp_path / "layout.ini"), QSettings.IniFormat))
    qtbot.addWidget(again)
    again.show()
    settle()  # the first-launch tabbing would run now; it must not
    assert again.dockWidgetArea(again.docks["data"]) == Qt.RightDockWidgetArea


def test_title_names_network_and_data_and_help_lists_the_shortcuts(window):
    from mlpviz.datasets import make_dataset

    assert window.windowTitle() == "2-3-1 relu/sigmoid on notebook — mlpviz"
    window.session.set_data(make_dataset("xor"), Architecture((2, 4, 1), "tanh", "sigmoid", "bce"))
    assert window.windowTitle() == "2-4-1 tanh/sigmoid on xor — mlpviz"
    rows = dict((text, keys) for keys, text in window.shortcut_rows())
    assert "Step" in rows
    assert rows["Run"].startswith("Space")


def test_numbers_changing_during_run_never_resize_the_canvas(window, qtbot, settle):
    """Labels such as "step 3382 · train loss 0.0710042" must not re-lay out the window each frame."""
    window.session.set_animate(False)
    settle()
    size = window.canvas.size()
    sizes = set()
    timer = QTimer(interval=5, timeout=lambda: sizes.add((window.canvas.width(), window.canvas.height())))
    timer.start()
    window.session.run()
    qtbot.waitUntil(lambda: window.session.step_count > 2000, timeout=2 * WAIT_MS)
    window.session.pause()
    timer.stop()
    assert sizes == {(size.width(), size.height())}


def test_arrow_keys_move_in_a_focused_table_and_step_elsewhere(window, qtbot):
    from PySide6.QtCore import Qt

    window.session.set_animate(False)
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Right)
    assert window.session.step_count == 1  # → steps from the canvas

    view = window.weights_view.views[0]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key_Right)
    assert window.session.step_count == 1  # → moved to the next cell instead
    assert view.currentIndex().column() == 1
