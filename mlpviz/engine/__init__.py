"""The mlpviz engine: an MLP and its training step in plain numpy (no Qt, no files)."""

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .architecture import Architecture, format_sizes, parse_sizes
from .batches import batch_count, batch_for_step, batch_indices, parse_batch_size
from .blas import limit_blas_threads
from .errors import ArchitectureError, DataError, MlpvizError, SnapshotError
from .inputs import InputsMismatch, check_inputs, inputs_mismatch
from .losses import LOSSES
from .params import INIT_METHODS, Params, init_params
from .records import ForwardRecord, StepRecord
from .step import forward, train_step
from .targets import check_targets

limit_blas_threads()

__all__ = [
    "ACTIVATIONS", "HIDDEN_ACTIVATIONS", "OUTPUT_ACTIVATIONS", "LOSSES", "INIT_METHODS",
    "Architecture", "Params", "ForwardRecord", "StepRecord",
    "ArchitectureError", "DataError", "MlpvizError", "SnapshotError", "InputsMismatch",
    "check_inputs", "check_targets", "inputs_mismatch", "forward", "train_step", "init_params", "format_sizes",
    "parse_sizes",
    "batch_count", "batch_for_step", "batch_indices", "parse_batch_size",
]
