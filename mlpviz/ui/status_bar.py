"""The numbers at the right of the status bar: step, loss, steps/s and canvas frames/s."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStatusBar

from mlpviz.app.training_status import TrainingStatus
from .widgets.plain_text import plain_label


class StatusNumbers(QObject):
    """Fixed-width labels in ``bar`` showing the values given to ``show``."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.step_label = plain_label()
        self.loss_label = plain_label()
        self.accuracy_label = plain_label()
        self.rate_label = plain_label()
        self.fps_label = plain_label()
        self.step_label.setToolTip(self.tr("The step on screen, and how many were taken since the network was initialised "
                                           "when it is an earlier one (picked on the timeline)"))
        self.loss_label.setToolTip(self.tr("Loss of the last step's mini-batch (before its update)"))
        self.accuracy_label.setToolTip(self.tr(
            "Classes predicted right: on every training row, and on the test rows held out (never trained on)"))
        self.rate_label.setToolTip(self.tr("Training steps per second during Run"))
        self.fps_label.setToolTip(self.tr("Canvas frames painted per second"))
        for label in (self.step_label, self.loss_label, self.accuracy_label, self.rate_label, self.fps_label):
            bar.addPermanentWidget(label)
            label.installEventFilter(self)  # its own new font: the bar hears of a change before its labels do
        self.fit_widths()
        bar.setAutoFillBackground(True)  # opaque: numbers changing many times a second repaint the bar, not the window
        bar.installEventFilter(self)

    def fit_widths(self) -> None:
        """Each label as wide as its widest text in its font: changing numbers must not re-lay out the window.

        Fixed in both directions, a label whose text changes does not even ask the bar to re-lay out
        (Qt skips that for a widget whose minimum and maximum sizes are equal). Each starts with an em
        of space: the bar clips a long message 2 px before the first label, which read
        "…numbered in sorted orderstep 0"."""
        for label, widest in zip((self.step_label, self.loss_label, self.accuracy_label, self.rate_label,
                                  self.fps_label), self.widest_texts()):
            metrics = label.fontMetrics()
            space = metrics.horizontalAdvance("M")
            label.setContentsMargins(space, 0, 0, 0)
            height = max(metrics.height(), metrics.boundingRect(widest).height())  # not sizeHint: stale in a FontChange
            label.setFixedSize(space + metrics.horizontalAdvance(widest) + 10, height)

    def widest_texts(self) -> tuple[str, ...]:
        """The widest text each label shows, in the language of the moment (Chinese words have other widths)."""
        return (self.tr("step {0} of {1}").format(888888, 888888), self.tr("loss {0:.6g}").format(8.88888e-08),
                self.tr("accuracy {0:.1f}% train").format(100) + self.tr(", {0:.1f}% test").format(100),
                self.tr("{0:,.0f} steps/s").format(88888), self.tr("{0:.0f} fps").format(88))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.FontChange, QEvent.LanguageChange):  # the text size or the language changed
            self.fit_widths()
        return False

    def show(self, step: int, loss: float, status: TrainingStatus, frames_per_second: float,
             accuracy: tuple[float, float] = (float("nan"), float("nan")), latest: int | None = None) -> None:
        """The ``step`` on screen and its ``loss`` (of ``latest`` trained, when a step picked on the timeline is
        an earlier one), Run's rate from ``status``, the canvas's paints per second, and ``accuracy``
        ``(training, test)`` for data with classes (NaN hides it)."""
        if latest is None or latest == step:
            self.step_label.setText(self.tr("step {0}").format(step))
        else:  # scrubbed back: the loss beside it is this step's, not the latest's
            self.step_label.setText(self.tr("step {0} of {1}").format(step, latest))
        # no loss known yet (the first step's forward pass): a dash, never "nan"
        self.loss_label.setText(self.tr("loss {0:.6g}").format(loss) if not math.isnan(loss) else self.tr("loss –"))
        train, test = accuracy
        self.accuracy_label.setVisible(not math.isnan(train))
        if not math.isnan(train):
            text = self.tr("accuracy {0:.1f}% train").format(100 * train)
            if not math.isnan(test):
                text += self.tr(", {0:.1f}% test").format(100 * test)
            self.accuracy_label.setText(text)
        rate = status.steps_per_second  # an animated step takes seconds: 0.4 steps/s, not "0"
        self.rate_label.setText((self.tr("{0:,.0f} steps/s") if rate >= 10 else self.tr("{0:.2g} steps/s")).format(rate)
                                if status.running else self.tr("paused"))
        self.fps_label.setText(self.tr("{0:.0f} fps").format(frames_per_second))
