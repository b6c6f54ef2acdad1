"""Two builds of mlpviz measured side by side in one run: this checkout and another (``--against DIR``).

The machine the benches run on is shared and noisy: figures taken minutes apart differ by more than
the changes between builds. So ``bench run``, ``bench picture`` and ``bench startup`` take
``--against DIR`` (a checkout of another commit, e.g. ``git worktree add /tmp/old-build b9ca55a``)
and alternate the two builds round by round (A B, then B A, ...) in fresh processes, each importing
its own ``mlpviz`` from its own folder; every table then has a row per build, medians of the rounds.
A build is measured by its own bench code (``measure`` of the same module), so an older build is
timed the way it timed itself; only the alternation and the medians are done here.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mlpviz.i18n import msg, text

_MARK = "@@mlpviz-bench-result@@ "
_DRIVER = r"""
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
value = getattr(module, sys.argv[2])
if sys.argv[4] != "-":  # a first call, its result dropped: imports, caches and the fork server warm
    value(**json.loads(sys.argv[4]))
if sys.argv[3] != "-":
    value = value(**json.loads(sys.argv[3]))
print("@@mlpviz-bench-result@@ " + json.dumps(value), flush=True)
"""


@dataclass(frozen=True)
class Build:
    """A checkout of mlpviz to measure: its folder (the one holding ``mlpviz/``) and a short name."""

    root: Path
    name: str

    @property
    def env(self) -> dict[str, str]:
        """The environment a process of this build runs in: its folder first on ``sys.path``."""
        rest = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        rest = [p for p in rest if Path(p).resolve() not in (self.root, this_build().root)]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(self.root), *rest]))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return env


def add_against_argument(parser) -> None:
    parser.add_argument("--against", metavar="DIR", default=None,
                        help=text(msg("another checkout of mlpviz (e.g. a git worktree of an older commit), measured "
                             "alternately with this one in the same run; a row for each build")))


def _commit_name(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return root.name
    if out.returncode != 0:
        return root.name
    return out.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def this_build() -> Build:
    import mlpviz

    root = Path(mlpviz.__file__).resolve().parent.parent
    return Build(root, _commit_name(root))


def other_build(folder: str) -> Build:
    """The checkout at ``folder`` (it must hold ``mlpviz/``)."""
    from mlpviz.engine import MlpvizError

    root = Path(folder).expanduser().resolve()
    if not (root / "mlpviz" / "__init__.py").is_file():
        raise MlpvizError(f"--against {folder}: no mlpviz checkout there (no mlpviz/__init__.py)")
    return Build(root, _commit_name(root))


def both_builds(folder: str) -> tuple[Build, Build]:
    """(the other build, this one): the older one first in the tables, as it usually is."""
    other, this = other_build(folder), this_build()
    if other.name == this.name:
        other = Build(other.root, f"{other.name} ({other.root.name})")
    return other, this


def call_in(build: Build, module: str, name: str, kwargs: dict | None = None, warm_up: dict | None = None,
            timeout: float = 1800):
    """``module.name(**kwargs)`` (or the value ``module.name`` with no ``kwargs``) run in a fresh process of
    ``build``, after a call with ``warm_up`` if given (as a later round of a bench in one process would be);
    its result, through JSON."""
    args = [sys.executable, "-c", _DRIVER, module, name, "-" if kwargs is None else json.dumps(kwargs),
            "-" if warm_up is None else json.dumps(warm_up)]
    out = subprocess.run(args, env=build.env, cwd=build.root, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in out.stdout.splitlines() if line.startswith(_MARK)]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"{build.name}: {module}.{name} failed (exit {out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(lines[-1][len(_MARK):])


def alternate(builds, rounds: int, measure_one):
    """``{build name: [measure_one(build) for each round]}``, the builds' order reversed every other round."""
    results: dict[str, list] = {b.name: [] for b in builds}
    for i in range(max(1, rounds)):
        for build in (builds if i % 2 == 0 else builds[::-1]):
            results[build.name].append(measure_one(build))
    return results


def median_rows(rounds: list[list[dict]], key: str = "case") -> list[dict]:
    """Rows of several rounds (each a list of dicts with ``key``) joined: per row, the median of each number
    and the range (``NAME_min``, ``NAME_max``); booleans are True if any round's is."""
    joined = []
    for first_round_row in rounds[0]:
        same = [row for one in rounds for row in one if row[key] == first_round_row[key]
                and row.get("mode") == first_round_row.get("mode")]
        row = dict(first_round_row)
        for name, value in first_round_row.items():
            if isinstance(value, bool):
                row[name] = any(r[name] for r in same)
            elif isinstance(value, (int, float)):
                values = [r[name] for r in same]
                row[name] = statistics.median(values)
                row[f"{name}_min"], row[f"{name}_max"] = min(values), max(values)
        row["rounds"] = len(same)
        joined.append(row)
    return joined
