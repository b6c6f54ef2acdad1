"""View ▸ Language: 简体中文 puts every text of the window up in Chinese at once; English brings every one back."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from mlpviz import i18n
from mlpviz.ui.retranslate import _properties


@pytest.fixture
def english():
    from mlpviz.ui.translator import install_language

    install_language(i18n.ENGLISH)
    yield
    install_language(i18n.ENGLISH)


def texts(window) -> dict:
    """Every text a user reads on the window's widgets and actions, by object and property."""
    found = {}
    objects = [window, *window.findChildren(QAction), *window.findChildren(QWidget)]
    for obj in objects:
        for name, read, _write in _properties(obj):
            found[(shiboken6.getCppPointer(obj)[0], obj.objectName(), type(obj).__name__, name)] = read()
    return found


def choose(window, code):
    action = window.language.actions[code]
    assert action in window.language.menu.actions() and window.language.menu in [
        a.menu() for a in window.view_menu.actions()]
    action.trigger()


def test_chinese_puts_the_window_up_in_chinese_and_english_restores_every_text(window, english, qtbot):
    window.session.step()
    before = texts(window)
    title = window.windowTitle()
    choose(window, i18n.CHINESE)
    assert i18n.language() == i18n.CHINESE
    chinese = texts(window)
    assert window.file_menu.title() == "文件(&F)"
    assert window.toolbar.step_action.text() == "单步"
    assert window.docks["controls"].windowTitle() == "网络与训练"
    assert "第 1 步" in window.step_label.text()
    assert "数据" in window.windowTitle() and window.windowTitle() != title
    assert window.canvas.frame.title.startswith("第 1 步")
    changed = [k for k in before if chinese.get(k) != before[k]]
    assert len(changed) > 150, len(changed)
    choose(window, i18n.ENGLISH)
    after = texts(window)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}
    assert window.windowTitle() == title
    assert QSettings(window.settings.fileName(), QSettings.IniFormat).value("view/language") == "en"


def test_the_choice_is_remembered_and_qt_speaks_chinese_too(window, english):
    from PySide6.QtCore import QCoreApplication

    choose(window, i18n.CHINESE)
    assert window.settings.value("view/language") == "zh_CN"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own buttons: qtbase_zh_CN.qm
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(window, "", "")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    assert dialog.labelText(QFileDialog.LookIn) == "查找范围(&L)："  # a gap of qtbase_zh_CN.qm, from our catalogue
    assert dialog.labelText(QFileDialog.FileName) == "文件名称(&N)："
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Right").toString(QKeySequence.NativeText) != "正确"  # a key, not the quiz's verdict
    assert window.language.actions[i18n.CHINESE].isChecked()
    from mlpviz.ui.language_menu import chosen_language

    assert chosen_language(window.settings) == i18n.CHINESE


# Words that stay as they are in a Chinese window: names, symbols' names, formats, keys, units.
NAMES = set("""mlpviz relu sigmoid tanh softmax linear leaky_relu normal xavier he bce ce mse sgd nan notebook
xor circles moons spiral gaussians blobs iris digits fisher png svg npz json csv tsv txt html markdown latex onnx
keras pytorch safetensors numpy python adam adamw rmsprop adagrad nesterov utf max min exp log ctrl shift space esc page down up alt tab enter fps lr fan_in fan_out pre white
""".split())


def english_words(window) -> dict[str, str]:
    """Every English word a reader of the Chinese window meets, with the text it is in."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPlainTextEdit, QTableView, QTreeView

    texts = list(texts_of(window))
    for view in window.findChildren(QWidget):
        if isinstance(view, QPlainTextEdit):
            texts.append(view.toPlainText())
        if isinstance(view, (QTableView, QTreeView)) and view.model() is not None:
            model = view.model()
            for orientation, count in ((Qt.Horizontal, model.columnCount()), (Qt.Vertical, model.rowCount())):
                for i in range(min(count, 12)):
                    for role in (Qt.DisplayRole, Qt.ToolTipRole):
                        value = model.headerData(i, orientation, role)
                        texts.append(value if isinstance(value, str) else "")
            for row in range(min(model.rowCount(), 4)):
                for col in range(min(model.columnCount(), 6)):
                    value = model.data(model.index(row, col), Qt.ToolTipRole)
                    texts.append(value if isinstance(value, str) else "")
    texts.append(window.canvas.frame.title)
    for plot in (window.loss_plot.plot_widget, window.decision_map.plot_widget):
        texts += [plot.getPlotItem().getAxis(axis).labelText for axis in ("bottom", "left")]
    import re

    found = {}
    for text in texts:
        for word in re.findall(r"(?<![\w'′])[A-Za-z][A-Za-z]{2,}(?![\w'′])", re.sub(r"<[^>]*>", "", text or "")):
            if word.lower() not in NAMES:
                found.setdefault(word, text)
    return found


def texts_of(window):
    objects = [window, *window.findChildren(QAction), *window.findChildren(QWidget)]
    for obj in objects:
        for _name, read, _write in _properties(obj):
            yield read()


def test_the_whole_window_is_chinese_but_names_and_symbols(window, english, qtbot):
    """A step taken, a unit picked (the formula panel writes it out): no English word is left on screen."""
    from mlpviz.app.selection import UnitRef

    choose(window, i18n.CHINESE)
    window.session.step()
    window.selection.set_item(UnitRef(1, 0))
    found = english_words(window)
    assert not found, "\n".join(f"{word!r} in {text[:100]!r}" for word, text in found.items())
