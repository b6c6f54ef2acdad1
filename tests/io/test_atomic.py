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


def test_an_exclusive_write_never_replaces_a_file_that_appeared_meanwhile(tmp_path):
    from mlpviz.io.atomic import atomic_write_bytes

    target = tmp_path / "snap.npz"
    atomic_write_bytes(target, b"first", exclusive=True)
    with pytest.raises(FileExistsError):
        atomic_write_bytes(target, b"second", exclusive=True)
    assert target.read_bytes() == b"first" and os.listdir(tmp_path) == ["snap.npz"]


def test_an_exclusive_write_works_without_hard_links(tmp_path, monkeypatch):
    from mlpviz.io.atomic import atomic_write_bytes

    def no_links(*_a):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_write_bytes(tmp_path / "a.npz", b"one", exclusive=True)
    with pytest.raises(FileExistsError):
        atomic_write_bytes(tmp_path / "a.npz", b"two", exclusive=True)
    assert (tmp_path / "a.npz").read_bytes() == b"one" and os.listdir(tmp_path) == ["a.npz"]


def test_temporaries_are_created_exclusively_and_never_through_a_planted_symlink(tmp_path, monkeypatch):
    import tempfile

    from mlpviz.io.atomic import atomic_write_bytes

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    names = iter(["planted", "fresh"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    (tmp_path / ".out.bin.plantedx.tmp").symlink_to(victim)  # never matches: mkstemp's names are its own
    (tmp_path / ".out.bin.planted.tmp").symlink_to(victim)
    atomic_write_bytes(tmp_path / "out.bin", b"data")
    assert victim.read_text() == "precious" and (tmp_path / "out.bin").read_bytes() == b"data"


def test_stale_temporaries_of_our_naming_are_removed_and_nothing_else(tmp_path):
    import time

    from mlpviz.io.atomic import remove_temporaries

    ours = tmp_path / ".mlpviz-2-3-1-step0001.npz.k3j2.tmp"
    ours.write_bytes(b"half")
    fresh = tmp_path / ".mlpviz-2-3-1-step0002.npz.zz.tmp"
    fresh.write_bytes(b"being written")
    old = time.time() - 7200
    os.utime(ours, (old, old))
    theirs = tmp_path / ".bashrc.tmp"
    theirs.write_bytes(b"x")
    os.utime(theirs, (old, old))
    (tmp_path / ".mlpviz-dir.tmp").mkdir()
    assert remove_temporaries(tmp_path, ("mlpviz-",), older_than=3600) == [ours]
    assert fresh.exists() and theirs.exists() and (tmp_path / ".mlpviz-dir.tmp").is_dir()
