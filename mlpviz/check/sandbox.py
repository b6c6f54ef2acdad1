"""Runs the learner's file in a separate process with a time and a memory limit, and reads back what it exposed.

The app's and the terminal's process never runs the learner's code: a crash, a hang or a
memory-hungry loop ends the child, and the report says which (:class:`CouldNotRun`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DEFAULT_TIMEOUT = 10.0  # seconds
MEMORY_LIMIT = 1 << 30  # bytes the learner's process may add to what it uses once it has started


class CouldNotRun(Exception):
    """The learner's code could not be run to the end; the message says why and what to do."""


@dataclass
class ChildResult:
    """What the learner's process sent back: its style, per label form the steps' quantities or an error."""

    style: str
    forms: dict = field(default_factory=dict)  # form -> {"error", "steps", "conventions"}
    arrays: dict = field(default_factory=dict)  # form -> list (per step) of {(q, l): array}
    cell_error: str | None = None
    printed: str = ""


def _environment() -> dict:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update({"MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1",
                "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONIOENCODING": "utf-8"})
    env.pop("QT_QPA_PLATFORM", None)
    return env


def run_file(path, weights, biases, x, label_forms: dict, sizes, lr: float, steps: int,
             timeout: float = DEFAULT_TIMEOUT, memory: int = MEMORY_LIMIT) -> ChildResult:
    """Run the learner's file on ``x`` with each of ``label_forms`` (name -> targets); raises CouldNotRun."""
    path = Path(path).resolve()
    if not path.is_file():
        raise CouldNotRun(f"{path} is not a file; give the .py, .ipynb or notebook text file with your network")
    with tempfile.TemporaryDirectory(prefix="mlpviz-check-") as tmp:
        folder = Path(tmp)
        arrays = {"x": x, **{f"y_{k}": v for k, v in label_forms.items()}}
        arrays.update({f"W{l}": w for l, w in enumerate(weights, start=1)})
        arrays.update({f"b{l}": b for l, b in enumerate(biases, start=1)})
        np.savez(folder / "request.npz", **arrays)
        request = {"path": str(path), "sizes": list(sizes), "lr": float(lr), "steps": int(steps),
                   "forms": list(label_forms), "memory": int(memory)}
        (folder / "request.json").write_text(json.dumps(request), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "mlpviz.check.child", str(folder)], cwd=str(path.parent),
                                env=_environment(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise CouldNotRun(f"your code did not finish within {timeout:g} s and was stopped (a loop that never "
                              "ends, or training that runs when the file is loaded: put it under "
                              "if __name__ == '__main__':); allow longer with --timeout") from None
        return _read_result(folder, proc.returncode, err.decode("utf-8", "replace"))


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.communicate()


def _read_result(folder: Path, code: int, stderr: str) -> ChildResult:
    result_file = folder / "result.json"
    if not result_file.is_file():
        last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        if any(sign in stderr for sign in ("MemoryError", "Cannot allocate memory", "Memory allocation still failed")):
            raise CouldNotRun(f"your code ran out of its memory limit ({MEMORY_LIMIT >> 20} MiB more than at start)")
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            raise CouldNotRun(f"your code's process crashed (killed by {name}){': ' + last if last else ''}")
        raise CouldNotRun(f"your code's process ended (exit status {code}) before it took a step"
                          f"{': ' + last if last else ''}")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    if result["error"]:
        prefix = (f"{result['cell_error']}\nfix this error first (mlpviz ran your code up to it): "
                  if result.get("cell_error") else "")
        raise CouldNotRun(prefix + result["error"])
    child = ChildResult(result["style"], result["forms"], cell_error=result.get("cell_error"),
                        printed=result.get("printed", ""))
    with np.load(folder / "result.npz", allow_pickle=False) as data:
        for key in data.files:
            form, step, q, layer = key.split("|")
            steps = child.arrays.setdefault(form, [])
            while len(steps) <= int(step):
                steps.append({})
            steps[int(step)][(q, int(layer) if layer else None)] = data[key]
    return child
