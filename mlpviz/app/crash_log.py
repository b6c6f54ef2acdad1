"""What mlpviz keeps when something unexpected goes wrong: a size-capped log and a recovery snapshot.

Qt-free, so it can be tested without a GUI: the crash handler (mlpviz/ui/crash_handler.py)
chooses the folders and calls these. Nothing here may raise on a full disk or a read-only
folder without saying so: every failure becomes an OSError/MlpvizError the caller reports.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from pathlib import Path

LOG_NAME = "mlpviz.log"
FATAL_LOG_NAME = "fatal.log"  # where faulthandler writes if the interpreter itself crashes
MAX_LOG_BYTES = 1_000_000  # the log is rotated to mlpviz.log.1, .2 beyond this
LOG_BACKUPS = 2
MAX_ENTRY_CHARS = 20_000  # one traceback longer than this keeps its head and tail
RECOVERY_PREFIX = "recovery-"
RECOVERY_KEEP = 5  # newest recovery snapshots kept; older ones are removed


def error_summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """One line naming the error: ``'ZeroDivisionError: division by zero'``."""
    text = str(exc) if exc is not None else ""
    name = getattr(exc_type, "__qualname__", str(exc_type))
    return f"{name}: {text}" if text else name


def error_details(exc_type, exc, tb, extra: str = "") -> str:
    """The full report: when, versions, then the traceback (what "Copy details" copies)."""
    from mlpviz import __version__

    lines = [
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S')}",
        f"mlpviz {__version__}, Python {platform.python_version()}, {platform.platform()}",
    ]
    if extra:
        lines.append(extra)
    trace = "".join(traceback.format_exception(exc_type, exc, tb))
    return "\n".join(lines) + "\n" + trace


def error_signature(exc_type, tb) -> tuple:
    """Type and innermost source line of an error: equal for the same fault raised again."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = (frames[-1].filename, frames[-1].lineno) if frames else ("", 0)
    return (getattr(exc_type, "__qualname__", str(exc_type)),) + where


def append_to_log(path, text: str, max_bytes: int = MAX_LOG_BYTES, backups: int = LOG_BACKUPS) -> Path:
    """Append one entry to the log at ``path``, rotating first so it stays under ``max_bytes``.

    Rotation renames ``mlpviz.log`` to ``mlpviz.log.1`` (and ``.1`` to ``.2`` ...), so the
    log folder never holds more than ``(backups + 1) * max_bytes``. Raises OSError.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if len(text) > MAX_ENTRY_CHARS:
        half = MAX_ENTRY_CHARS // 2
        text = text[:half] + f"\n[... {len(text) - 2 * half} characters left out ...]\n" + text[-half:]
    entry = ("=" * 72) + "\n" + text.rstrip("\n") + "\n"
    data = entry.encode("utf-8", errors="replace")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size and size + len(data) > max_bytes:
        _rotate(path, backups)
    with open(path, "ab") as f:
        f.write(data)
    return path


def _rotate(path: Path, backups: int) -> None:
    if backups < 1:
        path.unlink(missing_ok=True)
        return
    for i in range(backups - 1, 0, -1):
        older = path.with_name(f"{path.name}.{i}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{i + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


def save_recovery_snapshot(folder, snap, keep: int = RECOVERY_KEEP) -> Path:
    """Save the Snapshot ``snap`` as ``folder/recovery-<time>-step<step>.npz`` (atomically); return the path.

    Uses the snapshot format, so File ▸ Open loads it like any snapshot. Only the newest
    ``keep`` recovery files are kept, so a crash loop cannot fill the disk.
    Raises OSError or MlpvizError.
    """
    import dataclasses

    from mlpviz.io.snapshot import save_snapshot

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{RECOVERY_PREFIX}{stamp}-step{snap.step}.npz"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{RECOVERY_PREFIX}{stamp}-step{snap.step}-{n}.npz"
    save_snapshot(path, dataclasses.replace(snap, extra={**snap.extra, "recovery": True}))
    _prune(folder, keep, path)
    return path


def _prune(folder: Path, keep: int, newest: Path) -> None:
    files = sorted(folder.glob(f"{RECOVERY_PREFIX}*.npz"), key=lambda p: p.stat().st_mtime)
    for old in files[: max(0, len(files) - keep)]:
        if old != newest:
            try:
                old.unlink()
            except OSError:
                pass


def enable_fatal_log(path):
    """Have ``faulthandler`` write the Python stacks to ``path`` if the process crashes hard
    (segfault, abort: nothing Python can catch). Returns the open file (keep it open and
    pass it to ``disable_fatal_log``), or None when faulthandler was already enabled
    elsewhere (pytest, ``python -X faulthandler``) or the file cannot be opened.
    """
    import faulthandler

    if faulthandler.is_enabled():
        return None
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            _rotate(path, 1)
        f = open(path, "a", encoding="utf-8")
        f.write(f"--- mlpviz started {time.strftime('%Y-%m-%d %H:%M:%S')} (pid {os.getpid()}); "
                f"a stack below this line means it crashed ---\n")
        f.flush()
        faulthandler.enable(file=f, all_threads=True)
    except (OSError, ValueError):
        return None
    return f


def disable_fatal_log(f) -> None:
    import faulthandler

    if f is not None:
        faulthandler.disable()
        f.close()


def print_to_stderr(details: str) -> None:
    """Last resort when nothing else works: the terminal (if any) gets the report."""
    stream = sys.__stderr__ or sys.stderr
    if stream is None:
        return
    try:
        stream.write(details if details.endswith("\n") else details + "\n")
        stream.flush()
    except Exception:  # noqa: BLE001 - nowhere left to report to
        pass
