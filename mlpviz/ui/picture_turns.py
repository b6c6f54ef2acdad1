"""During fast Run a picture is drawn in two turns of the event loop: the canvas first, the other views next.

Qt paints every widget a picture changed in one go, so the canvas, the plots and the tables together
were one long turn (about 25 ms for 784-128-64-10) in which a click or a key waited. During fast Run
(Animate off) the canvas gets each state at once and paints; the other views get the latest state in a
later turn, after that paint, and paint in their own. Otherwise (a Step, the animation, Pause, a change)
every view gets the state at once, in the order connected, as before.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from mlpviz.app.training_status import TrainingStatus
from mlpviz.app.view_state import ViewState

Show = Callable[[ViewState], None]
LATEST_MS = 100  # the other views wait at most this long for the canvas's paint (it may not paint: hidden)


class PictureTurns(QObject):
    """Hands each published state to ``first`` (the canvas) and to ``rest`` (every other view's setter):
    in one go, or during fast Run in two turns (see the module), the second once ``painted`` (the canvas's
    viewport) has painted the first."""

    def __init__(self, first: list[Show], rest: list[Show], painted: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._first, self._rest = list(first), list(rest)
        self._split = False
        self._pending: ViewState | None = None
        self._timer = QTimer(self, singleShot=True, timeout=self._show_rest)
        painted.installEventFilter(self)
        self._painted = painted

    def set_state(self, state: ViewState) -> None:
        if not self._split:
            self._pending = None
            self._timer.stop()
            self._show(self._first + self._rest, state)
            return
        self._show(self._first, state)
        self._pending = state
        if not self._timer.isActive():
            self._timer.start(LATEST_MS)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if watched is self._painted and event.type() == QEvent.Paint and self._pending is not None:
            self._timer.start(0)  # fires after this paint, in a turn of its own
        return False

    def set_status(self, status: TrainingStatus) -> None:
        """Two turns only while Run trains at full speed; leaving it, a state still waiting is shown at once."""
        self._split = bool(status.running and not status.animate)
        if not self._split:
            self._show_rest()

    def _show_rest(self) -> None:
        self._timer.stop()
        state, self._pending = self._pending, None
        if state is not None:
            self._show(self._rest, state)

    @staticmethod
    def _show(views: list[Show], state: ViewState) -> None:
        for show in views:
            show(state)
