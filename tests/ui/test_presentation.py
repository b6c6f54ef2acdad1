"""Presentation mode (F5, Esc) and the keys of a remote clicker: → / Page Down / "." next, ← / Page Up / B back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.text_size import PRESENTATION_START, desktop_font


@pytest.fixture
def shown(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.session.set_animate(False)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.canvas.setFocus()
    yield w
    QApplication.setFont(desktop_font())


def visible_docks(w):
    return {k for k, d in w.docks.items() if d.isVisible()}


def test_f5_presents_the_canvas_with_the_chosen_panel_and_esc_restores_the_window(shown, qtbot):
    w = shown
    w.set_presentation_panel("formulas")
    before = visible_docks(w)
    qtbot.keyClick(w.canvas, Qt.Key_F5)
    assert w.presenting and w.isFullScreen()
    assert visible_docks(w) == {"formulas"}
    assert not w.toolbar.isVisible() and not w.menuBar().isVisible() and not w.statusBar().isVisible()
    assert w.text_size.scale == PRESENTATION_START
    assert QApplication.font().pointSizeF() == pytest.approx(PRESENTATION_START * desktop_font().pointSizeF())
    qtbot.keyClick(w.canvas, Qt.Key_4, Qt.ControlModifier)  # the teacher switches panel while presenting
    assert visible_docks(w) == {"loss"}
    qtbot.keyClick(w.canvas, Qt.Key_Escape)
    assert not w.presenting and not w.isFullScreen()
    assert visible_docks(w) == before and w.toolbar.isVisible()
    assert w.text_size.scale == 1.0


@pytest.mark.parametrize("forward, back", [(Qt.Key_Right, Qt.Key_Left), (Qt.Key_PageDown, Qt.Key_PageUp),
                                           (Qt.Key_Period, Qt.Key_B)])
def test_clicker_keys_step_forward_and_back_through_the_timeline(shown, qtbot, forward, back):
    w = shown
    for _ in range(3):
        qtbot.keyClick(w.canvas, forward)
    assert w.session.step_count == 3 and w.session.state.step == 3
    qtbot.keyClick(w.canvas, back)
    assert w.session.state.step == 2 and w.session.step_count == 3  # shown, not undone
    qtbot.keyClick(w.canvas, back)
    assert w.session.state.step == 1
    qtbot.keyClick(w.canvas, forward)  # forward again through the timeline first...
    qtbot.keyClick(w.canvas, forward)
    assert w.session.state.step == 3 and w.session.step_count == 3
    qtbot.keyClick(w.canvas, forward)  # ...then a new step
    assert w.session.step_count == 4


def test_clicker_keys_and_space_work_while_presenting(shown, qtbot):
    w = shown
    w.set_presenting(True)
    qtbot.keyClick(w.canvas, Qt.Key_PageDown)
    assert w.session.step_count == 1
    qtbot.keyClick(w.canvas, Qt.Key_Space)
    qtbot.waitUntil(lambda: w.session.step_count > 3, timeout=30_000)  # Run's worker starts first (Animate is off)
    qtbot.keyClick(w.canvas, Qt.Key_Space)
    assert not w.session.runs.running
    w.set_presenting(False)


def test_quitting_while_presenting_saves_the_desktop_layout(qtbot, tmp_path):
    path = str(tmp_path / "layout.ini")
    first = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.set_presenting(True)
    first.close()
    again = MainWindow(settings=QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert not again.isFullScreen() and again.toolbar.isVisible()
    assert {"controls", "weights", "loss"} <= visible_docks(again)
    QApplication.setFont(desktop_font())


def test_presenting_shows_no_tab_bar_and_repaints_the_window_once_laid_out(shown, qtbot, monkeypatch):
    """Issue (fresh tester): the shown dock's title was drawn twice, and the tab bar of a hidden tab group
    (Weights and biases, Check my backprop) stayed visible. Presenting shows no tab bar with tabs, and the
    whole window is repainted once the large text is laid out (what cleared the stale title under X11)."""
    from PySide6.QtWidgets import QTabBar

    w = shown
    w.tabifyDockWidget(w.docks["weights"], w.docks["check"])
    updates = []
    monkeypatch.setattr(w, "update", lambda *args: updates.append(args))
    qtbot.keyClick(w.canvas, Qt.Key_F5)
    qtbot.waitUntil(lambda: () in updates)
    bars = [b for b in w.findChildren(QTabBar) if b.isVisible() and b.count()]
    assert bars == [], [[b.tabText(i) for i in range(b.count())] for b in bars]
    qtbot.keyClick(w.canvas, Qt.Key_Escape)
    assert not w.presenting


def test_no_tab_bar_is_visible_while_presenting_and_every_tab_group_has_its_bar_again_after_esc(shown, qtbot):
    """Issue 22 (round 2): two empty tab bars, of tab groups whose docks presenting hides, stayed visible
    (off-screen; Qt shows a group's bar again after every relayout). Presenting takes the hidden docks out of
    their groups; Esc puts the groups and their bars back."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QTabBar

    w = shown

    def settle():
        for _ in range(2):
            fired = []
            QTimer.singleShot(0, lambda: fired.append(True))
            qtbot.waitUntil(lambda: bool(fired), timeout=20000)

    def bars():
        return [b for b in w.findChildren(QTabBar, options=Qt.FindDirectChildrenOnly) if b.isVisible()]

    def groups():  # the titles of each group of tabbed docks in view
        return {frozenset([d.windowTitle(), *(o.windowTitle() for o in w.tabifiedDockWidgets(d))])
                for d in w.docks.values() if d.isVisible() and w.tabifiedDockWidgets(d)}

    settle()
    tabbed = groups()
    assert tabbed and tabbed <= {frozenset(b.tabText(i) for i in range(b.count())) for b in bars()}
    for keys in ((Qt.Key_F5,), (Qt.Key_Equal, Qt.ControlModifier), (Qt.Key_3, Qt.ControlModifier)):
        qtbot.keyClick(w.canvas, *keys)
        settle()
        assert w.presenting and bars() == [], [(b.count(), b.geometry()) for b in bars()]
    qtbot.keyClick(w.canvas, Qt.Key_Escape)
    settle()
    qtbot.waitUntil(lambda: groups() == tabbed, timeout=20000)
    assert tabbed <= {frozenset(b.tabText(i) for i in range(b.count())) for b in bars()}
    assert [b.geometry() for b in bars() if b.count() == 0] == []  # no empty bar left behind


def test_a_network_without_a_decision_map_is_presented_with_its_loss_instead(shown, qtbot):
    """Iris at 1024×768: the decision map's "needs 2 inputs" took 40 % of the projector."""
    from mlpviz.app.presets import apply_preset

    w = shown
    w.set_presentation_panel("decision-map")
    apply_preset(w.session, "iris")
    qtbot.keyClick(w.canvas, Qt.Key_F5)
    assert w.presenting and visible_docks(w) == {"loss"}
    qtbot.keyClick(w.canvas, Qt.Key_Escape)
    apply_preset(w.session, "xor")
    qtbot.keyClick(w.canvas, Qt.Key_F5)
    assert visible_docks(w) == {"decision-map"}
    qtbot.keyClick(w.canvas, Qt.Key_Escape)


def test_the_loss_curve_presented_narrow_puts_its_check_boxes_under_its_text_and_esc_brings_one_line_back(shown, qtbot):
    """Presenting beside a twelve-unit network at 1024×768, the loss panel's one header row (text and two check
    boxes, at 2× text) kept it 375 px wide, and under X11 a narrower panel cut them ("accura", "log sca")."""
    from mlpviz.app.presets import apply_preset

    w = shown
    apply_preset(w.session, "iris")  # 4 inputs: presented with its loss curve
    header = w.loss_plot.header
    qtbot.waitUntil(lambda: header.one_line)
    qtbot.keyClick(w.canvas, Qt.Key_F5)
    qtbot.waitUntil(lambda: w.presenting and visible_docks(w) == {"loss"})
    dock = w.docks["loss"]
    qtbot.waitUntil(lambda: dock.width() < header.one_line_width(), timeout=20000)  # (a third of the screen)
    qtbot.waitUntil(lambda: not header.one_line, timeout=20000)
    for box in (w.loss_plot.accuracy_check, w.loss_plot.log_check):
        assert box.isVisible() and box.width() >= box.sizeHint().width(), box.text()  # whole
        assert box.geometry().top() > w.loss_plot.last_label.geometry().bottom() - 1  # under the text
    width = dock.width()
    for _ in range(2):  # larger text: each check box on a line of its own, not a wider panel (a smaller network)
        qtbot.keyClick(w.canvas, Qt.Key_Equal, Qt.ControlModifier)
    qtbot.waitUntil(lambda: header.stacked, timeout=20000)
    assert dock.width() <= width + 1
    for box in (w.loss_plot.accuracy_check, w.loss_plot.log_check):
        assert box.isVisible() and box.width() >= box.sizeHint().width(), box.text()
    qtbot.keyClick(w.canvas, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not w.presenting)
    qtbot.waitUntil(lambda: header.one_line, timeout=20000)
