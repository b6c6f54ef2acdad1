"""One output's decision map is coloured, and captioned, over that output's range: −1 · 0 · 1 for a tanh, 0 · 0.5 · 1
for a sigmoid; the status bar counts the outputs in words, in English and in Chinese."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from mlpviz import i18n
from mlpviz.ui.plots.class_colours import heat_rgb

CASES = pathlib.Path(__file__).parents[2] / "io" / "cases"


@pytest.fixture
def chinese():
    from mlpviz.ui.translator import install_language

    install_language(i18n.CHINESE)
    yield
    install_language(i18n.ENGLISH)


def open_pm1_on_tanh(window, monkeypatch) -> None:
    """A tanh output with mse picked in the panel, then File ▸ Open… xor_pm1.csv (targets −1 and 1)."""
    panel = window.control_panel
    panel.output_box.setCurrentText("tanh")
    panel.loss_box.setCurrentText("mse")
    assert (window.session.arch.output_activation, window.session.arch.loss) == ("tanh", "mse")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(CASES / "xor_pm1.csv"), ""))
    window.document_actions.open_action.trigger()
    assert window.session.dataset.y_train.min() == -1.0


def caption(dmap) -> str:
    """The map's caption as read (its numbers are held to their words by no-break spaces)."""
    return dmap.legend_label.text().replace("\u00a0", " ")


def test_a_tanh_output_is_white_at_0_and_says_so(qtbot, window, monkeypatch):
    open_pm1_on_tanh(window, monkeypatch)
    dmap = window.decision_map
    qtbot.waitUntil(lambda: caption(dmap).startswith("ŷ: orange −1 · white 0 · blue 1"), timeout=20000)
    np.testing.assert_array_equal(dmap.image.image, heat_rgb(dmap.values, -1.0, 1.0))
    white, orange, blue = heat_rgb(np.array([[[0.0]], [[-1.0]], [[1.0]]]), -1.0, 1.0)[:, 0]
    assert (white == heat_rgb(np.array([[0.5]]))[0]).all()  # the sigmoid's white, at 0
    assert orange[0] > orange[2] + 100 and blue[2] > blue[0] + 100  # −1 and 1 at the two ends
    said = window.statusBar().currentMessage()
    assert "Network 2-3-1: 1 tanh output with mse, for the target column." in said, said


def test_a_sigmoid_output_keeps_0_to_1(qtbot, window):
    dmap = window.decision_map
    assert window.session.arch.output_activation == "sigmoid"
    qtbot.waitUntil(lambda: caption(dmap).startswith("ŷ: orange 0 · white 0.5 · blue 1"), timeout=20000)
    np.testing.assert_array_equal(dmap.image.image, heat_rgb(dmap.values))


def test_in_chinese_the_caption_and_the_outputs_are_chinese(qtbot, window, monkeypatch, chinese):
    open_pm1_on_tanh(window, monkeypatch)
    qtbot.waitUntil(lambda: caption(window.decision_map).startswith("ŷ：橙色 −1 · 白色 0 · 蓝色 1"),
                    timeout=20000)
    said = window.statusBar().currentMessage()
    assert "1 个 tanh 输出，配 mse，每个目标列一个" in said, said
