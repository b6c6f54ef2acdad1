"""Qt's messages during a bench, less the offscreen platform's one about size hints.

Every window the benches show offscreen makes the platform say "This plugin does not support
propagateSizeHints()" (16 times before ``bench run``'s table); it says nothing about the figures.
"""

from __future__ import annotations

import sys

NOISE = "This plugin does not support propagateSizeHints()"


def quiet_size_hint_messages() -> None:
    """Install a Qt message handler that drops exactly ``NOISE`` and passes every other message on:
    to the handler it replaces, or formatted as Qt's default handler writes it to stderr."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    previous = None

    def handler(mode, context, message: str) -> None:
        if message == NOISE:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")
            sys.stderr.flush()

    previous = qInstallMessageHandler(handler)
