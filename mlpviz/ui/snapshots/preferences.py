"""Snapshot and session preferences, read from and written to QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from mlpviz.training.history import DEFAULT_BUDGET_BYTES

MB = 1024 * 1024
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
        default = cls(default_snapshots_folder())

        def read(name, kind):
            value = settings.value(_KEYS[name], getattr(default, name))
            try:
                if kind is bool and isinstance(value, str):
                    return value.lower() in ("true", "1", "yes")
                return kind(value)
            except (TypeError, ValueError):
                return getattr(default, name)

        return cls(
            read("snapshots_folder", str) or default.snapshots_folder,
            max(0, read("auto_every", int)),
            max(1, read("history_mb", int)),
            read("restore_session", bool),
        )

    def save(self, settings: QSettings) -> None:
        for name, key in _KEYS.items():
            settings.setValue(key, getattr(self, name))
        settings.sync()
