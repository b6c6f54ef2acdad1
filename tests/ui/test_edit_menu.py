"""Edit ▸ Undo / Redo take back and redo what was done in the window, through the menu's own actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication



def picture(s) -> dict:
    """Everything undo must bring back, compared by value (as tests/app/test_undo.py does)."""
    return {
        "arch": s.arch, "params": s.params.flat.tobytes(), "step": s.step_count, "config": s.config,
        "data": (s.dataset.name, s.dataset.x_train.tobytes(), s.dataset.y_train.tobytes()),
        "history": (s.history.steps.tolist(), [s.history.params_at(k).flat.tobytes() for k in s.history.steps]),
        "loss": (s.loss_log.steps.tolist(), s.loss_log.train.tobytes()),
    }


def menu_action(window, text: str):
    return next(a for a in window.edit_menu.actions() if a.text().replace("&", "").startswith(text))


def test_edit_menu_has_undo_and_redo_with_their_keys(window):
    undo, redo = menu_action(window, "Undo"), menu_action(window, "Redo")
    assert undo.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()
    assert not undo.isEnabled() and not redo.isEnabled()  # nothing done yet
    assert ("Ctrl+Z", "Undo") in window.shortcut_rows()


def test_undo_and_redo_through_the_menu_after_cell_edits_and_a_preset(window):
    s = window.session
    for _ in range(3):
        s.step()
    start = picture(s)
    # a weight typed into its cell, a data value typed into its cell, then a preset from its menu
    view, model = window.weights_view.views[0], window.weights_view.models[0]
    for v, index in ((view, model.index(0, 0)), (window.data_panel.table, window.data_panel.model.index(0, 1))):
        v.edit(index)
        editor = v.indexWidget(index)
        editor.selectAll()
        QTest.keyClicks(editor, "0,75")
        QTest.keyClick(editor, Qt.Key_Return)
        QApplication.processEvents()
    assert s.params.weights[0][0, 0] == 0.75 and s.dataset.x_train[0, 1] == 0.75
    after_edits = picture(s)
    xor = next(a for a in window.presets_menu.actions() if "XOR" in a.text())
    xor.trigger()
    assert s.dataset.name == "xor"
    after_preset = picture(s)

    undo, redo = menu_action(window, "Undo"), menu_action(window, "Redo")
    assert "Undo" in undo.text() and undo.isEnabled()
    undo.trigger()
    assert picture(s) == after_edits
    undo.trigger()  # the data cell
    undo.trigger()  # the weight cell
    assert picture(s) == start
    assert window.weights_view.models[0].value(0, 0) == s.params.weights[0][0, 0] != 0.75  # the table follows
    assert window.data_panel.model.value(0, 1) == s.dataset.x_train[0, 1] != 0.75
    redo.trigger()
    redo.trigger()
    assert picture(s) == after_edits
    redo.trigger()
    assert picture(s) == after_preset and not redo.isEnabled()

