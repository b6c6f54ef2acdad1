"""``mlpviz bench startup``: seconds to the first painted window, and the CPU seconds until then."""

from __future__ import annotations

import os
import re
import subprocess
import sys


def test_bench_startup_prints_the_wall_and_cpu_medians():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-m", "mlpviz", "bench", "startup", "--repeat", "1"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    found = re.search(r"first painted window: median ([0-9.]+) s over 1 launches .*goal ≤ 0\.7 s\); "
                      r"CPU until then: median ([0-9.]+) s", out.stdout)
    assert found, out.stdout
    wall, cpu = map(float, found.groups())
    assert 0 < cpu and 0 < wall  # the CPU time is the launched process's own, counted from its start
