"""The network fills the canvas, and its texts scale with it: a bigger canvas, wheel zoom, the text size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from mlpviz.app.selection import Selection
from mlpviz.app.session import Session
from mlpviz.ui.canvas.layout import layout_network
from mlpviz.ui.canvas.node_numbers import digit_height

from .. import views


def width_over_height(layout):
    x0, y0, x1, y1 = layout.bounds
    return (x1 - x0) / (y1 - y0)


def test_columns_spread_to_a_wide_view_and_close_up_in_a_tall_one():
    plain = layout_network((2, 3, 1))
    wide, tall = layout_network((2, 3, 1), aspect=2.5), layout_network((2, 3, 1), aspect=0.8)
    assert width_over_height(tall) < width_over_height(plain) < width_over_height(wide)
    assert width_over_height(wide) == pytest.approx(2.5, rel=0.05)
    assert layout_network((784, 128, 64, 10), aspect=3.0).sizes == (784, 128, 64, 10)


def wheel(canvas, delta: int) -> None:
    centre = QPointF(canvas.viewport().rect().center())
    event = QWheelEvent(centre, canvas.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, delta), Qt.NoButton,
                        Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(canvas.viewport(), event)


@pytest.fixture
def canvas(qtbot):
    session = Session()
    session.set_animate(False)
    session.step()
    widget = views.canvas(session, Selection())
    qtbot.addWidget(widget)
    widget.resize(700, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_layer_titles_grow_with_the_canvas_and_node_values_keep_their_reading_size(canvas, qtbot):
    small_titles = canvas.layer_title_points
    assert digit_height(canvas.value_labels.font) >= 16  # 2-3-1 at 700×450: readable from the back row
    canvas.resize(1400, 900)
    qtbot.waitUntil(lambda: canvas.layer_title_points > small_titles)
    assert digit_height(canvas.value_labels.font) == pytest.approx(16, abs=1)  # sized for reading, not by the canvas
    for _ in range(12):  # the wheel: zoom far out, the rows come close
        wheel(canvas, -120)
    qtbot.waitUntil(lambda: digit_height(canvas.value_labels.font) < 16)
    canvas.fit()
    qtbot.waitUntil(lambda: digit_height(canvas.value_labels.font) >= 16)
    canvas.set_text_scale(0.8)  # View ▸ Text size: smaller
    assert digit_height(canvas.value_labels.font) < 16
    canvas.set_text_scale(1.3)
    assert digit_height(canvas.value_labels.font) >= 20


def test_the_canvas_title_is_whole_in_presentation_mode_before_and_after_a_step(window, qtbot):
    """1024×768, F5: "Step 0: loss 1.33 on the next batch", longer than a Run's titles, was cut at both ends."""
    from mlpviz.app.presets import apply_preset
    from mlpviz.ui.text_size import desktop_font

    apply_preset(window.session, "iris")
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    canvas = window.canvas
    canvas.setFocus()

    def whole() -> bool:
        item = canvas.title.item
        box = canvas.mapFromScene(item.mapToScene(item.boundingRect()).boundingRect()).boundingRect()
        return canvas.title.text != "" and canvas.viewport().rect().contains(box)

    qtbot.keyClick(canvas, Qt.Key_F5)
    assert window.presenting and window.isFullScreen()
    for _ in range(2):
        qtbot.waitUntil(whole)
        assert "88888" not in canvas.title.text
        window.toolbar.step_action.trigger()
        qtbot.waitUntil(lambda: "1" in canvas.title.text and "Step 0" not in canvas.title.text)
    qtbot.keyClick(canvas, Qt.Key_Escape)
    QApplication.setFont(desktop_font())
