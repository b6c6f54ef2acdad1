"""File ▸ Export step as worked example…: the document's heading names the step (after its update), and the
dialog's title shows whole on a 1024×768 screen, in English and Chinese."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from mlpviz.app.presets import apply_preset
from mlpviz.ui.teaching.export_dialog import ExportWorkedExampleDialog

TITLE_BAR_ROOM = 130  # a window manager's icon and its three buttons beside the title (openbox: about 100 px)
HEADINGS = {
    "en": "Step 3 of a 2-2-2 network, worked out up to the parameters after step 3's update",
    "zh_CN": "2-2-2 网络第 3 步的演算，直到第 3 步更新之后的参数",
}
TITLES = {"en": "Export worked example", "zh_CN": "导出演算示例"}


def export_from_the_menu(window, qtbot, tmp_path) -> ExportWorkedExampleDialog:
    action = window.teaching.export_action
    assert action in window.file_menu.actions()
    action.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(ExportWorkedExampleDialog)), timeout=20_000)
    dialog = window.findChildren(ExportWorkedExampleDialog)[-1]
    dialog.path_edit.setText(str(tmp_path / "step.html"))
    return dialog


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_document_names_its_step_and_the_title_fits(window, qtbot, tmp_path, language):
    window.language.choose(language)
    try:
        apply_preset(window.session, "worked-222")
        for _ in range(3):
            window.session.step()
        assert window.session.state.shown_step == 3
        dialog = export_from_the_menu(window, qtbot, tmp_path)
        title = dialog.windowTitle()
        bold = QFont(dialog.font())
        bold.setBold(True)
        needed = QFontMetrics(bold).horizontalAdvance(f"{title} — mlpviz") + TITLE_BAR_ROOM
        width = dialog.sizeHint().width()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).click()
        qtbot.waitUntil(lambda: dialog.written is not None, timeout=20_000)
        text = (tmp_path / "step.html").read_text(encoding="utf-8")
    finally:
        window.language.choose("en")
    assert title == TITLES[language]
    assert width >= needed, (width, needed)  # "Export step as … mple" at 1024×768 (tester)
    assert width <= 1024
    heading = html.unescape(re.search(r"<h1>(.*?)</h1>", text).group(1))
    assert heading == HEADINGS[language]


def test_the_dialog_says_the_step_and_names_the_file_after_it(window, qtbot, tmp_path):
    apply_preset(window.session, "worked-222")
    window.session.step()
    window.session.step()
    window.teaching.export_action.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(ExportWorkedExampleDialog)), timeout=20_000)
    dialog = window.findChildren(ExportWorkedExampleDialog)[-1]
    assert dialog.step == 2 and dialog.path_edit.text().endswith("worked-step-2-2-2-step2.html")
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Step 2, up to the parameters after its update" in labels
