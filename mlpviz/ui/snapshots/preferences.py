"""Snapshot and session preferences, read from and written to QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from mlpviz.training.history import DEFAULT_BUDGET_BYTES, max_budget_bytes

from ..widgets.settings_values import true_or_false, whole_number

MB = 1024 * 1024
MAX_AUTO_EVERY = 1_000_000
_KEYS = {
    "snapshots_folder": "snapshots/folder",
    "auto_every": "snapshots/auto_every",
    "history_mb": "history/budget_mb",
    "restore_session": "session/restore",
}


def default_snapshots_folder() -> str:
    """``Documents/mlpviz-snapshots`` (or the app data folder where there are no documents)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = docs or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return str(Path(base) / "mlpviz-snapshots")


def max_history_mb() -> int:
    """The largest history budget in MB: a share of this machine's memory (see training.history)."""
    return max_budget_bytes() // MB


@dataclass(frozen=True)
class SnapshotPreferences:
    """Where quick snapshots go, auto-snapshot interval (0 = off), history budget, session restore."""

    snapshots_folder: str
    auto_every: int = 0
    history_mb: int = DEFAULT_BUDGET_BYTES // MB
    restore_session: bool = True

    @property
    def history_bytes(self) -> int:
        return self.history_mb * MB

    @classmethod
    def load(cls, settings: QSettings) -> "SnapshotPreferences":
        """The saved preferences; a value of the wrong type or out of range gives its default."""
        default = cls(default_snapshots_folder())
        folder = settings.value(_KEYS["snapshots_folder"], default.snapshots_folder)
        history_mb = whole_number(settings.value(_KEYS["history_mb"]), default.history_mb, 1, max_history_mb())
        return cls(
            folder if isinstance(folder, str) and folder.strip() and "\0" not in folder else default.snapshots_folder,
            whole_number(settings.value(_KEYS["auto_every"]), default.auto_every, 0, MAX_AUTO_EVERY),
            history_mb,
            true_or_false(settings.value(_KEYS["restore_session"]), default.restore_session),
        )

    def save(self, settings: QSettings) -> None:
        for name, key in _KEYS.items():
            settings.setValue(key, getattr(self, name))
        settings.sync()
