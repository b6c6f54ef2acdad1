"""The learner's process: ``python -m mlpviz.check.child DIR`` runs their file and takes the steps.

The parent (:mod:`mlpviz.check.sandbox`) writes ``DIR/request.json`` and ``DIR/request.npz``;
this process limits its own memory, runs the learner's cells, finds their network and
writes ``DIR/result.json`` and ``DIR/result.npz`` (plain arrays and JSON, nothing pickled).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
import types
from pathlib import Path

MODULE = "learner"


class _NothingRan(Exception):
    """The file's first cell does not compile, so none of the learner's code ran; the message is the whole report."""


def limit_memory(extra_bytes: int) -> None:
    """Cap the address space at what is in use now plus ``extra_bytes`` (Linux and macOS; a no-op elsewhere)."""
    try:
        import os
        import resource

        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    limit = used + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def learner_traceback(exc: BaseException, path: str) -> str:
    """The exception with only the frames in the learner's code: their file and line, not mlpviz's."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(path)]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(exc), exc)
    return "".join(lines).rstrip()


def main(folder: str) -> int:
    import numpy as np

    from mlpviz.i18n import msg

    from .source import read_cells
    from .styles import StyleError, find_learner

    folder = Path(folder)
    request = json.loads((folder / "request.json").read_text(encoding="utf-8"))
    arrays = dict(np.load(folder / "request.npz", allow_pickle=False))
    limit_memory(int(request["memory"]))
    path = request["path"]
    result = {"style": None, "error": None, "cell_error": None, "forms": {}, "printed": ""}
    out_arrays = {}
    printed = io.StringIO()
    module = types.ModuleType(MODULE)
    module.__file__ = path
    sys.modules[MODULE] = module
    sizes = tuple(request["sizes"])
    try:
        with contextlib.redirect_stdout(printed):
            for index, cell in enumerate(read_cells(path)):
                try:
                    code = compile(cell.code, cell.name, "exec")
                except SyntaxError as exc:
                    if index == 0:  # nothing ran: the syntax error alone, no search for a network that never ran
                        raise _NothingRan(learner_traceback(exc, path) + "\n" + msg(
                            "fix this syntax error first: none of your code ran")) from None
                    result["cell_error"] = learner_traceback(exc, path)
                    break
                try:
                    exec(code, module.__dict__)
                except Exception as exc:  # the learner's own code failed while loading
                    result["cell_error"] = learner_traceback(exc, path)
                    break
            L = len(sizes) - 1
            weights = [arrays[f"W{l}"] for l in range(1, L + 1)]
            biases = [arrays[f"b{l}"] for l in range(1, L + 1)]
            learner = find_learner(module.__dict__, MODULE, sizes)
            result["style"] = learner.style
            for form in request["forms"]:
                if form not in learner.label_forms:
                    continue
                try:
                    run = learner.run(weights, biases, arrays["x"], arrays[f"y_{form}"], request["lr"], request["steps"])
                except (Exception, StyleError) as exc:
                    result["forms"][form] = {"error": learner_traceback(exc, path), "steps": 0}
                    continue
                result["forms"][form] = {"error": None, "steps": len(run.steps), "conventions": sorted(run.conventions)}
                for s, step in enumerate(run.steps):
                    for (q, l), value in step.items():
                        out_arrays[f"{form}|{s}|{q}|{'' if l is None else l}"] = value
    except (StyleError, _NothingRan) as exc:
        result["error"] = str(exc)
    except Exception as exc:
        result["error"] = learner_traceback(exc, path)
    result["printed"] = printed.getvalue()[-2000:]
    np.savez(folder / "result.npz", **out_arrays)
    (folder / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
