"""A long status-bar message is read whole at 1024×768: it wraps to a second line left of the numbers."""

from __future__ import annotations

from PySide6.QtCore import QRect

LONG = ("Loaded xor_pm1.csv: 4 rows, 2 inputs, targets −1 and +1; the output was set to tanh with mse, one "
        "output per target column, and the network re-initialised")


def test_a_long_message_wraps_whole_left_of_the_numbers_at_1024x768(window, qtbot):
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    window.show_message(LONG)
    label = window.status_message.label
    qtbot.waitUntil(lambda: label.isVisible() and label.text() == LONG)
    assert window.statusBar().currentMessage() == LONG  # the bar's own message, as before
    assert "tanh with mse, one output per target column" in label.toolTip()  # the whole message, as plain text
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))  # every wrapped line shown
    assert label.height() > label.fontMetrics().lineSpacing()  # it did need a second line at this width
    numbers = window.status_numbers.step_label
    assert label.geometry().right() < numbers.geometry().left()  # not under the numbers
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: label.text() == "" and label.height() <= label.fontMetrics().lineSpacing() + 2)


def test_a_message_longer_than_two_lines_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(window, qtbot):
    """A tester read the middle of a 3-line message at 1024×768: its first and last lines were cut."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    longer = " ".join([LONG] * 4)
    window.show_message(longer)
    label = window.status_message.label
    qtbot.waitUntil(lambda: label.isVisible() and label.text().endswith("…"))
    assert longer.startswith(label.text()[:-1].rstrip())  # its beginning, as written
    assert label.heightForWidth(label.width()) <= label.height()  # every line drawn shown, none cut
    assert "re-initialised" in label.toolTip() and window.statusBar().currentMessage() == longer


def test_a_long_chinese_message_takes_two_whole_lines(window, qtbot):
    """zh_CN at 1024×768: Chinese lines are taller than the font's line spacing, and a long message was cut to
    one line ending in "…"."""
    window.setGeometry(QRect(0, 0, 1024, 768))
    window.show()
    qtbot.waitExposed(window)
    chinese = "已载入 titanic_text.csv：891 行，8 个输入，目标 Survived 有 2 个类别；网络已重新初始化。" * 3
    window.show_message(chinese)
    label = window.status_message.label
    qtbot.waitUntil(lambda: label.isVisible() and label.text().endswith("…"))
    assert label.height() >= 2 * label.fontMetrics().lineSpacing() - 2  # two lines, the second ending in "…"
    assert label.heightForWidth(label.width()) <= label.height()  # both shown whole
