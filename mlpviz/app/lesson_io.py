"""A lesson made from the session and put back into it: the run (network, optimizer state, settings, data,
loss log, timeline) travels through ``Session``; the view, quiz and author's texts are the caller's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mlpviz.document import Checkpoint, Lesson


def lesson_of(session, view: dict, quiz: dict, title: str = "", note: str = "",
              checkpoints: tuple[Checkpoint, ...] = ()) -> Lesson:
    """The session's run as a lesson, with ``view`` and ``quiz`` settings and the author's texts."""
    trainer = session.trainer
    return Lesson(trainer.snapshot(), trainer.settings, trainer.dataset, trainer.loss_log, trainer.history,
                  view, quiz, title, note, tuple(checkpoints))


def apply_lesson(session, lesson: Lesson) -> None:
    """Continue ``lesson``'s run in ``session`` as one undoable change: data and network first (they check),
    then its settings, then the run with its loss curve and timeline."""
    with session.undo_stack.change(QCoreApplication.translate("Lesson", "Open a lesson")):
        session.set_data(lesson.dataset, lesson.snapshot.arch)
        session.set_config(lesson.config)
        session.load_snapshot(lesson.snapshot, lesson.loss_log, lesson.history)
