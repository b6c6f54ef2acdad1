"""Which step is shown, and what the keys that move through steps do: → (the toolbar's Step, Page Down,
a clicker's next key), ← (Page Up, a clicker's back key), the next phase, the timeline's Latest and
Continue here, and the step compared with. The window only connects keys and buttons to these."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from mlpviz.engine import Params
from mlpviz.training.trainer import Trainer

from .history_model import HistoryModel
from .pictures import Pictures
from .player import StepPlayer
from .run_change import RunUndoStack, undoable
from .run_control import Publish, RunControl
from .view_state import ViewState


class Navigation(QObject):
    """Moves through the run's steps and the phases of the step playing (``forward``, ``back``, ``phase``,
    ``latest``, ``show``), trains on from a kept step (``continue_from``) and sets the comparison."""

    message = Signal(str)

    def __init__(self, trainer: Trainer, history: HistoryModel, pictures: Pictures, player: StepPlayer,
                 runs: RunControl, undo_stack: RunUndoStack, publish: Publish, shown: Callable[[], ViewState],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._trainer, self._history, self._pictures, self._player = trainer, history, pictures, player
        self._runs, self.undo_stack, self._publish, self._shown = runs, undo_stack, publish, shown

    @property
    def waiting(self) -> bool:
        """Phase by phase: the step playing holds at the end of a phase until the next → (``phase``)."""
        return self._player.is_waiting

    def forward(self) -> None:
        """→: the next kept step when an earlier one is shown (after ←), else the next phase or step.

        A step being played (held at a phase or for a quiz question) always goes on: → never jumps
        over its phases to its end.
        """
        shown = self._shown()
        if not self._runs.running and not self._player.is_playing and shown.step < self._trainer.step:
            steps = self._history.steps
            later = steps[steps > shown.step]
            if len(later):
                self.show(int(later[0]))
                return
        self.phase()

    def back(self) -> None:
        """←: the network as it was one kept step before the one shown (Run pauses; nothing is undone).

        A step being played is the one shown: ← goes back to the step it started from.
        """
        steps, shown = self._history.steps, self._shown()
        earlier = steps[steps <= shown.step] if self._player.is_playing else steps[steps < shown.step]
        if len(earlier):
            self._runs.pause()
            self.show(int(earlier[-1]))

    def phase(self) -> None:
        """The next phase in phase-by-phase mode (a new step when none is playing), else the next step."""
        player = self._player
        if not player.phase_by_phase:
            self._runs.step()
        elif player.is_waiting:
            player.advance()
        elif player.is_holding:
            player.skip()  # the question is withdrawn; the step plays on to the phase's end
        elif not player.is_playing:
            self._runs.step()

    def latest(self) -> None:
        """The latest step (the timeline's Latest)."""
        self.show(self._trainer.step)

    def show(self, step: int) -> None:
        """Show the network as it was after ``step`` (the nearest kept step at or below it).

        Training state is untouched: the next step still trains on from the latest step.
        """
        self._runs.stop_for_change()
        self._publish(self._pictures.kept(step), True)

    @undoable('Continue here')
    def continue_from(self, step: int) -> None:
        """Discard the steps after ``step`` (nearest kept) and train on from its parameters."""
        self._runs.stop_for_change()
        at_rest = self._trainer.state_lost(step)
        kept = self._trainer.continue_from(step)
        self._history.changed.emit()
        self._publish(self._pictures.now(), True)
        if at_rest:
            self.message.emit(self.tr("Continuing from step {0} with the optimizer at rest: this older lesson did "
                                      "not save it").format(kept))
        else:
            self.message.emit(self.tr("Continuing from step {0}; the later steps were discarded").format(kept))

    def set_compare(self, params: Params | None, label: str = "") -> None:
        """Colour views by the difference to ``params`` (None: stop comparing); same shapes only.

        ``label`` names what is compared with ("step 12", a file name) for the views' titles.
        """
        if params is not None:
            params.check_fits(self._trainer.arch)
        self._pictures.compare(params, label)
        self._publish(self._pictures.compared(self._shown()), True)
