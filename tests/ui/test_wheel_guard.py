"""The wheel scrolls a panel; it does not change a combo box the pointer passes over."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication


def wheel(widget, steps: int = -1) -> None:
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, 120 * steps),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unclicked_quiz_choice_scrolls_the_panel_and_changes_nothing(window, qtbot):
    window.resize(1024, 600)
    window.show()
    window.docks["quiz"].toggleViewAction().trigger()
    window.docks["quiz"].raise_()
    panel = window.teaching.quiz_panel
    box = panel.kind_box
    qtbot.waitUntil(lambda: box.isVisible())
    before = box.currentIndex()
    wheel(box)
    assert box.currentIndex() == before
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    wheel(box)
    assert box.currentIndex() != before  # clicked (focused): the wheel is the field's again


def test_ask_now_scrolls_a_short_quiz_panel_back_up_to_the_question(window, qtbot):
    from mlpviz.app.presets import apply_preset

    window.resize(1024, 600)
    window.show()
    apply_preset(window.session, "worked-222")
    window.session.set_animate(False)
    window.docks["quiz"].toggleViewAction().trigger()
    panel = window.teaching.quiz_panel
    panel.auto_box.setChecked(False)
    window.docks["quiz"].resize(300, 200)
    window.session.step()
    area = panel.parentWidget().parentWidget()
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())  # down at Ask now
    panel.ask_now()
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() <= panel.question_label.y())


def test_a_hidden_layer_added_later_is_guarded_too(window, qtbot):
    window.show()
    panel = window.control_panel
    panel.add_layer_button.click()
    qtbot.waitUntil(lambda: len(window.session.arch.sizes) == 4)
    spin = panel._layer_spins[-1]
    before = spin.value()
    wheel(spin)
    assert spin.value() == before and window.session.arch.sizes[2] == before
