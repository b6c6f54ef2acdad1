"""Help ▸ Keyboard shortcuts (F1), read as a user reads it: every key the window answers, each once, taken from the
actions themselves (a clicker's Page Down, Page Up, B and ".", Esc, Ctrl+Y), written as keys only ("Ctrl+=, Ctrl++",
never the zoom key's name "Zoom In"), in the language chosen, in a window that scrolls on a short screen."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from mlpviz import i18n
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.shortcuts_dialog import ShortcutsDialog
from mlpviz.ui.text_size import desktop_font

from .screens import WINDOW, on_screen

WAIT_MS = 30_000  # a loaded machine: a bound, never a pace


@pytest.fixture
def shown(qtbot, tmp_path):
    """A shown, active window in English (so its keys reach the actions); English again afterwards."""
    from mlpviz.ui.translator import install_language

    install_language(i18n.ENGLISH)
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.canvas.setFocus()
    yield w
    install_language(i18n.ENGLISH)
    QApplication.setFont(desktop_font())


def press_f1(window, qtbot) -> ShortcutsDialog:
    """F1 pressed on the canvas: the window it opens."""
    qtbot.keyClick(window.canvas, Qt.Key_F1)
    qtbot.waitUntil(lambda: any(box.isVisible() for box in window.findChildren(ShortcutsDialog)), timeout=WAIT_MS)
    (box,) = [box for box in window.findChildren(ShortcutsDialog) if box.isVisible()]
    return box


def keys_and_texts(box: ShortcutsDialog) -> list[tuple[list[str], str]]:
    """The box's rows as (keys, what they do)."""
    return [(keys.split(", "), text) for keys, text in box.rows()]


native = lambda key: QKeySequence(key).toString(QKeySequence.NativeText)  # noqa: E731


def test_f1_lists_every_key_once_with_the_clicker_keys_esc_and_redo(shown, qtbot):
    box = press_f1(shown, qtbot)
    assert box.windowTitle() == "Keyboard shortcuts"
    rows = box.rows()
    assert len(rows) == len(set(rows))
    assert rows.count(("Ctrl+Shift+L", "Loss landscape")) == 1  # in Train and in View: one action, listed once
    read = keys_and_texts(box)
    keys = [key for row_keys, _ in read for key in row_keys]
    assert len(keys) == len(set(keys)), [key for key in keys if keys.count(key) > 1]
    as_read = {text: row_keys for row_keys, text in read}
    assert as_read["Step"] == [native(Qt.Key_Right), native(Qt.Key_PageDown), "."]
    assert as_read["Previous step"] == [native(Qt.Key_Left), native(Qt.Key_PageUp), "B"]
    assert as_read["Leave presentation"] == [native(Qt.Key_Escape)]
    assert as_read["Redo"] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert as_read["Presentation panel ▸ Weights and biases"] == ["Ctrl+1"]  # not just "Weights and biases"
    assert as_read["Keyboard shortcuts"] == [native(Qt.Key_F1)]


def test_f1_writes_keys_only_each_once_as_the_desktop_writes_them(shown, qtbot):
    """The desktop's zoom keys (QKeySequence.ZoomIn) hold a Zoom In key of their own: written "Zoom In" beside
    Ctrl+= and Ctrl++, it read as the action's name."""
    box = press_f1(shown, qtbot)
    as_read = {text: row_keys for row_keys, text in keys_and_texts(box)}
    assert as_read["Text size ▸ Larger text"] == [native("Ctrl+="), native("Ctrl++")]
    metrics = box.table.fontMetrics()  # the widest keys a space clear of what they do ("Ctrl+Y重做")
    widest = max(metrics.horizontalAdvance(keys) for keys, _text in box.rows())
    assert box.table.columnWidth(0) >= widest + 2 * metrics.averageCharWidth()
    assert as_read["Text size ▸ Smaller text"] == [native("Ctrl+-")]
    names = {text for text in as_read} | {text.split(" ▸ ")[-1] for text in as_read}
    for keys in as_read.values():
        for key in keys:
            assert key not in names and "Zoom" not in key, key
            assert QKeySequence.fromString(key, QKeySequence.NativeText).toString(QKeySequence.NativeText) == key


def test_f1_lists_every_key_of_every_action_the_window_holds(shown, qtbot):
    """Written once: a key given to an action anywhere in the window shows in the list without being listed apart;
    only keys a few keyboards have (browser, media and zoom keys) are left out."""
    listed = {key for row_keys, _ in keys_and_texts(press_f1(shown, qtbot)) for key in row_keys}
    held = {key.toString(QKeySequence.NativeText): key for action in shown.findChildren(QAction)
            for key in action.shortcuts()}
    assert listed and listed <= set(held)
    left_out = {text: key for text, key in held.items() if text not in listed}
    assert all(key[0].key().value >= Qt.Key_Back.value for key in left_out.values()), left_out


def test_undo_is_listed_by_its_name_not_with_what_it_would_undo(shown, qtbot):
    shown.session.set_config(dataclasses.replace(shown.session.config, learning_rate=0.2))
    assert shown.undo_action.text() != "&Undo"  # "Undo Change ..."
    as_read = {text: row_keys for row_keys, text in keys_and_texts(press_f1(shown, qtbot))}
    assert as_read["Undo"] == ["Ctrl+Z"]


def test_f1_in_chinese(shown, qtbot):
    shown.language.actions[i18n.CHINESE].trigger()
    box = press_f1(shown, qtbot)
    assert box.windowTitle() == "键盘快捷键"
    as_read = {text: row_keys for row_keys, text in keys_and_texts(box)}
    assert as_read["单步"][1:] == [native(Qt.Key_PageDown), "."]
    assert as_read["上一步"][-1] == "B" and "退出演示" in as_read and "重做" in as_read
    assert as_read["演示面板 ▸ 权重和偏置"] == ["Ctrl+1"]
    assert not any("(&" in text or "&" in text for text in as_read)  # access keys left out


PROBE = WINDOW + textwrap.dedent("""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QDialogButtonBox
    from mlpviz.ui.shortcuts_dialog import ShortcutsDialog

    for _ in range(20):
        app.processEvents()
    QTest.keyClick(w.canvas, Qt.Key_F1)
    for _ in range(20):
        app.processEvents()
    (box,) = [b for b in w.findChildren(ShortcutsDialog) if b.isVisible()]
    rect = lambda r: [r.x(), r.y(), r.width(), r.height()]
    close = box.findChild(QDialogButtonBox).button(QDialogButtonBox.Close)
    bar = box.table.verticalScrollBar()
    print("PROBE " + json.dumps({"box": rect(box.frameGeometry()), "screen": rect(box.screen().availableGeometry()),
                                 "close": rect(close.rect().translated(close.mapToGlobal(QPoint(0, 0)))),
                                 "scrolls": bar.maximum() > 0, "rows": len(box.rows()), "title": box.windowTitle()}))
    sys.stdout.flush()
    import os; os._exit(0)
""")


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_f1_fits_a_1024x768_screen_and_scrolls_what_does_not(tmp_path, locale):
    """In Chinese at 1024×768 the message box took almost the whole height: the window takes at most 80 % of it,
    its Close button on the screen, and its list scrolls."""
    got = on_screen(PROBE, tmp_path, 1024, 768, args=(tmp_path / "s.ini",), locale=locale)
    x, y, width, height = got["box"]
    sx, sy, sw, sh = got["screen"]
    assert got["rows"] > 30 and (got["title"] == "键盘快捷键") == (locale == "zh_CN")
    assert height <= 0.8 * sh + 40 and sy <= y and y + height <= sy + sh, got  # (40: the title bar, if any)
    cx, cy, cw, ch = got["close"]
    assert sy <= cy and cy + ch <= sy + sh, got
    assert width <= sw and got["scrolls"]  # (35 rows are taller than 80 % of 768 px)
