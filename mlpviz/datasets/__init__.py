"""Data sets: the Dataset value and the built-in generated problems."""

from .dataset import Dataset, class_targets, dataset_from_arrays, labels_of, one_hot
from .generators import DATASETS, make_dataset
from .scaling import InputScaling, standardize

__all__ = ["DATASETS", "Dataset", "InputScaling", "standardize", "class_targets", "dataset_from_arrays", "labels_of", "make_dataset", "one_hot"]
