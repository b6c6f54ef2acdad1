"""Mixed into MainWindow: the status bar, its numbers (step, loss, accuracy, speed) refreshed a few times a
second, and the app's messages, kept for View ▸ Messages… and shown as long as they take to read."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer

from .status_bar import StatusNumbers
from .status_message import StatusMessage, message_ms

STATUS_INTERVAL_MS = 250


class WindowStatus:
    """The status bar of a MainWindow (its ``session``, ``canvas`` and ``messages``)."""

    def _build_status_bar(self) -> None:
        self.status_message = StatusMessage(self.statusBar())  # first: left of the numbers
        self.status_message.clicked.connect(self.messages.open)
        self.status_numbers = StatusNumbers(self.statusBar())
        n = self.status_numbers
        self.step_label, self.loss_label, self.rate_label, self.fps_label = (
            n.step_label, n.loss_label, n.rate_label, n.fps_label)
        self._status_timer = QTimer(self, interval=STATUS_INTERVAL_MS, timeout=self._refresh_status)
        self._status_timer.start()
        self._refresh_status()

    def _refresh_status(self) -> None:
        s, state = self.session, self.session.state
        if state.record is None:
            loss = float("nan")
        elif state.shows_loss:  # the loss logged for the step on screen (the loss panel's), else the record's
            logged = s.loss_log.loss_at(state.shown_step)
            loss = logged if math.isfinite(logged) else state.record.loss
        else:  # the forward pass is still on its way: the loss known is the previous step's
            loss = s.loss_log.loss_at(state.step)
        self.status_numbers.show(state.shown_step, loss, s.status, self.canvas.frames_per_second,
                                 s.loss_log.latest_accuracy(state.step), latest=s.step_count)

    def show_message(self, text: str) -> None:
        self.messages.keep(text)
        self.statusBar().showMessage(text, message_ms(text))
