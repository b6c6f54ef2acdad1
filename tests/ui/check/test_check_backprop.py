"""File ▸ Check my backprop…: a learner's file chosen, run, listed beside mlpviz's, marked on the canvas, re-checked on save."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from mlpviz.app.selection import UnitRef
from mlpviz.check import AGREES, DIFFERS
from mlpviz.resources import resource_path

CHECK_TIMEOUT_MS = 60_000  # the learner's process starts Python and numpy on a busy machine


def _action(window, text):
    return next(a for a in window.file_menu.actions() if a.text() == text)


def test_check_my_backprop_from_the_file_menu(window, qtbot, monkeypatch, tmp_path, message_boxes):
    learner = tmp_path / "homework.txt"
    shutil.copy(resource_path("examples/seed_notebook.txt"), learner)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(learner), ""))
    window.show()
    qtbot.waitExposed(window)
    views = window.check_views
    with qtbot.waitSignal(window.backprop_check.report_changed, timeout=CHECK_TIMEOUT_MS) as got:
        _action(window, "Check my &backprop…").trigger()
    report = got.args[0]
    # shown once what will run, as plain text
    (title, text, text_format), = message_boxes
    assert title == "Check my backprop" and "homework.txt" in text and "2-3-1" in text
    assert text_format == Qt.PlainText
    assert report.verdict == DIFFERS
    assert window.docks["check"].isVisible()
    model = views.panel.model
    assert model.rowCount() == len(report.rows)
    verdicts = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert verdicts[0] == "differs" and "follows" in verdicts and "agrees" in verdicts
    first = report.first
    assert model.data(model.index(0, 0)) == first.name
    assert model.data(model.index(0, 1)) == "0" and model.data(model.index(0, 2)) == f"{first.expected:.6g}"
    assert "homework.txt differs from mlpviz, first at z of h1." in views.panel.heading.text()
    assert "labels ignored in δ_L" in views.panel.details.text()
    # the canvas marks the unit whose z differs and the edges whose gradient differs
    marks = window.canvas.check_marks
    assert UnitRef(1, first.index[-1]) in marks.drawn_units
    assert any(e.layer == 1 for e in marks.drawn_edges)  # ∂C/∂w(h1 → y): labels ignored in δ_L
    # clicking the first row picks its unit and the formula panel shows both numbers
    table = views.panel.table
    rect = table.visualRect(model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.selection.item == UnitRef(1, first.index[-1])
    assert window.selection.sample == first.sample
    formulas = window.formula_panel.text()
    assert f"Your backprop: {first.label()}" in formulas
    assert "  yours   0\n" in formulas and f"  mlpviz  {first.expected:.9g}" in formulas
    # saving the file in the learner's editor checks it again
    with qtbot.waitSignal(window.backprop_check.report_changed, timeout=CHECK_TIMEOUT_MS) as got:
        learner.write_text(resource_path("examples/seed_notebook_corrected.txt").read_text(encoding="utf-8"),
                           encoding="utf-8")
    assert got.args[0].verdict == AGREES
    assert all(model.data(model.index(r, 3)) == "agrees" for r in range(model.rowCount()))
    assert marks.drawn_units == [] and marks.drawn_edges == []
    assert len(message_boxes) == 1  # asked once for this file


def test_a_file_that_cannot_run_is_a_report_and_the_app_keeps_working(window, qtbot, monkeypatch, tmp_path,
                                                                        message_boxes):
    learner = tmp_path / "broken.py"
    learner.write_text("def step(weights, biases, x, y, lr):\n    raise ValueError('not yet')\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(learner), ""))
    views = window.check_views
    with qtbot.waitSignal(window.backprop_check.report_changed, timeout=CHECK_TIMEOUT_MS):
        _action(window, "Check my &backprop…").trigger()
    assert "broken.py could not run" in views.panel.heading.text()
    assert "ValueError: not yet" in views.panel.details.text()
    assert views.panel.model.rowCount() == 0
    step = window.session.step_count
    window.session.step()
    assert window.session.step_count == step + 1


def test_the_quantities_are_readable_in_a_small_window(window, qtbot, monkeypatch, tmp_path, message_boxes):
    """At 1024×768 the panel's dock is narrow: each quantity is shown whole (not 'z …'), the numbers scroll."""
    learner = tmp_path / "homework.txt"
    shutil.copy(resource_path("examples/seed_notebook.txt"), learner)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(learner), ""))
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.backprop_check.report_changed, timeout=CHECK_TIMEOUT_MS):
        _action(window, "Check my &backprop…").trigger()
    table = window.check_views.panel.table
    qtbot.waitUntil(lambda: table.isVisible() and table.columnWidth(0) > 0)
    assert table.viewport().width() < sum(table.sizeHintForColumn(c) for c in range(4))  # the dock is narrow
    for column in (0, 1, 2):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)
