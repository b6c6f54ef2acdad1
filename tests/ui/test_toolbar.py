"""The training toolbar: Run turning into Pause must not move the buttons after it."""

from __future__ import annotations

from PySide6.QtGui import QFont

from mlpviz.app.selection import Selection
from mlpviz.app.training_status import TrainingStatus
from mlpviz.app.view_state import ViewState
from mlpviz.ui.toolbar import TrainingToolbar


def _toolbar(qtbot) -> TrainingToolbar:
    toolbar = TrainingToolbar(TrainingStatus(), ViewState(None, None, None), Selection())
    qtbot.addWidget(toolbar)
    toolbar.resize(900, toolbar.sizeHint().height())
    toolbar.show()
    qtbot.waitExposed(toolbar)
    return toolbar


def _positions(toolbar: TrainingToolbar, settle) -> tuple[int, int, int]:
    settle()  # the layout settles
    run = toolbar.widgetForAction(toolbar.run_action)
    return (run.width(), toolbar.widgetForAction(toolbar.reset_action).x(),
            toolbar.widgetForAction(toolbar.animate_action).x())


def test_reset_and_animate_stay_put_when_run_turns_into_pause(qtbot, settle):
    toolbar = _toolbar(qtbot)
    before = _positions(toolbar, settle)
    toolbar.set_running(True)
    assert toolbar.run_action.text() == "Pause"
    assert _positions(toolbar, settle) == before
    toolbar.set_running(False)
    assert _positions(toolbar, settle) == before


def test_the_run_button_fits_pause_after_the_text_grows(qtbot, settle):
    toolbar = _toolbar(qtbot)
    run = toolbar.widgetForAction(toolbar.run_action)
    font = QFont(toolbar.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    toolbar.setFont(font)  # as Ctrl+= does, through the application font
    settle()
    assert run.width() >= run.fontMetrics().horizontalAdvance("Pause")
    before = _positions(toolbar, settle)
    toolbar.set_running(True)
    assert _positions(toolbar, settle) == before
