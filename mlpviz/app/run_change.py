"""Undoable changes of the run (Edit ▸ Undo): the Trainer's state before and after each, on one stack.

The states share the run's arrays, history and loss log instead of copying them, so
pushing a change is cheap. ``trim()`` lets older changes keep only their own step's
parameters, so a long undo stack cannot hold many full histories.
"""

from __future__ import annotations

import contextlib
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from mlpviz.i18n import translated

from mlpviz.training.trainer import RunState

UNDO_LIMIT = 100
FULL_UNDO_HISTORIES = 3  # the newest undoable changes keep their whole timeline; older ones their step


class RunChange(QUndoCommand):
    """Undo puts the run back as it was before; redo as it was when the user pressed undo."""

    def __init__(self, text: str, before: RunState, save: Callable[[], RunState],
                 restore: Callable[[RunState], None]) -> None:
        super().__init__(text)
        self.before = before
        self.after: RunState | None = None
        self._save, self._restore = save, restore
        self._trimmed = False

    def redo(self) -> None:
        if self.after is None:  # the change itself already happened when it was pushed
            self.after = self._save()
            return
        self._restore(self.after)

    def undo(self) -> None:
        self.after = self._save()
        self._restore(self.before)

    def trim(self) -> None:
        """Keep only the parameters of each state's own step (the timeline before it is dropped)."""
        if not self._trimmed:
            self.before = self.before.without_history()
            if self.after is not None:
                self.after = self.after.without_history()
            self._trimmed = True


class RunUndoStack(QUndoStack):
    """The run's undo stack: ``change(text)`` groups the commands inside it into one RunChange."""

    def __init__(self, save: Callable[[], RunState], restore: Callable[[RunState], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setUndoLimit(UNDO_LIMIT)
        self._save, self._restore = save, restore
        self._changes: list[RunChange] = []
        self._depth = 0

    @contextlib.contextmanager
    def change(self, text: str):
        """Everything done inside is one undoable change named ``text``; nothing is pushed if it raises."""
        if self._depth == 0:
            before = self._save()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self._depth == 0:
            self._push(text, before)

    def forget(self) -> None:
        """Start afresh (after restoring the last session at launch)."""
        self.clear()
        self._changes.clear()

    def _push(self, text: str, before: RunState) -> None:
        change = RunChange(text, before, self._save, self._restore)
        self.push(change)
        self._changes = [c for c in self._changes[-UNDO_LIMIT:] if c is not change] + [change]
        for old in self._changes[:-FULL_UNDO_HISTORIES]:
            old.trim()


def undoable(text: str):
    """Make a command of an object with an ``undo_stack`` one undoable change named ``text`` (nothing is pushed
    if it raises)."""
    def decorate(command):
        def wrapper(self, *args, **kwargs):
            with self.undo_stack.change(translated(text)):  # text: a literal (mlpviz.i18n.extract reads undoable())
                return command(self, *args, **kwargs)
        wrapper.__name__, wrapper.__doc__ = command.__name__, command.__doc__
        return wrapper
    return decorate
