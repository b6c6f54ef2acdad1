"""The loss header's wrapping: at its " · " first, then at spaces, never inside a number, never with "…"."""

from __future__ import annotations

from mlpviz.ui.widgets.live_label import wrapped_lines, wrapping_live_label

HEADER = "step 1 · train loss 1.50836 · test 1.4048 · learning rate η 0.1"


def test_a_header_breaks_at_its_separators_and_keeps_every_part_whole():
    fits = lambda line: len(line) <= 34
    assert wrapped_lines(HEADER, fits) == ["step 1 · train loss 1.50836", "test 1.4048 · learning rate η 0.1"]
    assert wrapped_lines(HEADER, lambda line: True) == [HEADER]


def test_a_part_too_wide_breaks_at_its_spaces_and_a_word_too_wide_stays_whole():
    assert wrapped_lines(HEADER, lambda line: len(line) <= 12) == [
        "step 1", "train loss", "1.50836", "test 1.4048", "learning", "rate η 0.1"]
    assert wrapped_lines("loss 1.50836", lambda line: len(line) <= 3) == ["loss", "1.50836"]


def test_the_label_is_as_tall_as_its_lines_and_paints_them_whole(qtbot):
    label = wrapping_live_label(HEADER)
    qtbot.addWidget(label)
    fm = label.fontMetrics()
    label.resize(fm.horizontalAdvance("step 1 · train loss 1.50836") + 20, 20)
    label.setText(HEADER)
    label.show()
    qtbot.waitExposed(label)
    lines = label.lines()
    assert len(lines) >= 2 and " · ".join(lines) == HEADER
    assert all(fm.horizontalAdvance(line) <= label.contentsRect().width() for line in lines)
    assert label.sizeHint().height() >= len(lines) * fm.lineSpacing()
    label.resize(fm.horizontalAdvance(HEADER) + 20, label.height())
    qtbot.waitUntil(lambda: label.sizeHint().height() < 2 * fm.lineSpacing(), timeout=20_000)  # one line again


def test_a_hint_without_numbers_keeps_one_line(qtbot):
    """"No steps yet: press Step (→) or Run (Space)" on two lines took a 960×540 screen's canvas below half its height."""
    label = wrapping_live_label(HEADER)
    qtbot.addWidget(label)
    label.resize(label.fontMetrics().horizontalAdvance("No steps yet"), 20)
    label.setText("No steps yet: press Step (→) or Run (Space)")
    assert label.lines() == [label.text()] and label.sizeHint().height() < 2 * label.fontMetrics().lineSpacing()
    label.setText("At step 12: the curve starts with the next step")
    assert len(label.lines()) > 1  # a number: wrapped, never "…"
