"""Atomic file writes: write a temporary file beside the target, fsync it, rename it over.

A crash, an exception or a full disk mid-write leaves the previous file whole; the
temporary file is removed and the failure becomes an MlpvizError saying so.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import tempfile
from pathlib import Path
from typing import IO, Iterator

from mlpviz.engine.errors import MlpvizError, SnapshotError
from mlpviz.i18n import msg

TEMPORARY_SUFFIX = ".tmp"  # temporaries are ".<target name>.<random>.tmp", created exclusively (mkstemp)


@contextlib.contextmanager
def atomic_file(path, mode: str = "wb", error: type[MlpvizError] = SnapshotError,
                exclusive: bool = False) -> Iterator[IO]:
    """Yield an open temporary file beside ``path``; on a clean exit it replaces ``path``.

    ``mode`` is ``"wb"`` or ``"w"`` (text, UTF-8, ``\\n`` line ends). If the block
    raises, the temporary file is deleted and ``path`` is untouched; an OSError
    (disk full, permission) is re-raised as ``error`` naming the file. The temporary
    is created exclusively and never through a symlink (mkstemp). ``exclusive``: never
    replace an existing ``path`` (the file is linked into place); FileExistsError if one is there.
    """
    if mode not in ("wb", "w"):
        raise ValueError(msg("atomic_file mode must be 'wb' or 'w', not {mode}", mode=repr(mode)))
    target = Path(path)
    kept = "the previous file is intact" if target.exists() else "nothing was written"
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent or ".")
    except OSError as exc:
        raise error(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        if mode == "w":
            f = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        else:
            f = os.fdopen(fd, "wb")
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _match_permissions(tmp_name, target)
        if exclusive:
            _link_exclusively(tmp_name, target)
        else:
            os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, FileExistsError) and exclusive:
            raise
        if isinstance(exc, OSError):
            raise error(f"{target}: writing failed ({exc.strerror or exc}); {kept}") from exc
        raise
    _fsync_dir(target.parent)


def atomic_write_bytes(path, data: bytes, error: type[MlpvizError] = SnapshotError, exclusive: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (``exclusive``: only if there is no ``path`` yet)."""
    with atomic_file(path, "wb", error, exclusive) as f:
        f.write(data)


def atomic_write_text(path, text: str, error: type[MlpvizError] = SnapshotError) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), error)


def _link_exclusively(tmp_name: str, target: Path) -> None:
    """Put ``tmp_name`` at ``target`` unless ``target`` exists (FileExistsError), atomically.

    A hard link fails if the name is taken; where the file system has no hard links
    (FAT, some network shares) the name is claimed with O_EXCL first, then replaced.
    """
    try:
        os.link(tmp_name, target)
    except FileExistsError:
        raise
    except OSError:
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(target, flags, 0o644))
        os.replace(tmp_name, target)
    else:
        os.unlink(tmp_name)


def _match_permissions(tmp_name: str, target: Path) -> None:
    """mkstemp makes 0600 files; give the new file the old file's mode, or rw-r--r--."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    with contextlib.suppress(OSError):
        os.chmod(tmp_name, mode)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory or ".", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_temporaries(folder, prefixes: tuple[str, ...], older_than: float = 0.0) -> list[Path]:
    """Delete temporary files ``atomic_file`` left in ``folder`` for targets named ``prefixes…``.

    A ``kill -9`` mid-write leaves ``.<target>.<random>.tmp`` behind; call this where no other
    writer can be active (under a lock), or with ``older_than`` seconds so a write in progress
    elsewhere is spared. Only regular files of that naming are touched. Returns what was removed.
    """
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(TEMPORARY_SUFFIX) and name[1:].startswith(prefixes)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed
