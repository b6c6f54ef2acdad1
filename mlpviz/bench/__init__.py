"""Benchmarks behind ``mlpviz bench TARGET``.

Each target is a module here exposing ``TITLE``, ``add_arguments(parser)`` and
``run(args) -> int``; it stays cheap to import (heavy imports inside ``run``). Add a
target by adding its module and one line to ``BENCH_TARGETS``; targets whose module
does not exist yet are simply not offered.
"""

BENCH_TARGETS = {
    "engine": "mlpviz.bench.engine_bench",
    "canvas": "mlpviz.bench.canvas_bench",
    "startup": "mlpviz.bench.startup_bench",
    "run": "mlpviz.bench.run_bench",
    "picture": "mlpviz.bench.picture_bench",
    "landscape": "mlpviz.bench.landscape_bench",
}
