"""Files: snapshots, foreign network formats, CSV data, atomic writes and the size limits of everything mlpviz reads."""

from .atomic import atomic_file, atomic_write_bytes, atomic_write_text
from .csv_data import load_csv, write_csv
from .csv_format import CsvFormat
from .csv_read import CsvPeek, peek_csv, read_csv_table
from .csv_table import CsvTable
from .foreign_network import Activations, ActivationsNeeded
from .network_files import READ_SUFFIXES, WRITE_SUFFIXES, dropped_on_save, load_network, missing_extra, save_network
from .pytorch_snippet import pytorch_snippet
from .snapshot import Snapshot, save_snapshot
from .snapshot_read import load_snapshot

__all__ = [
    "atomic_file", "atomic_write_bytes", "atomic_write_text",
    "CsvFormat", "CsvPeek", "CsvTable", "peek_csv", "read_csv_table",
    "load_csv", "write_csv", "Snapshot", "load_snapshot", "save_snapshot",
    "Activations", "ActivationsNeeded", "READ_SUFFIXES", "WRITE_SUFFIXES",
    "load_network", "save_network", "dropped_on_save", "missing_extra", "pytorch_snippet",
]
