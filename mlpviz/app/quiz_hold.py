"""The quiz's side of the step player: the question a step shown on its own waits for, and the answer
that lets it go on. The player asks for the question before it plays the step (no callback inside a
signal); the window gives the source and sends the answers."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from mlpviz.engine import StepRecord

from .player import StepPlayer
from .view_state import Asked

QuestionSource = Callable[[StepRecord], "Asked | None"]


class QuizHold(QObject):
    """Holds steps for a quiz: ``question_for(record)`` asks the source (``ask_with``) about a step about to
    be shown; ``release`` when answered; ``ask_now`` holds the step on screen again; ``dropped`` says a
    question was withdrawn unanswered (Step pressed while it waited, or the step dropped)."""

    dropped = Signal(object)  # the Asked withdrawn

    def __init__(self, player: StepPlayer, shown_latest: Callable[[], tuple[StepRecord, int] | None],
                 parent: QObject | None = None) -> None:
        """``shown_latest()``: the latest step and the step count, when it is on screen, not playing and Run is
        paused (the only step Ask now can hold), else None."""
        super().__init__(parent)
        self._player, self._shown_latest = player, shown_latest
        self._source: QuestionSource | None = None
        player.question_dropped.connect(self.dropped)

    def ask_with(self, source: QuestionSource | None) -> None:
        """``source(record)``: the question to hold a step shown on its own for (None: ask nothing)."""
        self._source = source

    def question_for(self, record: StepRecord) -> Asked | None:
        return self._source(record) if self._source is not None else None

    @property
    def is_holding(self) -> bool:
        """A step waits for the answer to a quiz question."""
        return self._player.is_holding

    def release(self, *_args) -> None:
        """The question was answered: its number appears and the step goes on."""
        self._player.release()

    def ask_now(self, asked: Asked) -> bool:
        """Show the latest step, on screen and not playing, again just before it reveals ``asked``, until
        ``release``. False (nothing changes) for a step from the timeline, or during Run."""
        shown = self._shown_latest()
        if shown is None:
            return False
        record, step = shown
        self._player.play(record, step, asked=asked, animate=False)
        return True
