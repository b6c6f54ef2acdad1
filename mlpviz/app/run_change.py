"""An undoable change of the run (Edit ▸ Undo): the Trainer's state before and after it.

The states share the run's arrays, history and loss log instead of copying them, so
pushing a change is cheap. ``trim()`` lets older changes keep only their own step's
parameters, so a long undo stack cannot hold many full histories.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from mlpviz.training.trainer import RunState


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
