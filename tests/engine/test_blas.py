"""BLAS runs on one thread for mlpviz's small matrices, in a user's own script too."""

from __future__ import annotations


def test_a_script_importing_the_engine_runs_blas_on_one_thread():
    """Without an environment variable, threadpoolctl limits BLAS at import (as the app does)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    code = ("import mlpviz.engine\nfrom threadpoolctl import threadpool_info\n"
            "print(max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
