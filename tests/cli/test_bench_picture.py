"""``mlpviz bench picture``: GUI-thread milliseconds per full-window picture, as a user would call it."""

from __future__ import annotations

import os
import subprocess
import sys


def test_bench_picture_prints_both_cases():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-m", "mlpviz", "bench", "picture", "--pictures", "3", "--steps", "2",
                          "--size", "1024x700"], capture_output=True, text=True, env=env, timeout=180)
    assert out.returncode == 0, out.stderr
    assert "gap p99" in out.stdout and "busy p99" in out.stdout
    for case in ("2-8-8-1 XOR", "784-128-64-10 b64"):
        row = next(line for line in out.stdout.splitlines() if line.startswith(case))
        update, total = (float(v) for v in row[len(case):].split()[:2])
        assert 0 < update <= total  # the views' updates are part of the picture's whole cost
        assert row.split()[-4] in ("met", "missed"), row  # the median picture against its goal
        assert all(v.endswith("ms") for v in row.split()[-3:]), row  # gap p99, gap max, the GUI thread's busy p99
    assert "propagateSizeHints" not in out.stderr  # the offscreen platform's noise, filtered by the bench


def test_bench_picture_refuses_bad_arguments(capsys):
    from mlpviz.cli.main import main

    assert main(["bench", "picture", "--size", "big"]) == 2
    assert "--size must look like 1600x1000" in capsys.readouterr().err
    assert main(["bench", "picture", "--pictures", "0"]) == 2


def test_the_bench_message_handler_drops_only_the_size_hints_message():
    code = ("from PySide6.QtCore import qWarning\n"
            "from mlpviz.bench.qt_messages import NOISE, quiet_size_hint_messages\n"
            "quiet_size_hint_messages()\n"
            "qWarning(NOISE); qWarning('a message that matters')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_MESSAGE_PATTERN": "%{message}"})
    assert out.returncode == 0, out.stderr
    assert out.stderr == "a message that matters\n"
