"""The session's file commands: ``read_*``/``write_*`` touch only their arguments, so they are safe on a
worker thread (the app reads large files in the background)."""

from __future__ import annotations

from mlpviz.io import Activations, CsvTable, Snapshot, load_network, read_csv_table, save_network


class SessionFiles:
    """Reading and writing networks and data files, as the views are given them (``session.read_snapshot``…)."""

    @staticmethod
    def read_snapshot(path, activations: Activations | None = None) -> Snapshot:
        """Any network file mlpviz reads (snapshot, safetensors, Keras, ONNX); ``activations`` for files without them."""
        return load_network(path, activations)

    @staticmethod
    def write_snapshot(path, snap: Snapshot, exclusive: bool = False) -> None:
        """The suffix picks the format: .npz, .json, .csv, .safetensors or .onnx.

        ``exclusive``: never over an existing file (FileExistsError), for quick and auto snapshots.
        """
        save_network(path, snap, exclusive)

    @staticmethod
    def read_table(path, **choices) -> CsvTable:
        """The CSV file at ``path`` as read (``choices``: target, delimiter, decimal, encoding), for ``load_table``."""
        return read_csv_table(path, **choices)
