"""Mini-batches as a pure function of (data size, batch size, epoch, seed).

Nothing is iterated or remembered: the GUI can ask for batch ``i`` of epoch ``e`` in
any order and always gets the same samples. Shuffling draws the epoch's order from a
generator seeded with ``(seed, epoch)``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from mlpviz.i18n import msg

from .errors import DataError


def parse_batch_size(text) -> int | None:
    """``'full'`` (or None / empty) -> None; ``'32'`` -> 32; anything else raises DataError."""
    if text is None or (isinstance(text, str) and text.strip().lower() in ("", "full", "all")):
        return None
    try:
        size = int(str(text).strip())
    except ValueError:
        raise DataError(msg("batch size must be 'full' or a whole number, got {text_}", text_=repr(text))) from None
    if size < 1:
        raise DataError(msg("batch size must be at least 1, got {size}", size=size))
    return size


def batch_count(n_samples: int, batch_size: int | None) -> int:
    """Batches per epoch: 1 for the full batch, else ``ceil(n_samples / batch_size)``."""
    _check(n_samples, batch_size)
    if batch_size is None or batch_size >= n_samples:
        return 1
    return -(-n_samples // batch_size)


def batch_indices(
    n_samples: int, batch_size: int | None, epoch: int = 0, seed: int = 0, shuffle: bool = False
) -> tuple[np.ndarray, ...]:
    """The index arrays of every batch of epoch ``epoch`` (read-only int arrays).

    ``batch_size`` None means the full batch. The last batch holds the remainder and
    may be smaller. In order, every epoch is the same; shuffled, each epoch has its
    own order drawn from ``(seed, epoch)``.
    """
    _check(n_samples, batch_size)
    if epoch < 0:
        raise DataError(msg("epoch must be 0 or more, got {epoch}", epoch=epoch))
    if seed is None or seed < 0:
        raise DataError(msg("the shuffle seed must be a whole number 0 or more, got {seed}", seed=repr(seed)))
    size = n_samples if batch_size is None else min(batch_size, n_samples)
    return _cached(int(n_samples), int(size), int(epoch) if shuffle else 0, int(seed), bool(shuffle))


def batch_for_step(
    n_samples: int, batch_size: int | None, step: int, seed: int = 0, shuffle: bool = False
) -> tuple[int, int, np.ndarray]:
    """``(epoch, batch_number, indices)`` of the batch used by training step ``step`` (0-based)."""
    if step < 0:
        raise DataError(msg("step must be 0 or more, got {step}", step=step))
    per_epoch = batch_count(n_samples, batch_size)
    epoch, number = divmod(int(step), per_epoch)
    return epoch, number, batch_indices(n_samples, batch_size, epoch, seed, shuffle)[number]


def _check(n_samples: int, batch_size: int | None) -> None:
    if n_samples < 1:
        raise DataError(msg("there are no samples to make batches from"))
    if batch_size is not None and batch_size < 1:
        raise DataError(msg("batch size must be at least 1, got {batch_size}", batch_size=batch_size))


@lru_cache(maxsize=16)
def _cached(n: int, size: int, epoch: int, seed: int, shuffle: bool) -> tuple[np.ndarray, ...]:
    if shuffle:
        order = np.random.default_rng([seed, epoch]).permutation(n)
    else:
        order = np.arange(n)
    batches = tuple(order[i : i + size] for i in range(0, n, size))
    for b in batches:
        b.setflags(write=False)
    return batches
