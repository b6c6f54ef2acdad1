"""The status bar's steps/s is the real rate in every mode: slow animated steps are not "0 steps/s"."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from mlpviz.app.training_status import TrainingStatus
from mlpviz.ui.status_bar import StatusNumbers


def test_rates_below_ten_keep_their_digits(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    numbers = StatusNumbers(bar)
    for rate, text in ((0.42, "0.42 steps/s"), (3.0, "3 steps/s"), (1234.5, "1,234 steps/s")):
        numbers.show(5, 0.5, TrainingStatus(running=True, steps_per_second=rate), 30.0)
        assert numbers.rate_label.text() == text
    numbers.show(5, 0.5, TrainingStatus(running=False), 30.0)
    assert numbers.rate_label.text() == "paused"


def test_the_first_steps_forward_pass_shows_no_loss_rather_than_nan(window, qtbot):
    """Reset, then Run with Animate on: while step 1's forward pass plays, no loss is known yet."""
    session = window.session
    session.set_animate(True)
    session.set_speed(0.2)
    session.reset()
    session.step()
    assert session.state.step == 0 and not session.state.shows_loss
    window._refresh_status()
    assert window.status_numbers.loss_label.text() == "loss –"
    session.runs.stop_for_change()
    session.step()
    window._refresh_status()
    assert window.status_numbers.loss_label.text().startswith("loss ") and "nan" not in window.status_numbers.loss_label.text()


def _blank_columns_around(image, x: int, lo: int, hi: int) -> int:
    """The longest run of columns in ``x+lo .. x+hi`` with no dark (text) pixel."""
    longest = run = 0
    for col in range(max(0, x + lo), min(image.width(), x + hi)):
        dark = any(image.pixelColor(col, row).lightness() < 128 for row in range(image.height()))
        run = 0 if dark else run + 1
        longest = max(longest, run)
    return longest


def test_a_long_message_keeps_clear_space_before_the_step_counter(qtbot):
    """A message too long for the bar must not run into "step 0": "…sorted orderstep 0"."""
    from PySide6.QtGui import QColor, QPalette

    bar = QStatusBar()
    palette = bar.palette()
    palette.setColor(QPalette.Window, QColor("white"))
    palette.setColor(QPalette.WindowText, QColor("black"))
    bar.setPalette(palette)
    bar.setSizeGripEnabled(False)
    qtbot.addWidget(bar)
    numbers = StatusNumbers(bar)
    numbers.show(0, 0.5, TrainingStatus(running=False), 30.0)
    bar.resize(700, bar.sizeHint().height())
    bar.show()
    bar.showMessage("Loaded data.csv: 150 rows; the classes are numbered in sorted order " * 3)
    qtbot.waitExposed(bar)
    image = bar.grab().toImage()
    gap = numbers.step_label.fontMetrics().horizontalAdvance("  ")
    assert _blank_columns_around(image, numbers.step_label.x(), -4, 24) >= gap
