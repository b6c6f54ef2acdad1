"""View ▸ Appearance: light, dark and high contrast reach the palette, the canvas and the plots."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from mlpviz.ui.appearance import CONTRAST, DARK, LIGHT, SYSTEM, system_palette
from mlpviz.ui.main_window import MainWindow


@pytest.fixture
def restore_palette():
    yield
    QApplication.setPalette(system_palette())


def canvas_background(window):
    return window.canvas.backgroundBrush().color()


def test_looks_follow_the_choice_and_are_remembered(qtbot, tmp_path, restore_palette):
    path = str(tmp_path / "s.ini")
    window = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(window)
    assert window.appearance.choice == SYSTEM  # follows the system by default
    window.appearance.set_choice(DARK)
    assert QApplication.palette().color(QPalette.Base).lightness() < 64
    assert canvas_background(window).lightness() < 64
    assert window.loss_plot.plot_widget.backgroundBrush().color().lightness() < 64
    window.appearance.set_choice(CONTRAST)
    assert canvas_background(window).lightness() == 255
    assert window.canvas.nodes.opts["pen"].widthF() >= 3
    window.appearance.set_choice(LIGHT)
    assert canvas_background(window).lightness() == 255
    window.appearance.set_choice(DARK)
    window.close()

    again = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(again)
    assert again.appearance.choice == DARK and canvas_background(again).lightness() < 64


@pytest.mark.parametrize("look", [DARK, CONTRAST])
def test_a_disabled_button_looks_disabled_in_the_dark_and_high_contrast_looks(qtbot, tmp_path, restore_palette, look):
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    action = next(a for a in window.appearance.menu.actions() if a.data() == look)
    action.trigger()  # View ▸ Appearance
    button = window.timeline.latest_button  # "Latest": disabled until a step is picked on the timeline
    assert not button.isEnabled()
    palette = button.palette()
    enabled, disabled = (palette.color(group, QPalette.ButtonText) for group in (QPalette.Active, QPalette.Disabled))
    assert abs(enabled.lightness() - disabled.lightness()) >= 60, (enabled.name(), disabled.name())
