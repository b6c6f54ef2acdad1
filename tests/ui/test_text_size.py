"""View ▸ Text size: one factor for every text of the app, remembered between launches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import STEPS, desktop_font, next_step


@pytest.fixture
def reset_text_size():
    yield
    QApplication.setFont(desktop_font())


def test_next_step_walks_the_sizes_and_stops_at_the_ends():
    assert next_step(1.0, 1) == 1.15 and next_step(1.0, -1) == 0.9
    assert next_step(STEPS[-1], 1) == STEPS[-1] and next_step(STEPS[0], -1) == STEPS[0]


def test_text_size_reaches_widgets_canvas_formulas_and_plots_and_is_remembered(qtbot, tmp_path, reset_text_size):
    path = str(tmp_path / "s.ini")
    window = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(window)
    base = desktop_font().pointSizeF()
    formula_before = window.formula_panel.text_edit.font().pointSizeF()
    tick_before = window.loss_plot.getPlotItem().getAxis("left").style["tickFont"]
    window.canvas.resize(1600, 900)  # room for the legend to grow (it never takes over a narrow canvas)
    window.text_size.set_scale(2.0)
    assert QApplication.font().pointSizeF() == pytest.approx(2 * base)
    assert window.formula_panel.text_edit.font().pointSizeF() == pytest.approx(2 * formula_before)
    assert window.loss_plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF() > (
        tick_before.pointSizeF() if tick_before is not None else 9)
    assert window.canvas.legend.maximumWidth() > 150
    window.text_size.larger_action.trigger()
    assert window.text_size.scale == next_step(2.0, 1)
    window.close()

    again = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(again)
    assert again.text_size.scale == next_step(2.0, 1)  # remembered
    again.text_size.reset_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    assert any("Larger text" in text for _keys, text in again.shortcut_rows())
