"""The mlpviz engine: an MLP, its training step and its files, in plain numpy (no Qt)."""

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .architecture import Architecture, format_sizes, parse_sizes
from .errors import ArchitectureError, DataError, MlpvizError, SnapshotError
from .losses import LOSSES
from .params import INIT_METHODS, Params, init_params
from .records import ForwardRecord, StepRecord
from .step import forward, train_step
from .atomic import atomic_file, atomic_write_bytes, atomic_write_text
from .batches import batch_count, batch_for_step, batch_indices, parse_batch_size
from .csv_data import load_csv, write_csv
from .data import DATASETS, Dataset, dataset_from_arrays, make_dataset
from .snapshot import Snapshot, load_snapshot, save_snapshot

__all__ = [
    "ACTIVATIONS", "HIDDEN_ACTIVATIONS", "OUTPUT_ACTIVATIONS", "LOSSES", "INIT_METHODS",
    "Architecture", "Params", "ForwardRecord", "StepRecord",
    "ArchitectureError", "DataError", "MlpvizError", "SnapshotError",
    "forward", "train_step", "init_params", "format_sizes", "parse_sizes",
    "atomic_file", "atomic_write_bytes", "atomic_write_text",
    "batch_count", "batch_for_step", "batch_indices", "parse_batch_size",
    "load_csv", "write_csv", "DATASETS", "Dataset", "dataset_from_arrays", "make_dataset",
    "Snapshot", "load_snapshot", "save_snapshot",
]
