"""The app launched through its real entry point with each kind of broken session and settings file.

Each launch runs ``python -m mlpviz`` offscreen with its own HOME and XDG folders and
``MLPVIZ_QUIT_WHEN_READY`` (paint once, print a line, close), two at a time. The window
must come up within seconds and a bad session be set aside whole. (The other wrong
settings types are covered without a launch in tests/app/test_session_store.py.)
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mlpviz.app.session import Session
from mlpviz.app.session_store import SessionStore
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.settings import TrainingConfig
from mlpviz.ui.app import QUIT_WHEN_READY_VAR

READY_LINE = "mlpviz: window up"
READY_SECONDS = 12  # CPU seconds; one launch measured 2.4-2.7 s to the first paint (offscreen, two busy cores)
AT_ONCE = 2


def _config_text(doc: dict, key: str, raw: str) -> str:
    text = json.dumps(doc, indent=2)
    return text.replace(f'"{key}": {json.dumps(doc["config"][key])}', f'"{key}": {raw}', 1)


def _rewrite_npz(path: Path, **changes) -> None:
    with np.load(path) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays.update(changes)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    path.write_bytes(buf.getvalue())


def _many_entries(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(5000):
            zf.writestr(f"d{i}/", b"")


SESSION_BREAKAGES = {
    "400-digit learning rate": lambda f, d: (f / "session.json").write_text(_config_text(d, "learning_rate", "9" * 400)),
    "batch size 2.5": lambda f, d: (f / "session.json").write_text(_config_text(d, "batch_size", "2.5")),
    "unreadable json": lambda f, d: (f / "session.json").write_bytes(b"\x00\xff not json"),
    "truncated network": lambda f, d: (f / d["snapshot"]).write_bytes((f / d["snapshot"]).read_bytes()[:300]),
    "labels out of range": lambda f, d: _rewrite_npz(f / d["data"], labels_train=np.full(48, 9)),
    "absurd class count": lambda f, d: _rewrite_npz(f / d["data"], n_classes=np.array(10**18)),
    "data with 5000 zip entries": lambda f, d: _many_entries(f / d["data"]),
}
BROKEN_SETTINGS = (
    "[window]\ngeometry=abc\nstate=abc\n"
    "[history]\nbudget_mb=99999999999999999999\n[snapshots]\nauto_every=x\nrecent=1, 2\n"
)


def _home(tmp_path: Path, name: str) -> tuple[dict, Path]:
    home = tmp_path / name.replace(" ", "-")
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", QUIT_WHEN_READY_VAR: "1"}
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env["XDG_RUNTIME_DIR"] = str(home / "runtime")
    (home / "runtime").mkdir(parents=True, mode=0o700)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env, Path(env["XDG_DATA_HOME"]) / "mlpviz" / "mlpviz" / "session"


def _saved_session(folder: Path) -> dict:
    s = Session()
    s.set_animate(False)
    s.set_data(make_dataset("blobs", n_samples=60, seed=4), Architecture((2, 5, 3), "tanh", "softmax", "ce"))
    s.set_config(TrainingConfig(seed=9, learning_rate=0.3, batch_size=8))
    for _ in range(3):
        s.step()
    SessionStore(folder).save(s)
    return json.loads((folder / "session.json").read_text())


def _launch_all(launches: dict[str, dict]) -> dict[str, tuple[float, subprocess.CompletedProcess]]:
    """Run ``python -m mlpviz`` once per environment, AT_ONCE at a time; (CPU seconds, result) by name."""
    names, results = list(launches), {}
    for i in range(0, len(names), AT_ONCE):
        started = {}
        for name in names[i:i + AT_ONCE]:
            out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
            started[name] = (subprocess.Popen([sys.executable, "-m", "mlpviz"], env=launches[name],
                                              stdout=out, stderr=err, text=True), out, err)
        for name, (proc, out, err) in started.items():
            seconds = _cpu_seconds(proc)
            out.seek(0), err.seek(0)
            results[name] = (seconds, subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read()))
            out.close(), err.close()
    return results


def _cpu_seconds(proc: subprocess.Popen, timeout: float = 120) -> float:
    """Wait for ``proc`` (reaped here) and return the processor time it used: the launch's own cost, which a
    busy machine does not stretch as it stretches the wall time (14 s under load, 2.5 s on a quiet one)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_utime + usage.ru_stime
        if time.monotonic() > deadline:
            proc.kill()
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.02)


def _our_stderr(run) -> list[str]:
    """stderr without the offscreen platform's own notices."""
    return [line for line in run.stderr.splitlines() if "propagateSizeHints" not in line]


def _assert_up(name, seconds, run):
    assert run.returncode == 0 and READY_LINE in run.stdout, f"{name}: {run.stderr[-1500:]}"
    assert not any("Traceback" in line or "Error" in line for line in _our_stderr(run)), f"{name}: {run.stderr[-1500:]}"
    assert seconds < READY_SECONDS, f"{name}: {seconds:.1f} s of processor time"


def test_every_kind_of_broken_session_starts_the_app_and_is_set_aside_whole(qtbot, tmp_path):
    launches, docs = {}, {}
    for name, breakage in SESSION_BREAKAGES.items():
        env, folder = _home(tmp_path, name)
        docs[name] = _saved_session(folder)
        breakage(folder, docs[name])
        launches[name] = env
    for name, results in _launch_all(launches).items():
        seconds, run = results
        _assert_up(name, seconds, run)
        folder = Path(launches[name]["XDG_DATA_HOME"]) / "mlpviz" / "mlpviz" / "session"
        aside = sorted(p.name for p in folder.glob("*.bad-*"))
        suffixes = {n[n.index(".bad-"):] for n in aside}
        expected = {"session.json", docs[name]["snapshot"], docs[name]["data"], docs[name]["loss"], docs[name]["timeline"]}
        assert len(suffixes) == 1 and {n[:n.index(".bad-")] for n in aside} == expected, (name, aside)
        fresh = json.loads((folder / "session.json").read_text())  # the default session, saved at quit
        assert fresh["step"] == 0 and (folder / fresh["snapshot"]).exists()


def test_broken_settings_and_an_unusable_session_folder_still_start_the_app(qtbot, tmp_path):
    env, _folder = _home(tmp_path, "broken settings")
    config = Path(env["XDG_CONFIG_HOME"]) / "mlpviz"
    config.mkdir(parents=True)
    (config / "mlpviz.conf").write_text(BROKEN_SETTINGS)
    launches = {"broken settings": env}
    env, folder = _home(tmp_path, "session folder is a file")
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the session folder should be")
    launches["session folder is a file"] = env
    results = _launch_all(launches)
    for name, (seconds, run) in results.items():
        _assert_up(name, seconds, run)
    run = results["session folder is a file"][1]
    assert folder.read_text() == "a file where the session folder should be"
    assert len(_our_stderr(run)) <= 1 and "SystemError" not in run.stderr


@pytest.mark.parametrize("second", [False, True], ids=["alone", "beside-another"])
def test_a_second_instance_is_told_it_shares_the_session(qtbot, tmp_path, second):
    from mlpviz.ui.main_window import MainWindow
    from PySide6.QtCore import QSettings

    folder = tmp_path / "session"
    first = SessionStore(folder)
    if second:
        assert first.claim()
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    message = window.enable_session_persistence(SessionStore(folder))
    assert ("shares the saved session" in message) == second
    first.release()
