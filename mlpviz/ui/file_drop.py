"""Files dropped onto the main window, dispatched by suffix to whoever registered for it.

MainWindow makes one FileDrop on itself and registers a handler per suffix, e.g.
``file_drop.register(".csv", open_csv)`` and the snapshot suffixes (.npz, .json). A drag is accepted only when every dropped file has a handler.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class FileDrop(QObject):
    """Event filter on ``target`` (the main window): accepts drags of local files whose suffix has a handler."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.handlers: dict[str, Callable[[Path], object]] = {}
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def register(self, suffix: str, handler: Callable[[Path], object]) -> None:
        """Call ``handler(path)`` for dropped files ending in ``suffix`` (e.g. ``".csv"``, any case)."""
        self.handlers[suffix.lower()] = handler

    def handler_for(self, path) -> Callable[[Path], object] | None:
        return self.handlers.get(Path(path).suffix.lower())

    def paths_of(self, mime) -> list[Path]:
        """Local files in ``mime`` (QMimeData) that have a handler; empty if any has none."""
        if mime is None or not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if not paths or len(paths) != len(mime.urls()) or any(self.handler_for(p) is None for p in paths):
            return []
        return paths

    def open(self, paths) -> None:
        """Hand each path to its handler, in order."""
        for path in paths:
            handler = self.handler_for(path)
            if handler is not None:
                handler(Path(path))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind in (QEvent.DragEnter, QEvent.DragMove):
            if self.paths_of(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Drop:
            paths = self.paths_of(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.open(paths)
                return True
        return False

