"""Check a learner's backprop: :func:`check_file` runs their file apart, :func:`check` a live network in a notebook.

Both take the same step with the engine (``train_step``) from the same parameters and batch,
and compare (:mod:`mlpviz.check.compare`).
"""

from __future__ import annotations

import numpy as np

from mlpviz.engine import Architecture, Params, init_params, train_step
from mlpviz.engine.losses import NATURAL_LOSS
from mlpviz.i18n import msg

from .compare import compare_steps
from .conventions import FLOAT32_TOLERANCE, NAMES
from .mistakes import MISTAKES
from .report import AGREES, COULD_NOT_RUN, DIFFERS, Report
from .sandbox import DEFAULT_TIMEOUT, CouldNotRun, run_file
from .styles import STYLE_TITLES, StyleError, learner_for_object, sizes_of

DEFAULT_TOLERANCE = 1e-6
LABEL_FORM_CONVENTIONS = {"index": "labels_index", "flat": "labels_flat", "column": None}


def label_forms(arch: Architecture, targets: np.ndarray) -> dict[str, np.ndarray]:
    """The targets in each form a learner may expect, the likeliest first: class indices, a vector, ``(B, k)``."""
    y = np.asarray(targets, dtype=np.float64)
    k = y.shape[1]
    forms: dict[str, np.ndarray] = {}
    one_hot = bool(np.all((y == 0) | (y == 1)) and np.all(y.sum(axis=1) == 1))
    if arch.loss in ("bce", "ce") and k > 1 and one_hot:
        forms["index"] = y.argmax(axis=1)
    elif arch.loss in ("bce", "ce") and k == 1 and np.all((y == 0) | (y == 1)):
        forms["index"] = y[:, 0].astype(np.int64)
    forms["column"] = y.copy()
    if k == 1 and "index" not in forms:
        forms["flat"] = y[:, 0].copy()
    return forms


def _trajectory(arch, params, x, y, lr, steps):
    records = []
    for _ in range(steps):
        records.append(train_step(arch, params, x, y, lr))
        params = records[-1].params_after
    return records


def _heading(arch, style, n, lr, steps, source) -> str:
    title = str(STYLE_TITLES.get(style, style))
    net = f"{arch.label()} {arch.hidden_activation}/{arch.output_activation}/{arch.loss}"
    said = (msg("{net}, a batch of {n} sample(s) on {source}, η = {lr:g}, {steps} step(s)", source=source) if source
            else msg("{net}, a batch of {n} sample(s), η = {lr:g}, {steps} step(s)"))
    said = said.format(net=net, n=n, lr=lr, steps=steps)
    return str(msg("{style}; {network}", style=title, network=said)) if title else said


def _report(arch, records, runs: dict, run_conventions: dict, tolerance, heading, notes=()) -> Report:
    """The best of the label forms' comparisons (agrees, else the most rows agreeing)."""
    best = None
    for form, steps in runs.items():
        if not steps or not steps[0]:
            continue
        seen = set(run_conventions.get(form, ()))
        tol = max(tolerance, FLOAT32_TOLERANCE) if "float32" in seen else tolerance
        rows, mistakes, conv = compare_steps(records[: len(steps)], steps, tol)
        agrees = all(r.status == AGREES for r in rows)
        unexplained = sum(r.status == DIFFERS and r.diagnosis is None for r in rows)
        score = (agrees, -unexplained, sum(r.status != DIFFERS for r in rows))
        if best is None or score > best[0]:
            names = [str(NAMES[c]) for c in ("layout", "per_sample", "own_update", "float32") if c in seen]
            if LABEL_FORM_CONVENTIONS[form]:
                names.append(str(NAMES[LABEL_FORM_CONVENTIONS[form]]))
            # summed gradients are a convention only when the learning rate is divided by B; not when that is the mistake
            summed_mistake = str(NAMES["summed"]) if "not_averaged" in mistakes else None
            best = (score, rows, mistakes, names + [c for c in conv.names() if c != summed_mistake])
    if best is None:
        return Report(COULD_NOT_RUN, heading=heading, error=str(msg(
            "your code exposed none of the quantities mlpviz compares (z, a, the loss, δ, the gradients or the "
            "parameters after the update)")))
    (agrees, _, _), rows, mistakes, conventions = best
    return Report(AGREES if agrees else DIFFERS, tuple(rows), tuple((m, str(MISTAKES[m])) for m in mistakes),
                  tuple(conventions), heading, notes=tuple(notes))


def check_file(path, arch: Architecture, x, targets, lr: float = 0.1, steps: int = 1,
               tolerance: float = DEFAULT_TOLERANCE, timeout: float = DEFAULT_TIMEOUT,
               params: Params | None = None, source: str = "") -> Report:
    """Run the learner's file (``.py``, ``.ipynb`` or notebook text) in its own process and compare its step(s)."""
    params = params if params is not None else init_params(arch, seed=0)
    x = np.asarray(x, dtype=np.float64)
    records = _trajectory(arch, params, x, targets, lr, steps)
    forms = label_forms(arch, records[0].targets)
    heading = _heading(arch, "", x.shape[0], lr, steps, source)
    try:
        child = run_file(path, params.weights, params.biases, x, forms, arch.sizes, lr, steps, timeout)
    except CouldNotRun as exc:
        return Report(COULD_NOT_RUN, heading=heading, error=str(exc))
    heading = _heading(arch, child.style, x.shape[0], lr, steps, source)
    errors = [f["error"] for f in child.forms.values() if f.get("error")]
    runs = {form: child.arrays.get(form, []) for form, f in child.forms.items() if not f.get("error")}
    if not runs:
        return Report(COULD_NOT_RUN, heading=heading, error=errors[0] if errors else "no label form could be given")
    notes = [f"your code stopped in a cell: {child.cell_error.splitlines()[-1]}; checked what was defined before it"] \
        if child.cell_error else []
    conventions = {form: f.get("conventions", ()) for form, f in child.forms.items()}
    return _report(arch, records, runs, conventions, tolerance, heading, notes)


def check(learner, x, y, *, hidden: str = "relu", output: str = "sigmoid", loss: str | None = None,
          sizes=None, lr: float = 0.1, steps: int = 1, tolerance: float = DEFAULT_TOLERANCE, seed: int = 0) -> Report:
    """Check a network or ``step`` function in this notebook against mlpviz on the batch ``x``, ``y``.

    ``learner`` is copied, never changed. ``y`` may be class indices or ``(B, k)`` targets.
    ``sizes`` is needed for a ``step`` function (a network's weights tell it). Runs in this
    process (use ``mlpviz check FILE`` to run code apart with a time limit).
    """
    x = np.asarray(x, dtype=np.float64)
    sizes = tuple(sizes) if sizes is not None else sizes_of(learner, x.shape[1] if x.ndim == 2 else None)
    if sizes is None:
        raise ValueError(msg("give the layer sizes, e.g. check(step, x, y, sizes=(2, 3, 1))"))
    arch = Architecture(tuple(sizes), hidden, output, loss or NATURAL_LOSS[output])
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y)
    if y.ndim == 1 and arch.sizes[-1] > 1:
        y = np.eye(arch.sizes[-1])[y.astype(int)]
    y = y.reshape(x.shape[0], -1).astype(np.float64)
    params = init_params(arch, seed=seed)
    records = _trajectory(arch, params, x, y, lr, steps)
    forms = label_forms(arch, records[0].targets)
    runs, conventions, errors = {}, {}, []
    try:
        adapter = learner_for_object(learner, arch.sizes)
    except StyleError as exc:
        return Report(COULD_NOT_RUN, error=str(exc))
    heading = _heading(arch, adapter.style, x.shape[0], lr, steps, "")
    for form, targets in forms.items():
        if form not in adapter.label_forms:
            continue
        try:
            run = adapter.run(params.weights, params.biases, x, targets, lr, steps)
        except Exception as exc:  # the learner's code failed: reported, not raised
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        runs[form], conventions[form] = run.steps, run.conventions
    if not runs:
        return Report(COULD_NOT_RUN, heading=heading, error=errors[0] if errors else "nothing to run")
    return _report(arch, records, runs, conventions, tolerance, heading)
