"""What opening a CSV file on the network in use gives, before anything changes: the data, the network, the
note, or the refusal, and what its classes are. The import preview says it and the loading does it, from here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.datasets import Dataset
from mlpviz.engine import Architecture
from mlpviz.i18n import msg, msg_n
from mlpviz.io import CsvTable

from .fit import dataset_from_table, fit_targets, network_for_data

MOST_SHOWN = 10  # class names listed at most


@dataclass(frozen=True)
class OpenPlan:
    """``dataset`` trained on with the network ``arch`` (kept or rebuilt for it); ``note`` says why (or "")."""

    dataset: Dataset
    arch: Architecture
    note: str = ""


def plan_open(arch: Architecture, table: CsvTable) -> OpenPlan:
    """What opening ``table`` in a window whose network is ``arch`` does; DataError (the trainer's own
    ``check_targets``, with its fix) when its targets cannot train the network it would get."""
    dataset, fitted, note = network_for_data(arch, dataset_from_table(table))
    fit_targets(dataset, fitted)
    fit_targets(dataset, fitted, test=True)
    return OpenPlan(dataset, fitted, note)


def classes_said(table: CsvTable, arch: Architecture | None = None) -> str:
    """The file's classes as it holds them ("3 classes (0, 1, 5)"), and, when its class numbers skip some, what the
    network ``arch`` (None: one built for the file) gets: "numbered up to 5: 6 outputs, 3 of them never a target".
    "" for targets that are not classes."""
    if table.labels is None:
        return ""
    seen = np.unique(table.labels)
    names = [table.class_names[int(k)] for k in seen[:MOST_SHOWN]]
    shown = ", ".join(names) + (", …" if len(seen) > MOST_SHOWN else "")
    text = str(msg_n("{n} class ({names})", "{n} classes ({names})", len(seen), names=shown))
    absent = [name for k, name in enumerate(table.class_names) if k not in seen] if table.has_text_classes else []
    if absent:  # titanic_text.csv's rows are all "yes": its yes/no target is read as two classes, "no" in none
        text += str(msg("; never a target: {names}", names=", ".join(absent[:MOST_SHOWN])))
    if arch is None:
        outputs = table.n_classes if table.n_classes > 2 else 0
    else:
        outputs = arch.sizes[-1] if arch.output_activation == "softmax" else 0
    if outputs > len(seen) and not table.has_text_classes:
        text += str(msg("; numbered up to {high}: {outputs} outputs, {absent} of them never a target",
                        high=int(seen[-1]), outputs=outputs, absent=outputs - len(seen)))
    return text
