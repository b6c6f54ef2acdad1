"""Files: snapshots, CSV data, atomic writes and the size limits of everything mlpviz reads."""

from .atomic import atomic_file, atomic_write_bytes, atomic_write_text
from .csv_data import load_csv, write_csv
from .snapshot import Snapshot, load_snapshot, save_snapshot

__all__ = [
    "atomic_file", "atomic_write_bytes", "atomic_write_text",
    "load_csv", "write_csv", "Snapshot", "load_snapshot", "save_snapshot",
]
