"""What the status bar says when a CSV file is loaded: what it held, and what network it got and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from mlpviz.datasets import Dataset
from mlpviz.engine import Architecture
from mlpviz.i18n import msg_n, sentences
from mlpviz.io import CsvTable
from mlpviz.training.open_plan import classes_said


def loaded_message(table: CsvTable, dataset: Dataset, arch: Architecture, *notes) -> str:
    """"Loaded iris.csv: 150 rows, 4 inputs, 3 classes (…). Network 4-8-3: 3 softmax outputs with ce, one per class.",
    then the file's ``notes`` and these, each a sentence (``sentences``)."""
    what = QCoreApplication.translate("Session", "{0} rows, {1} inputs").format(table.n_rows, len(table.input_names))
    if table.labels is not None:  # as the import preview said it: the classes the file holds, the outputs they get
        what += ", " + classes_said(table, arch)
    k = dataset.n_classes
    if k >= 2 and arch.output_activation == "softmax":
        why = QCoreApplication.translate("Session", "{0} softmax outputs with cross-entropy (ce), one per class").format(arch.sizes[-1])
    elif k == 2 and arch.sizes[-1] == 1 and arch.loss == "bce":
        why = QCoreApplication.translate("Session", "one sigmoid output with binary cross-entropy (bce): two classes, 0 and 1")
    else:
        why = str(msg_n("{n} {activation} output with {loss}, for the target column",
                        "{n} {activation} outputs with {loss}, one per target column", arch.sizes[-1],
                        activation=arch.output_activation, loss=arch.loss))
    text = QCoreApplication.translate("Session", "Loaded {0}: {1}. Network {2}: {3}.").format(Path(table.path).name, what, arch.label(), why)
    scaled = () if dataset.input_scaling is None else (QCoreApplication.translate(
        "Session", "Inputs standardized: z-scores from the {0} training rows.").format(dataset.input_scaling.rows),)
    return sentences(text, *scaled, *table.notes, *notes)
