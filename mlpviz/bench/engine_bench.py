"""Training steps per second of the engine, beside a bare numpy step and PyTorch eager (CPU, float64).

Both sides take the same SGD steps on the same nets and batches, timed in turn
(interleaved) within one run; the figure per net is the median over ``--repeat`` rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from mlpviz.i18n import msg, text

from .bare_numpy_step import bare_runner, case_batch

TITLE = msg("training steps/s of the mlpviz engine, and of PyTorch eager on the CPU if it is installed")

# (sizes, batch, hidden, output, loss)
CASES = (
    ((2, 3, 1), 5, "relu", "sigmoid", "bce"),
    ((2, 8, 8, 8, 1), 32, "relu", "sigmoid", "bce"),
    ((64, 32, 16, 10), 64, "relu", "softmax", "ce"),
    ((784, 128, 64, 10), 64, "relu", "softmax", "ce"),
)
LEARNING_RATE = 0.01


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=5,
                        help=text(msg("rounds per net; the median is reported (default 5)")))
    parser.add_argument("--seconds", type=float, default=0.2, help=text(msg("time per measurement (default 0.2)")))
    parser.add_argument("--no-torch", action="store_true", help=text(msg("skip PyTorch even if it is installed")))


def blas_threads() -> int:
    """The thread count numpy's BLAS uses by default (its environment variables, else the CPU count)."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1


def engine_runner(case):
    """``run(k)`` that takes k engine steps, chaining the parameters."""
    from mlpviz.engine import Architecture, init_params, train_step

    sizes, _, hidden, output, loss = case
    arch = Architecture(sizes, hidden, output, loss)
    x, y = case_batch(case)
    state = {"params": init_params(arch, "he", 0)}

    def run(k: int) -> None:
        params = state["params"]
        for _ in range(k):
            params = train_step(arch, params, x, y, LEARNING_RATE).params_after
        state["params"] = params

    return run


def torch_runner(case):
    """The same steps in PyTorch eager: nn.Linear layers, SGD, zero_grad + backward + step."""
    import torch

    sizes, batch, hidden, output, loss = case
    torch.manual_seed(0)
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}[hidden]
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(act())
    model = torch.nn.Sequential(*layers).double()
    x = torch.randn(batch, sizes[0], dtype=torch.float64)
    if loss == "ce":
        y = torch.randint(0, sizes[-1], (batch,))
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        y = torch.randint(0, 2, (batch, sizes[-1])).double()
        loss_fn = torch.nn.BCEWithLogitsLoss()
    opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def run(k: int) -> None:
        for _ in range(k):
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()

    return run


def steps_per_second(run, k: int) -> float:
    start = time.perf_counter()
    run(k)
    return k / (time.perf_counter() - start)


def calibrate(run, seconds: float) -> int:
    """Steps that take about ``seconds``, after a warm-up."""
    run(3)
    k, elapsed = 1, 0.0
    while elapsed < 0.05:
        k *= 2
        start = time.perf_counter()
        run(k)
        elapsed = time.perf_counter() - start
    return max(1, int(k * seconds / elapsed))


def measure(repeat: int, seconds: float, use_torch: bool = True) -> list[dict]:
    """Median steps/s per case for the engine (and torch), measured interleaved."""
    torch_available = False
    if use_torch:
        try:
            import torch

            torch.set_num_threads(blas_threads())
            torch_available = True
        except ImportError:
            pass
    runners = []
    for case in CASES:
        sides = {"mlpviz": engine_runner(case), "bare": bare_runner(case, LEARNING_RATE)}
        if torch_available:
            sides["torch"] = torch_runner(case)
        runners.append((case, sides, {name: calibrate(run, seconds) for name, run in sides.items()}))
    rates = [{name: [] for name in sides} for _, sides, _ in runners]
    for r in range(repeat):
        for (case, sides, ks), case_rates in zip(runners, rates):
            names = list(sides) if r % 2 == 0 else list(sides)[::-1]  # alternate who goes first
            for name in names:
                case_rates[name].append(steps_per_second(sides[name], ks[name]))
    results = []
    for (case, _, _), case_rates in zip(runners, rates):
        row = {"sizes": case[0], "batch": case[1], "mlpviz": statistics.median(case_rates["mlpviz"]),
               "bare": statistics.median(case_rates["bare"])}
        row["torch"] = statistics.median(case_rates["torch"]) if "torch" in case_rates else None
        results.append(row)
    return results


def explain_columns() -> str:
    return ("bare numpy: the same step hand-written without the step record (mlpviz/bench/bare_numpy_step.py); "
            "record cost: how much longer the engine's step takes than the bare one")


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from mlpviz.engine import MlpvizError, format_sizes

    if args.repeat < 1 or not args.seconds > 0:
        raise MlpvizError("--repeat must be at least 1 and --seconds above 0")
    results = measure(args.repeat, args.seconds, not args.no_torch)
    has_torch = any(r["torch"] is not None for r in results)
    header = f"{'network':<16}{'batch':>6}{'mlpviz steps/s':>16}{'bare numpy':>12}{'record cost':>13}"
    if has_torch:
        import torch

        header += f"{'torch steps/s':>16}{'ratio':>8}"
        print(f"numpy {np.__version__}, torch {torch.__version__} (CPU, float64, {torch.get_num_threads()} threads, "
              f"numpy BLAS {blas_threads()} threads); median of {args.repeat}")
    else:
        print(f"numpy {np.__version__}; PyTorch not installed or skipped; median of {args.repeat}")
    print(explain_columns())
    print(header)
    for r in results:
        line = (f"{format_sizes(r['sizes']):<16}{r['batch']:>6}{r['mlpviz']:>16,.0f}{r['bare']:>12,.0f}"
                f"{r['bare'] / r['mlpviz'] - 1:>12.0%} ")
        if r["torch"] is not None:
            line += f"{r['torch']:>16,.0f}{r['mlpviz'] / r['torch']:>7.1f}x"
        print(line)
    return 0
