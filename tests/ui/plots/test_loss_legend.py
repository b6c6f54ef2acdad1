"""The loss panel's legend names both curves in a short panel (a 1024×768 screen gives it about 140 px),
also after presenting (F5, Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mlpviz.ui.text_size import desktop_font


def legend_rows_inside(window) -> list[str]:
    """The legend's names drawn whole inside the plot's view."""
    item = window.loss_plot.plot_widget.getPlotItem()
    view = item.vb.sceneBoundingRect().adjusted(-1, -1, 1, 1)
    return [label.text for _sample, label in item.legend.items
            if label.isVisible() and view.contains(label.sceneBoundingRect())]


def present_and_leave(window, qtbot) -> None:
    """F5 then Esc, as a teacher presents and comes back."""
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_F5)
    qtbot.waitUntil(lambda: window.presenting)
    qtbot.keyClick(window.canvas, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not window.presenting)
    QApplication.setFont(desktop_font())


def test_a_short_loss_panel_names_train_and_test_also_after_presenting(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    dock = window.docks["loss"]
    window.resizeDocks([dock], [140], Qt.Vertical)  # as short as a 1024×768 screen makes it
    qtbot.waitUntil(lambda: dock.height() <= 150)
    qtbot.waitUntil(lambda: sorted(legend_rows_inside(window)) == ["test", "train"])
    present_and_leave(window, qtbot)
    qtbot.waitUntil(lambda: sorted(legend_rows_inside(window)) == ["test", "train"])


def legend_boxes(window) -> list:
    item = window.loss_plot.plot_widget.getPlotItem()
    return [(round(label.mapToScene(0, 0).x()), round(label.width()), round(label.height()))
            for _sample, label in item.legend.items]


def test_the_loss_legend_comes_back_as_it_was_after_presenting(window, qtbot, settle):
    """After F5, Esc the legend kept the 2× text's widths: "train" and "test" far apart, the labels too high."""
    window.show()
    qtbot.waitExposed(window)
    settle()
    before = legend_boxes(window)
    present_and_leave(window, qtbot)
    qtbot.waitUntil(lambda: [b[1:] for b in legend_boxes(window)] == [b[1:] for b in before])
    assert all(abs(a[0] - b[0]) <= 3 for a, b in zip(legend_boxes(window), before))
