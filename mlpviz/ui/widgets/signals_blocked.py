"""The one loop guard of the views: a widget set from the model says nothing back (QSignalBlocker)."""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from typing import Iterator

from PySide6.QtCore import QObject, QSignalBlocker


@contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Within the block, ``objects`` emit no signals (each gets back its own earlier state after)."""
    with ExitStack() as stack:
        for obj in objects:
            stack.enter_context(QSignalBlocker(obj))
        yield
