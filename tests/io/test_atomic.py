"""Atomic writes: the old file stays whole whatever happens mid-write."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from mlpviz.engine import DataError, SnapshotError

from mlpviz.io import atomic_file, atomic_write_bytes, atomic_write_text
from mlpviz.io import atomic


def test_write_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "f.txt"
    atomic_write_text(target, "one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["f.txt"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_an_exception_mid_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_file(target, "w") as f:
            f.write("partial new content")
            raise RuntimeError("crash")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["f.txt"]


def test_disk_full_becomes_an_error_saying_the_old_file_is_intact(tmp_path, monkeypatch):
    target = tmp_path / "f.npz"
    target.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(SnapshotError, match="No space left.*previous file is intact"):
        atomic_write_bytes(target, b"new" * 1000)
    with pytest.raises(DataError, match="nothing was written"):
        atomic_write_bytes(tmp_path / "new.csv", b"x", DataError)
    assert target.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["f.npz"]


def test_unwritable_folder_is_an_mlpviz_error(tmp_path):
    with pytest.raises(SnapshotError, match="cannot write"):
        atomic_write_text(tmp_path / "missing" / "f.json", "x")
    with pytest.raises(ValueError):
        with atomic_file(tmp_path / "f", "a"):
            pass


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "f.json"
    target.write_text("old and whole")
    code = (
        "import os, signal, sys\n"
        "from mlpviz.io.atomic import atomic_file\n"
        "with atomic_file(sys.argv[1], 'w') as f:\n"
        "    f.write('half of the new'); f.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-c", code, str(target)], env=env, timeout=60)
    assert proc.returncode != 0
    assert target.read_text() == "old and whole"
