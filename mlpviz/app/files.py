"""The app's file commands, as the views are given them: ``read_*``/``write_*`` touch only their
arguments, so they are safe on a worker thread (the app reads large files in the background)."""

from __future__ import annotations

from mlpviz.io import Activations, CsvTable, Snapshot, load_network, read_csv_table, save_network


def read_snapshot(path, activations: Activations | None = None) -> Snapshot:
    """Any network file mlpviz reads (snapshot, safetensors, Keras, ONNX); ``activations`` for files without them."""
    return load_network(path, activations)


def write_snapshot(path, snap: Snapshot, exclusive: bool = False) -> None:
    """The suffix picks the format: .npz, .json, .csv, .safetensors or .onnx.

    ``exclusive``: never over an existing file (FileExistsError), for quick and auto snapshots.
    """
    save_network(path, snap, exclusive)


def read_table(path, **choices) -> CsvTable:
    """The CSV file at ``path`` as read (``choices``: target, delimiter, decimal, encoding), for ``load_data``."""
    return read_csv_table(path, **choices)
