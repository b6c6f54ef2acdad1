"""Documents: what a saved lesson holds and its ``.mlpviz`` file, Qt-free (read by the app and the CLI)."""

from .lesson import Checkpoint, Lesson
from .lesson_file import LESSON_SUFFIX, read_lesson, write_lesson

__all__ = ["Checkpoint", "Lesson", "LESSON_SUFFIX", "read_lesson", "write_lesson"]
