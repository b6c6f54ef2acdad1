"""Snapshots in the app: export/import, the history timeline, images, preferences, session persistence."""

from .features import SnapshotFeatures, install_snapshots

__all__ = ["SnapshotFeatures", "install_snapshots"]
