"""A learning rate that blows the network up: Run pauses, the last good parameters stay, the user is told."""

from __future__ import annotations

import pathlib
import warnings

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from mlpviz.app.divergence import divergence_message
from mlpviz.app.session import Session
from mlpviz.engine import Architecture
from mlpviz.training.divergence import LEARNING_RATE, MOMENTUM, NO_PROGRESS
from mlpviz.ui.controls.notice_banner import NoticeBanner
from mlpviz.ui.teaching.export_dialog import ExportWorkedExampleDialog

from .. import views
from ..acting import type_into

CASES = pathlib.Path(__file__).parents[2] / "io" / "cases"
WAIT_MS = 30_000  # Run's worker on a busy machine: a bound, never a pace


@pytest.fixture
def exploding(qtbot):
    """A linear-output mse network with a learning rate of 1e6: the loss grows ~1e12 per step."""
    session = Session()
    session.set_architecture(Architecture((2, 8, 1), "relu", "linear", "mse"))
    session.set_config(session.config.with_(learning_rate=1e6))
    session.set_animate(False)
    window = QWidget()  # never shown: the banner is a child, as in the main window
    qtbot.addWidget(window)
    notice = views.divergence_notice(session, window)
    yield session, notice


def test_run_pauses_at_the_first_bad_step_keeping_the_last_finite_parameters(qtbot, exploding):
    session, notice = exploding
    applied, messages = [], []
    session.step_applied.connect(applied.append)
    session.message.connect(messages.append)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with qtbot.waitSignal(session.diverged, timeout=WAIT_MS) as bad:
            session.run()
        qtbot.waitUntil(lambda: not session.runs.running, timeout=WAIT_MS)
    assert not caught  # no numpy overflow warning reaches the terminal

    record = bad.args[0]
    d = session.trainer.divergence
    assert record.diverged and d is not None
    assert session.params.is_finite()
    assert session.step_count == d.kept_step < d.step  # back to the parameters from before it went bad
    assert session.params.equals(session.history.params_at(d.kept_step))
    assert session.loss_log.diverged[-1] and not session.loss_log.diverged[:-1].any()

    assert not notice.isHidden()
    assert f"diverged at step {d.step}" in notice.text
    assert "Likely cause: the learning rate 1e+06 is too large" in notice.text
    assert any("diverged" in m for m in messages)  # the status bar too

    steps = session.step_count
    with qtbot.assertNotEmitted(session.state_changed, wait=30):  # Run stays paused
        pass
    assert session.step_count == steps and not session.runs.running


def test_halve_learning_rate_button(qtbot, exploding):
    session, notice = exploding
    with qtbot.waitSignal(session.diverged, timeout=WAIT_MS):
        session.run()
    (button,) = notice.buttons
    assert button.text() == "Halve learning rate"
    button.click()
    assert session.config.learning_rate == 5e5
    assert notice.isHidden()


def test_the_notice_goes_away_when_training_goes_on(qtbot, exploding):
    session, notice = exploding
    with qtbot.waitSignal(session.diverged, timeout=WAIT_MS):
        session.run()
    session.set_config(session.config.with_(learning_rate=0.01))
    session.reset()
    session.step()
    assert notice.isHidden()


def test_the_message_names_what_went_wrong(exploding):
    session, _ = exploding
    while session.trainer.divergence is None:
        session.step()
    d = session.trainer.divergence
    text = divergence_message(d)
    assert text.startswith(f"Training diverged at step {d.step}: ")
    assert ("the loss rose to" in text) or ("infinite or NaN" in text)
    assert f"the parameters of step {d.kept_step}, before it went bad, are kept" in text


def test_a_banner_can_be_dismissed(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    banner = NoticeBanner(window)
    clicks = []
    banner.show_notice("hello", [("Do it", "tip", lambda: clicks.append(1))])
    banner.buttons[0].click()
    assert clicks == [1] and not banner.isHidden()
    with qtbot.waitSignal(banner.dismissed):
        banner.close_button.click()
    assert banner.isHidden()


def test_the_main_window_shows_the_notice_and_every_view_stays_quiet(qtbot, tmp_path, settle):
    """Through the whole window: the banner sits above the canvas, and drawing the huge (but
    finite) parameters before the bad step raises no overflow warning in any view."""
    from PySide6.QtCore import QSettings

    from mlpviz.ui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    session = window.session
    session.set_architecture(Architecture((2, 8, 1), "relu", "linear", "mse"))
    session.set_config(session.config.with_(learning_rate=1e6))
    session.set_animate(False)
    window.show()
    assert window.divergence_notice.isHidden()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with qtbot.waitSignal(session.diverged, timeout=WAIT_MS):
            session.run()
        settle()  # every view draws the last state
    assert not caught
    assert window.divergence_notice.isVisible()
    assert window.divergence_notice.y() < window.canvas.mapTo(window.centralWidget(), window.canvas.rect().topLeft()).y()
    assert window.toolbar.run_action.text() == "Run"  # paused


def test_the_app_says_what_the_command_line_says(exploding):
    """One message, written once in training/divergence.py: the app's words (untranslated) are the CLI's."""
    session, _ = exploding
    while session.trainer.divergence is None:
        session.step()
    assert divergence_message(session.trainer.divergence) == session.trainer.divergence.describe()


def test_a_layer_of_dead_relu_units_is_told_once_in_the_status_bar(qtbot):
    """Wine's raw inputs (proline up to 1,680) at learning rate 0.01 kill every hidden ReLU unit in a few steps."""
    from mlpviz.io import read_csv_table

    session = Session()
    session.set_animate(False)
    session.load_data(read_csv_table(CASES / "wine_unscaled.csv", target="target"))
    session.set_architecture(Architecture((13, 16, 3), "relu", "softmax", "ce"))
    session.set_config(session.config.with_(learning_rate=0.01))
    messages = []
    session.message.connect(messages.append)
    for _ in range(60):
        session.step()
    dead = [m for m in messages if "dead ReLU units pass no gradient" in m]
    assert len(dead) == 1 and "inputs as large as 1,680" in dead[0] and "standardize the inputs" in dead[0]
    assert session.trainer.divergence is None


def spiral_window(qtbot, tmp_path):
    """The main window with the spiral preset picked from the Presets menu and Animate off, as a teacher does."""
    from PySide6.QtCore import QSettings

    from mlpviz.ui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w.document, "modified", False))
    window.show()
    next(a for a in window.presets_menu.actions() if a.objectName() == "preset-spiral").trigger()
    window.toolbar.animate_action.setChecked(False)
    return window


def test_a_run_that_thrashes_after_halving_gets_a_notice_again_offering_less_momentum(qtbot, tmp_path, settle):
    """Issue 22, item 8: the spiral at learning rate 10 diverges; 'Halve learning rate' (5, momentum 0.9) made
    it thrash between 0 and 100 at chance accuracy with no further notice."""
    window = spiral_window(qtbot, tmp_path)
    session, notice = window.session, window.divergence_notice
    session.set_config(session.config.with_(learning_rate=10.0))  # a teacher shows what too large does
    with qtbot.waitSignal(session.diverged, timeout=WAIT_MS):
        window.toolbar.run_action.trigger()
    halve = next(b for b in notice.buttons if b.text() == "Halve learning rate")
    halve.click()
    assert session.config.learning_rate == 5.0 and session.config.momentum == 0.9 and notice.isHidden()

    with qtbot.waitSignal(session.diverged, timeout=2 * WAIT_MS):  # hundreds of steps of thrashing
        window.toolbar.run_action.trigger()
    settle()
    d = session.trainer.divergence
    assert d.reason == NO_PROGRESS and d.cause == MOMENTUM
    assert not session.runs.running and session.step_count == d.kept_step
    assert notice.isVisible() and notice.text.startswith(f"Training is getting nowhere by step {d.step}")
    assert [b.text() for b in notice.buttons] == ["Lower momentum to 0.5", "Halve learning rate"]
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    notice.buttons[0].click()
    assert session.config.momentum == 0.5 and session.config.learning_rate == 5.0
    assert notice.isHidden() and "Momentum lowered to 0.5" in messages


def test_the_spiral_swinging_at_chance_with_little_momentum_gets_a_notice_offering_half_the_rate(qtbot, tmp_path):
    """Issue 22, item 8: the spiral at η 2.5, μ 0.5, typed in the panel, swung between 0.5 and 5 at chance
    accuracy, never 5 times its best for long enough, and no notice came."""
    window = spiral_window(qtbot, tmp_path)
    session, notice, panel = window.session, window.divergence_notice, window.control_panel
    window.docks["controls"].raise_()
    type_into(panel.lr_spin, "2.5")
    type_into(panel.momentum_spin, "0.5")
    assert (session.config.learning_rate, session.config.momentum) == (2.5, 0.5)
    window.toolbar.run_action.trigger()
    qtbot.waitUntil(notice.isVisible, timeout=60000)  # 500 steps and more of swinging
    d = session.trainer.divergence
    assert d.reason == NO_PROGRESS and d.cause == LEARNING_RATE and not session.runs.running
    assert notice.text == divergence_message(d) and "a network that has learned nothing" in notice.text
    assert window.toolbar.run_action.text() == "Run"  # paused
    window.worked_example_action.trigger()  # File ▸ Export step as worked example…: the kept step on screen
    (dialog,) = (d for d in window.findChildren(ExportWorkedExampleDialog) if d.isVisible())
    assert dialog.record is session.state.step_record  # the step that led to the kept parameters, not the refused one
    assert np.array_equal(dialog.record.params_after.flat, session.params.flat)
    dialog.reject()
    (halve,) = notice.buttons
    assert halve.text() == "Halve learning rate"
    halve.click()
    assert (session.config.learning_rate, session.config.momentum) == (1.25, 0.5)
    assert panel.lr_spin.value() == 1.25 and notice.isHidden()
