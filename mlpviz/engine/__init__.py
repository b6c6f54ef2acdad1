"""The mlpviz engine: an MLP, its training step and its files, in plain numpy (no Qt)."""

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .architecture import Architecture, format_sizes, parse_sizes
from .errors import ArchitectureError, DataError, MlpvizError, SnapshotError
from .losses import LOSSES
from .params import INIT_METHODS, Params, init_params
from .records import ForwardRecord, StepRecord
from .step import forward, train_step

__all__ = [
    "ACTIVATIONS", "HIDDEN_ACTIVATIONS", "OUTPUT_ACTIVATIONS", "LOSSES", "INIT_METHODS",
    "Architecture", "Params", "ForwardRecord", "StepRecord",
    "ArchitectureError", "DataError", "MlpvizError", "SnapshotError",
    "forward", "train_step", "init_params", "format_sizes", "parse_sizes",
]
