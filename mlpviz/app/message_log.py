"""The status bar's messages, kept to be read again after their time (View ▸ Messages…): a refusal or a
266-character note on a file's encoding went before a class had read it, and nothing showed it again.

Qt-free: plain records and a list of listeners told of every change.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable

KEPT = 200  # the newest messages kept: a session's worth, never a growing list


@dataclass(frozen=True)
class LoggedMessage:
    """A message as the status bar showed it, ``when`` it last came, ``count`` times in a row."""

    when: datetime
    text: str
    count: int = 1


class MessageLog:
    """The last ``limit`` messages, newest first; the same message again at once counts, instead of a second copy
    (a refusal repeated at every key press would push the others out)."""

    def __init__(self, limit: int = KEPT, clock: Callable[[], datetime] = datetime.now) -> None:
        self._kept: deque[LoggedMessage] = deque(maxlen=limit)
        self._clock = clock
        self.listeners: list[Callable[[], None]] = []  # called after every change

    def add(self, text: str) -> None:
        """Keep ``text`` (an empty one is no message: the bar cleared)."""
        if not text:
            return
        if self._kept and self._kept[-1].text == text:
            last = self._kept.pop()
            self._kept.append(replace(last, when=self._clock(), count=last.count + 1))
        else:
            self._kept.append(LoggedMessage(self._clock(), text))
        self._changed()

    def clear(self) -> None:
        self._kept.clear()
        self._changed()

    def entries(self) -> list[LoggedMessage]:
        """The messages kept, newest first."""
        return list(reversed(self._kept))

    def __len__(self) -> int:
        return len(self._kept)

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
