"""What reading a CSV file gives: ``CsvTable``, its inputs, targets, classes, format and notes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .csv_format import CsvFormat


@dataclass(frozen=True)
class CsvTable:
    """A checked CSV file: inputs ``x (N, d)``, targets ``y (N, t)`` and what was found on the way.

    When the one target column holds classes (whole numbers 0..k-1, or names), ``labels``
    ``(N,)`` are the class numbers, ``y`` holds them as floats ``(N, 1)`` and ``class_names``
    the names (sorted; numbered classes are named ``'0'`` .. ``'k-1'``). ``lines`` ``(N,)`` is
    each row's line in the file, ``columns`` every header name (``''`` for none), ``notes``
    what was assumed or skipped. ``standardize`` is the user's choice to train on z-scores of
    the inputs (``datasets.standardize``, applied when the table becomes a data set). Arrays are read-only.
    """

    path: str
    format: CsvFormat
    columns: tuple[str, ...]
    input_names: tuple[str, ...]
    target_names: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    lines: np.ndarray
    labels: np.ndarray | None = None
    class_names: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    standardize: bool = False

    def __post_init__(self) -> None:
        for name in ("x", "y", "lines", "labels"):
            value = getattr(self, name)
            if value is not None:
                value.setflags(write=False)

    @property
    def n_rows(self) -> int:
        return self.x.shape[0]

    @property
    def n_classes(self) -> int:
        """The number of classes of a class target, 0 for numeric targets."""
        return len(self.class_names)

    @property
    def has_text_classes(self) -> bool:
        """True when the classes came from names in the file (not class numbers)."""
        return self.labels is not None and self.class_names != tuple(str(k) for k in range(self.n_classes))


