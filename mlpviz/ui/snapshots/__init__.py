"""Snapshots in the app: export/import, the history timeline, images, preferences."""

from .features import SnapshotFeatures
from .snapshot_actions import SNAPSHOT_SUFFIXES, SnapshotActions
from .timeline import Timeline

__all__ = ["SNAPSHOT_SUFFIXES", "SnapshotActions", "SnapshotFeatures", "Timeline"]
