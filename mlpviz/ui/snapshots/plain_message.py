"""An error box whose text is shown as typed: file names and messages are never read as HTML."""

from __future__ import annotations

from ..widgets.messages import show_error as show_refusal  # one plain-text message box for the whole ui

__all__ = ["show_refusal"]
