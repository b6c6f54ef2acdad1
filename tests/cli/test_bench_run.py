"""``mlpviz bench run``: Run in the full window beside the bare engine, as a user would call it."""

from __future__ import annotations

import os
import subprocess
import sys


def test_bench_run_prints_every_figure_of_both_cases():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-m", "mlpviz", "bench", "run", "--seconds", "0.4", "--repeat", "1",
                          "--size", "1024x700", "--long", "0.5", "--thread"], capture_output=True, text=True, env=env,
                         timeout=240)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    for case in ("2-8-8-1 XOR", "784-128-64-10 b64"):
        for mode in ("worker", "GUI thread"):
            row = next(line for line in lines if line.startswith(case) and f" {mode} " in line)
            numbers = row.split(f" {mode} ")[1].split()
            assert float(numbers[0].replace(",", "")) > 0 and float(numbers[1].replace(",", "")) > 0  # both sides ran
            assert numbers[-1].endswith("ms")  # how long Pause took
            marks = [word for word in numbers if word in ("met", "missed")]
            assert len(marks) == 3, row  # the ratio, pictures/s and gap p99 against their goals
            assert numbers[numbers.index("≥") + 2] in ("met", "missed"), row  # the ratio's, after its goal
    assert "pictures/s" in out.stdout and "gap p99" in out.stdout and "Pause" in out.stdout
    assert "long XOR Run:" in out.stdout and "RSS" in out.stdout
    assert "pictures/s ≥ 25" in out.stdout  # the goals the marks are of
    assert "gap p99 ≤ 20 ms (2-8-8-1 XOR), ≤ 25 ms (784-128-64-10 b64)" in out.stdout
    for case, goal in (("2-8-8-1 XOR", "≥ 0.8"), ("784-128-64-10 b64", "≥ 0.6")):
        assert all(goal in line for line in lines if line.startswith(case))
    assert "propagateSizeHints" not in out.stderr  # the offscreen platform's noise, filtered by the bench


def test_bench_run_refuses_a_bad_size(capsys):
    from mlpviz.cli.main import main

    assert main(["bench", "run", "--size", "big"]) == 2
    assert "--size must look like 1600x1000" in capsys.readouterr().err
