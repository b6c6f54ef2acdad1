"""Item code Qt calls that fails does nothing and is reported once: an exception must never reach Qt.

An exception raised in a ``paint()`` or ``boundingRect()`` override unwinds into Qt's C++
rendering and ends the process (SIGSEGV) before any dialog or save. Every custom item's
``paint`` is wrapped in ``guarded_paint`` and every other override Qt or pyqtgraph calls
(``boundingRect``, ``sizeHint``, ``viewTransformChanged`` …) in ``guarded``: the item draws
nothing (or answers an empty rectangle) that time, and the first failure of each kind goes
to ``sys.excepthook`` (the crash handler: log, recovery snapshot, dialog) from the next
event-loop turn, outside the paint. tests/ui/test_paint_guard.py checks every item's overrides.
"""

from __future__ import annotations

import functools
import inspect
import sys
import traceback

from PySide6.QtCore import QTimer

_reported: set[tuple] = set()


def guarded_paint(paint):
    """Decorate a ``paint(self, painter, ...)`` override (graphics items and item delegates alike)."""

    @functools.wraps(paint)
    def guarded(self, painter, *args):
        painter.save()
        try:
            paint(self, painter, *args)
        except Exception as exc:  # noqa: BLE001 - nothing may cross into Qt's paint code
            _report_once(self, exc)
        finally:
            painter.restore()

    guarded.guarded = True
    return guarded


def guarded(fallback=None):
    """Decorate another override Qt or pyqtgraph calls; on an exception it answers ``fallback()`` (or None)."""

    def decorate(method):
        code = method.__code__
        takes = None if code.co_flags & inspect.CO_VARARGS else code.co_argcount - 1

        @functools.wraps(method)
        def safe(self, *args):  # a slot gets what it takes: a signal may offer more (Qt passes fewer too)
            try:
                return method(self, *args[:takes])
            except Exception as exc:  # noqa: BLE001 - nothing may cross into Qt's C++ code
                _report_once(self, exc)
                return None if fallback is None else fallback()

        safe.guarded = True
        return safe

    return decorate


def _report_once(item, exc: BaseException) -> None:
    frames = traceback.extract_tb(exc.__traceback__)
    where = (frames[-1].filename, frames[-1].lineno) if frames else ("", 0)
    key = (type(item).__qualname__, type(exc).__qualname__) + where
    if key in _reported:
        return
    _reported.add(key)
    QTimer.singleShot(0, lambda: sys.excepthook(type(exc), exc, exc.__traceback__))
