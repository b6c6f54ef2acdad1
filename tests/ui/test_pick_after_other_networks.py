"""A unit or weight picked in one network is not marked in another: a preset, a network file or data that rebuild
the network in another shape clear the pick; another activation (the same shape) keeps it."""

from __future__ import annotations

import pathlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mlpviz.app.selection import WeightRef

from .acting import pick_preset

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"
PICKED = WeightRef(1, 2, 4)  # h1.3 → h2.5 of the spiral's 2-8-8-1: also a weight of 5-50-7 and of 2-8-1's W0


def click_weight(qtbot, window, ref: WeightRef) -> None:
    """Click the cell of ``ref`` in its weight table, as a user does."""
    dock = window.weights_view
    qtbot.waitUntil(lambda: len(dock.views) > ref.layer and dock.model_of(ref.layer).index_of(ref).isValid(),
                    timeout=20000)
    dock.tabs.setCurrentIndex(ref.layer)
    view = dock.views[ref.layer]
    rect = view.visualRect(dock.model_of(ref.layer).index_of(ref))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())


def marked(window) -> list:
    """What the window shows as picked: the selection, the canvas's thick edge or ring, a framed weight cell."""
    canvas, dock = window.canvas, window.weights_view
    cells = [(layer, view.itemDelegate().marked) for layer, view in enumerate(dock.views)
             if view.itemDelegate().marked is not None]
    shown = [window.selection.item] if window.selection.item is not None else []
    return shown + list(canvas.edges._highlight) + list(canvas.marker.data) + cells


@pytest.fixture
def spiral(qtbot, window):
    """The spiral preset with h1.3 → h2.5 clicked in the W1 table (the canvas marks it too)."""
    window.show()
    qtbot.waitExposed(window)
    pick_preset(window, "spiral")
    assert window.session.arch.sizes == (2, 8, 8, 1)
    click_weight(qtbot, window, PICKED)
    qtbot.waitUntil(lambda: window.selection.item == PICKED and len(window.canvas.edges._highlight) == 1,
                    timeout=20000)
    return window


def test_a_network_file_or_data_of_another_shape_clears_the_pick(qtbot, spiral, open_file):
    open_file(CASES / "labels_0_1_5.csv")  # five inputs, six classes: 5-8-8-6, whose W1 has a [2, 4] too
    assert spiral.session.arch.sizes == (5, 8, 8, 6)
    qtbot.waitUntil(lambda: spiral.weights_view.model_of(0).rowCount() == 6, timeout=20000)
    assert marked(spiral) == []
    click_weight(qtbot, spiral, PICKED)
    assert spiral.selection.item == PICKED
    open_file(CASES / "net_5_50_7.json")  # opens on these data (five inputs)
    assert spiral.session.arch.sizes == (5, 50, 7)
    qtbot.waitUntil(lambda: spiral.weights_view.model_of(1).rowCount() == 51, timeout=20000)
    assert marked(spiral) == []


def test_a_preset_or_a_two_class_csv_clears_the_pick(qtbot, spiral, open_file):
    pick_preset(spiral, "xor")
    assert spiral.session.arch.sizes == (2, 4, 1)
    qtbot.waitUntil(lambda: len(spiral.weights_view.views) == 2, timeout=20000)
    assert marked(spiral) == []
    pick_preset(spiral, "iris")
    assert spiral.session.arch.sizes == (4, 8, 3)
    click_weight(qtbot, spiral, WeightRef(0, 1, 4))
    assert spiral.selection.item == WeightRef(0, 1, 4)
    open_file(CASES / "cp1252_header.csv")  # two classes: 2-8-1, whose W0 has a [1, 4] too
    assert spiral.session.arch.sizes == (2, 8, 1)
    qtbot.waitUntil(lambda: len(spiral.weights_view.views) == 2, timeout=20000)
    assert marked(spiral) == []


def test_another_activation_in_the_same_shape_keeps_the_pick(qtbot, spiral):
    spiral.control_panel.hidden_box.setCurrentText("relu")  # as picked from the list
    assert spiral.session.arch.hidden_activation == "relu"
    qtbot.waitUntil(lambda: spiral.weights_view.views[1].itemDelegate().marked == (2, 4), timeout=20000)
    assert spiral.selection.item == PICKED and len(spiral.canvas.edges._highlight) == 1
