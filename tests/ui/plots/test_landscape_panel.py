"""The Landscape panel, driven as a user drives it: opened from Train ▸ Loss landscape, weights picked on
the canvas's selection with Use selected, Step, Race and Export pressed; the drawn arrays are checked
against forward passes, the history projected and separate runs."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from mlpviz.app.landscape_jobs import FOLLOW_SECONDS
from mlpviz.app.presets import apply_preset
from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.engine import Params, forward
from mlpviz.training.landscape import random_plane, weight_plane
from mlpviz.training.landscape_picture import WEIGHTS
from mlpviz.training.loop import take_steps
from mlpviz.training.race import racer_config
from mlpviz.training.trainer import Trainer
from mlpviz.ui.plots.landscape_plot import colour_values
from mlpviz.ui.snapshots import image_export

WAIT_MS = 60_000  # a loaded 2-core machine: the surfaces are computed at a lower priority (nice 10)


def _menu_action(window, text):
    found = [a for a in window.train_menu.actions() if a.text().replace("&", "") == text]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def shown(window, qtbot):
    """The window on screen with the XOR preset, the Landscape opened from its menu action, a first picture drawn."""
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    apply_preset(window.session, "xor")
    action = _menu_action(window, "Loss landscape")
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    action.trigger()
    jobs = window.landscape_jobs
    qtbot.waitUntil(lambda: jobs.active and jobs.picture is not None and not jobs.busy, timeout=WAIT_MS)
    return window


def _picture_drawn_after(window, qtbot, act):
    """Do ``act`` and wait for the picture it leads to (a new one, drawn by the panel)."""
    jobs, before = window.landscape_jobs, window.landscape_jobs.picture
    act()
    qtbot.waitUntil(lambda: jobs.picture is not before and not jobs.busy
                    and window.landscape_panel.plot.picture is jobs.picture, timeout=WAIT_MS)
    return jobs.picture


def test_the_panel_opens_from_its_menu_and_draws_the_loss_of_the_parameters_shown(shown):
    s, plot = shown.session, shown.landscape_panel.plot
    picture = plot.picture
    assert shown.docks["landscape"].isVisible()
    values, low, high, log = colour_values(picture)
    assert np.array_equal(plot.image.image, values) and log
    assert plot.colour_key.levels() == pytest.approx((low, high))
    ticks = plot.colour_key.axis._tickLevels[0]  # the key is labelled with losses, not their logarithms
    assert all(float(text) == pytest.approx(10 ** value, rel=0.01) for value, text in ticks)
    plane = random_plane(s.arch, s.params, seed=0)
    surface = picture.surface
    for i, j in ((0, 0), (20, 20), (40, 7)):
        moved = Params.from_flat(plane.point(surface.alphas[j], surface.betas[i]), s.arch.sizes)
        direct = forward(s.arch, moved, s.dataset.x_train, s.trainer.targets).loss
        assert surface.losses[i, j] == pytest.approx(direct, rel=1e-12)
    assert list(plot.current.data["x"]) == [0.0] and list(plot.current.data["y"]) == [0.0]
    x, _y = plot.contours.getData()
    assert len(x) == 2 * sum(len(c) for c in picture.contours) > 0
    assert f"{picture.rows} training rows" in shown.landscape_panel.status.text()


def test_two_weights_picked_on_the_canvas_are_the_axes(shown, qtbot):
    s, panel = shown.session, shown.landscape_panel
    assert not panel.pick_buttons[0].isVisible()  # two random directions: no axes to pick
    picture = _picture_drawn_after(shown, qtbot, lambda: panel.plane_box.setCurrentIndex(panel.plane_box.findData(WEIGHTS)))
    assert picture.kind == WEIGHTS and picture.labels == ("w(x1→h1.1)", "w(x2→h1.1)")  # the first two
    shown.selection.set_item(UnitRef(1, 0))
    qtbot.mouseClick(panel.pick_buttons[0], Qt.LeftButton)  # a unit is no weight: said, nothing changes
    assert "Select a weight" in panel.status.text() and panel.axis_boxes[0].currentText() == "w(x1→h1.1)"
    shown.selection.set_item(WeightRef(0, 1, 2))
    qtbot.mouseClick(panel.pick_buttons[0], Qt.LeftButton)
    shown.selection.set_item(WeightRef(1, -1, 0))
    picture = _picture_drawn_after(shown, qtbot, lambda: qtbot.mouseClick(panel.pick_buttons[1], Qt.LeftButton))
    assert picture.kind == WEIGHTS and picture.labels == ("w(x2→h1.3)", "b(y1)")
    assert panel.axis_boxes[0].currentText() == "w(x2→h1.3)" and panel.axis_boxes[1].isVisible()
    assert shown.landscape_panel.plot.surface_plot.getAxis("bottom").labelText == "change of w(x2→h1.3)"
    surface = picture.surface
    i, j = 3, 30
    moved = s.params.with_weight(0, 1, 2, s.params.weights[0][1, 2] + surface.alphas[j])
    moved = moved.with_bias(1, 0, s.params.biases[1][0] + surface.betas[i])
    assert surface.losses[i, j] == pytest.approx(forward(s.arch, moved, s.dataset.x_train, s.trainer.targets).loss,
                                                 rel=1e-12)


def test_steps_taken_are_followed_and_the_path_is_the_history_projected(shown, qtbot):
    s, plot = shown.session, shown.landscape_panel.plot

    def ten_steps():
        for _ in range(10):
            s.step()

    _picture_drawn_after(shown, qtbot, ten_steps)
    qtbot.waitUntil(lambda: plot.picture.path_steps.tolist() == list(range(11)) and not shown.landscape_jobs.busy,
                    timeout=WAIT_MS)
    history = s.trainer.history
    flats = np.stack([history.params_at(k).flat for k in range(11)])
    expected = random_plane(s.arch, s.params, seed=0).project(flats)
    x, y = plot.path_item.getData()
    assert np.array_equal(np.column_stack([x, y]), expected)
    assert np.allclose(expected[-1], 0.0)  # the path ends where the star is: the parameters shown


def test_a_race_draws_each_optimizer_as_its_own_run_would_go(shown, qtbot):
    s, panel = shown.session, shown.landscape_panel
    form = panel.race_form
    form.ticks["rmsprop"].setChecked(True)
    form.steps_spin.setValue(30)
    start, step = s.params, s.step_count
    picture = _picture_drawn_after(shown, qtbot, lambda: qtbot.mouseClick(form.race_button, Qt.LeftButton))
    qtbot.waitUntil(lambda: len(panel.plot.picture.races) == 4, timeout=WAIT_MS)
    picture = panel.plot.picture
    assert [r.key for r in picture.races] == ["sgd", "momentum", "adam", "rmsprop"]
    plane = random_plane(s.arch, start, seed=0)
    for line in picture.races:
        lr = form.rates[line.key].value()
        alone = Trainer(s.arch, s.dataset, racer_config(s.config, line.key, lr), start, step=step)
        flats = [alone.params.flat]
        for _ in range(30):
            take_steps(alone, 1)
            flats.append(alone.params.flat)
        x, y = panel.plot.race_items[line.key].getData()
        assert np.array_equal(np.column_stack([x, y]), plane.project(np.stack(flats)))
        steps, losses = panel.plot.loss_curves[line.key].getData()
        assert steps.tolist() == list(range(31))
        assert losses[-1] == forward(s.arch, alone.params, s.dataset.x_train, s.trainer.targets).loss
    names = [label.text for _sample, label in panel.plot.legend.items]
    assert names[:2] == ["this run", "now"] and names[2:] == [f"{n}, η {form.rates[k].value():g}" for n, k in
                                                           (("SGD", "sgd"), ("momentum", "momentum"), ("Adam", "adam"),
                                                            ("RMSProp", "rmsprop"))]
    _picture_drawn_after(shown, qtbot, lambda: qtbot.mouseClick(form.clear_button, Qt.LeftButton))
    assert panel.plot.picture.races == () and not panel.plot.race_items and len(panel.plot.legend.items) == 2


def test_a_race_with_nothing_ticked_is_refused(shown, qtbot):
    form = shown.landscape_panel.race_form
    for tick in form.ticks.values():
        tick.setChecked(False)
    with qtbot.waitSignal(shown.landscape_panel.problem) as said:
        qtbot.mouseClick(form.race_button, Qt.LeftButton)
    assert said.args[0] == "Tick at least one optimizer to race"


def test_the_picture_is_exported_as_png_and_svg(shown, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "land.png"), ""))
    monkeypatch.setattr(image_export, "ask_number", lambda *a, **k: 2.0)
    qtbot.mouseClick(shown.landscape_panel.export_button, Qt.LeftButton)
    image = QImage(str(tmp_path / "land.png"))
    assert not image.isNull() and image.width() >= 2 * shown.landscape_panel.plot.ci.boundingRect().width() - 2
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "land"), "SVG drawing (*.svg)"))
    action = next(a for a in shown.file_menu.actions() if "landscape" in a.text().replace("&", ""))
    action.trigger()
    svg = (tmp_path / "land.svg").read_text()
    assert "<svg" in svg and "this run" in svg


def _legend_box(image: QImage) -> tuple[int, int]:
    """Width and height in pixels of the legend's box (its own dark colour) in an exported picture."""
    from mlpviz.ui.plots.landscape_plot import LEGEND_RGB

    rgb = image.convertToFormat(QImage.Format_RGB888)
    pixels = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    pixels = pixels[:, :3 * rgb.width()].reshape(rgb.height(), rgb.width(), 3)
    rows, cols = np.nonzero((np.abs(pixels.astype(int) - LEGEND_RGB) <= 2).all(axis=2))
    return cols.max() - cols.min() + 1, rows.max() - rows.min() + 1


def test_a_png_at_2x_has_the_legend_at_2x_like_the_rest(shown, qtbot, tmp_path, monkeypatch):
    """pyqtgraph's legend ignores the exporter's scale: a 2× PNG had a sharp surface and a 1× legend."""
    sizes = {}
    for scale in (1.0, 2.0):
        path = tmp_path / f"land{scale:g}.png"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, path=path, **k: (str(path), ""))
        monkeypatch.setattr(image_export, "ask_number", lambda *a, scale=scale, **k: scale)
        qtbot.mouseClick(shown.landscape_panel.export_button, Qt.LeftButton)
        image = QImage(str(path))
        sizes[scale] = (image.width(), *_legend_box(image))
    (width1, legend_w1, legend_h1), (width2, legend_w2, legend_h2) = sizes[1.0], sizes[2.0]
    assert abs(width2 - 2 * width1) <= 2 and legend_w1 > 100 and legend_h1 > 10
    assert abs(legend_w2 - 2 * legend_w1) <= 3 and abs(legend_h2 - 2 * legend_h1) <= 3, sizes


def test_following_run_redraws_at_a_low_rate_and_a_hidden_panel_computes_nothing(shown, qtbot):
    s, jobs = shown.session, shown.landscape_jobs
    started, drawn = [], []
    jobs.busy_changed.connect(lambda busy: busy and started.append(time.perf_counter()))
    jobs.picture_ready.connect(lambda picture: drawn.append(picture))
    s.run()
    qtbot.waitUntil(lambda: len(drawn) >= 3, timeout=WAIT_MS)
    s.pause()
    assert np.diff(started).min() >= FOLLOW_SECONDS - 0.02  # a surface starts at most every 0.75 s
    assert len({p.centre_loss for p in drawn}) == len(drawn)  # each around the run's newer parameters
    qtbot.waitUntil(lambda: not jobs.busy, timeout=WAIT_MS)
    shown.docks["landscape"].toggleViewAction().trigger()  # closed
    qtbot.waitUntil(lambda: not jobs.active, timeout=WAIT_MS)
    generation = jobs._generation
    for _ in range(3):
        s.step()
    panel = shown.landscape_panel
    panel.plane_box.setCurrentIndex(panel.plane_box.findData(WEIGHTS))  # a new plane, a new network: nothing yet
    apply_preset(s, "iris")
    assert jobs._generation == generation and not jobs.busy
    shown.docks["landscape"].toggleViewAction().trigger()  # shown again: the picture of what is there now
    qtbot.waitUntil(lambda: jobs.picture is not None and jobs.picture.kind == WEIGHTS and not jobs.busy
                    and jobs.picture.total_rows == len(s.dataset.x_train), timeout=WAIT_MS)


def test_asking_for_a_surface_of_a_large_network_returns_to_the_window_at_once(shown, qtbot, monkeypatch):
    """The window hands the surface over and goes on: recompute returns while the surface is still held back
    (computed on another thread, let go by the test), having used under 30 ms of the window's own CPU time."""
    import dataclasses
    import threading

    from mlpviz.app import landscape_jobs
    from mlpviz.training.landscape_picture import landscape_picture

    apply_preset(shown.session, "digits")
    jobs = shown.landscape_jobs
    qtbot.waitUntil(lambda: not jobs.busy, timeout=WAIT_MS)
    computed_on, release = [], threading.Event()

    def held(given):  # a coarse grid once let go: at nice 10 on a busy machine a full one took over a minute
        computed_on.append(threading.current_thread())
        release.wait(WAIT_MS / 1000)
        return landscape_picture(dataclasses.replace(given, grid=9))

    monkeypatch.setattr(landscape_jobs, "landscape_picture", held)
    start = time.thread_time()  # the window's own CPU time: a busy machine's other programs do not count
    jobs.recompute()
    took = time.thread_time() - start
    assert jobs.busy and took < 0.03
    release.set()
    qtbot.waitUntil(lambda: not jobs.busy, timeout=WAIT_MS)
    assert computed_on and threading.main_thread() not in computed_on
    assert jobs.picture.rows == 512 and jobs.picture.total_rows > 512


def test_the_paths_directions_show_a_race_at_its_own_size(shown, qtbot):
    from mlpviz.training.landscape_picture import PATHS, PATHS_LEAST

    panel = shown.landscape_panel
    panel.race_form.steps_spin.setValue(40)
    _picture_drawn_after(shown, qtbot, lambda: qtbot.mouseClick(panel.race_form.race_button, Qt.LeftButton))
    qtbot.waitUntil(lambda: len(panel.plot.picture.races) == 3, timeout=WAIT_MS)
    picture = _picture_drawn_after(shown, qtbot, lambda: panel.plane_box.setCurrentIndex(panel.plane_box.findData(PATHS)))
    assert picture.kind == PATHS and not panel.new_directions.isVisible()
    ends = np.array([line.coords[-1] for line in picture.races])
    assert np.abs(ends).max() > PATHS_LEAST  # the race spreads over the picture, not within a pixel of the star
    assert picture.surface.alphas[-1] <= 1.25 * np.abs(np.vstack([l.coords for l in picture.races])[:, 0]).max() + 1e-9


def test_rates_not_typed_follow_the_runs_learning_rate_and_typed_ones_stay(shown, qtbot):
    s, form = shown.session, shown.landscape_panel.race_form
    form.rates["momentum"].setValue(0.25)  # typed by the user
    s.set_config(s.config.with_(learning_rate=0.3))
    assert form.rates["sgd"].value() == 0.3 and form.rates["momentum"].value() == 0.25
    assert form.rates["adam"].value() == 0.01
