"""One BLAS thread for mlpviz's small matrices, in the app and in a user's own script alike.

On a busy two-core machine a second BLAS thread spinning beside the GUI thread made a
64×784 @ 784×128 product take 2.7 ms on average instead of 0.37 ms, with 40 ms spikes.
The command line sets the environment before numpy loads; a script that imports
``mlpviz.engine`` gets the same limit at run time through threadpoolctl. A thread count
the user chose (``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``) wins.
"""

from __future__ import annotations

import os

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def limit_blas_threads(threads: int = 1) -> bool:
    """Limit BLAS to ``threads`` unless the user set a count; True if a limit was applied."""
    if any(name in os.environ for name in THREAD_VARIABLES):
        return False
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optional nicety: without it BLAS keeps its default
        return False
    threadpool_limits(threads, user_api="blas")
    return True
