"""The loss of every step, in preallocated arrays that grow by doubling up to a budget.

Past the budget the older half is thinned the way a plot would draw it: each bucket of
four entries keeps its lowest and highest training loss (and every diverged mark), so
the curve keeps its shape while memory stays flat however long Run goes.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg

DEFAULT_MAX_ENTRIES = 1 << 19  # about 13 MB of arrays
_BUCKET = 4
COLUMNS = ("_steps", "_train", "_test", "_diverged", "_accuracy", "_test_accuracy")


class LossEntries(NamedTuple):
    """Consecutive entries of a log, column by column (what a run in another process sends back)."""

    steps: np.ndarray
    train: np.ndarray
    test: np.ndarray
    diverged: np.ndarray
    accuracy: np.ndarray
    test_accuracy: np.ndarray


class LossLog:
    """Training (and test) loss per step, and the accuracy for classes; ``steps``, ``train``, ``test``,
    ``accuracy``, ``test_accuracy`` are views of the filled part.

    Appending is O(1) amortised, so the loss curve never slows Run down. Steps whose
    update diverged are kept with a flag so the plot can mark them. At most
    ``max_entries`` are held; older steps are thinned (min/max per bucket) beyond that.
    The entries stay in step order: a refused step's mark lies past the step the run went back to, so the
    steps trained after it are put before the mark until they reach its step (a mark comes first among
    entries of one step).
    """

    def __init__(self, capacity: int = 1024, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.max_entries = max(int(max_entries), 4 * _BUCKET)
        capacity = min(capacity, self.max_entries)
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._train = np.zeros(capacity)
        self._test = np.full(capacity, np.nan)
        self._diverged = np.zeros(capacity, dtype=bool)
        self._accuracy = np.full(capacity, np.nan)
        self._test_accuracy = np.full(capacity, np.nan)
        self._n = 0

    @classmethod
    def from_columns(cls, entries: LossEntries, last_step: int, max_entries: int = DEFAULT_MAX_ENTRIES) -> "LossLog":
        """A log holding ``entries`` (read back from a file) for a run now at step ``last_step``, or MlpvizError.

        What a log is: 1-D columns of one length, at most ``max_entries``; whole step numbers,
        the applied (not diverged) ones rising and none past ``last_step`` (a diverged mark is
        the refused step, which can lie past the kept one); losses finite or NaN (a refused
        step's training loss may be infinite); accuracies NaN or from 0 to 1.
        """
        columns = [np.asarray(c) for c in entries]
        if len(columns) != len(COLUMNS) or any(c.ndim != 1 for c in columns):
            raise MlpvizError(msg("a loss log has {n_columns} columns of one dimension", n_columns=len(COLUMNS)))
        n = len(columns[0])
        if any(len(c) != n for c in columns):
            raise MlpvizError(msg("the loss log's columns differ in length"))
        if n > max(int(max_entries), 4 * _BUCKET):
            raise MlpvizError(msg("the loss log has {n_:,} entries, over its limit of {max_entries:,}", n_=n, max_entries=max_entries))
        steps, train, test, diverged, accuracy, test_accuracy = columns
        if steps.dtype.kind not in "iu" or diverged.dtype != np.bool_ or any(
                c.dtype.kind != "f" for c in (train, test, accuracy, test_accuracy)):
            raise MlpvizError(msg("the loss log's steps must be whole numbers, its marks true/false, its values numbers"))
        if n and (steps.min() < 0 or steps.max() >= 2**62):
            raise MlpvizError(msg("the loss log's steps must be from 0 on"))
        applied = steps[~diverged].astype(np.int64)
        if np.any(np.diff(applied) <= 0):
            raise MlpvizError(msg("the loss log's steps must rise"))
        if applied.size and applied[-1] > last_step:
            raise MlpvizError(msg("the loss log goes on to step {applied}, past step {last_step} of its run", applied=applied[-1], last_step=last_step))
        if np.isinf(train[~diverged]).any() or np.isinf(test).any():
            raise MlpvizError(msg("the loss log's losses must be finite numbers or NaN"))
        for column in (accuracy, test_accuracy):
            if np.any((column < 0) | (column > 1)):
                raise MlpvizError(msg("the loss log's accuracies must be from 0 to 1 (or NaN)"))
        log = cls(max(n, 16), max_entries)
        order = np.argsort(steps, kind="stable")  # older files: the steps after a refused step's mark follow it
        for name, column in zip(COLUMNS, columns):
            getattr(log, name)[:n] = column[order]
        log._n = n
        return log

    def __len__(self) -> int:
        return self._n

    def append(self, step: int, train_loss: float, test_loss: float = float("nan"), diverged: bool = False,
               accuracy: float = float("nan"), test_accuracy: float = float("nan")) -> None:
        """Log a step: its batch loss, the test loss and (for classes) the accuracy on the training and test rows."""
        if self._n and self._steps[self._n - 1] > step:  # before a refused step's mark
            row = (step, train_loss, test_loss, diverged, accuracy, test_accuracy)
            self.extend(LossEntries(*(np.array([v], dtype=getattr(self, name).dtype) for v, name in zip(row, COLUMNS))))
            return
        if self._n == len(self._train):
            if self._n >= self.max_entries:
                self._thin()
            else:
                self._grow()
        i = self._n
        self._steps[i], self._train[i], self._test[i], self._diverged[i] = step, train_loss, test_loss, diverged
        self._accuracy[i], self._test_accuracy[i] = accuracy, test_accuracy
        self._n += 1

    def extend(self, entries: LossEntries) -> None:
        """Append ``entries`` in order: the same log as appending them one by one, thinning included (refused
        steps' marks at the end past their first step are put back in step order among them)."""
        marks = self._marks_after(int(entries.steps[0])) if len(entries.steps) else 0
        if marks:
            joined = [np.concatenate((getattr(self, name)[self._n - marks : self._n], column))
                      for name, column in zip(COLUMNS, entries)]
            order = np.argsort(joined[0], kind="stable")
            self._n -= marks
            entries = LossEntries(*(column[order] for column in joined))
        done, total = 0, len(entries.steps)
        while done < total:
            if self._n == len(self._train):
                if self._n >= self.max_entries:
                    self._thin()
                else:
                    self._grow()
            k = min(total - done, len(self._train) - self._n)
            for name, column in zip(COLUMNS, entries):
                getattr(self, name)[self._n : self._n + k] = column[done : done + k]
            self._n += k
            done += k

    def _marks_after(self, step: int) -> int:
        """How many entries at the end are refused steps' marks past ``step``."""
        k = 0
        while k < self._n and self._diverged[self._n - 1 - k] and self._steps[self._n - 1 - k] > step:
            k += 1
        return k

    def applied_at(self, step: int) -> int:
        """Number of the last entry of an applied (not refused) step at or before ``step``; -1 when none."""
        i = int(np.searchsorted(self.steps, step, side="right")) - 1
        while i >= 0 and self._diverged[i]:
            i -= 1
        return i

    def entries(self, start: int = 0) -> LossEntries:
        """Copies of the entries from number ``start`` on."""
        return LossEntries(*(getattr(self, name)[start : self._n].copy() for name in COLUMNS))

    def set_last_test(self, test_loss: float, accuracy: float = float("nan"),
                      test_accuracy: float = float("nan")) -> None:
        """Fill in the test loss and the accuracies of the latest entry (measured once per Run slice)."""
        if self._n:
            i = self._n - 1
            self._test[i], self._accuracy[i], self._test_accuracy[i] = test_loss, accuracy, test_accuracy

    def copy_until(self, step: int) -> "LossLog":
        """A new log holding the entries up to ``step`` (this one stays as it is)."""
        n = int(np.searchsorted(self.steps, step, side="right"))
        other = LossLog(max(n, 16), self.max_entries)
        for name in COLUMNS:
            getattr(other, name)[:n] = getattr(self, name)[:n]
        other._n = n
        return other

    def truncate(self, n: int) -> None:
        """Keep only the first ``n`` entries (for "continue from here")."""
        self._n = max(0, min(n, self._n))

    def clear(self) -> None:
        self._n = 0

    def _thin(self) -> None:
        """Halve the older half: per bucket of four keep the lowest and highest loss, the first entry and diverged marks."""
        old = (self._n // 2) // _BUCKET * _BUCKET
        train = self._train[:old].reshape(-1, _BUCKET)
        base = np.arange(0, old, _BUCKET)
        keep = np.zeros(old, dtype=bool)
        keep[base + np.nanargmin(np.where(np.isnan(train), np.inf, train), axis=1)] = True
        keep[base + np.nanargmax(np.where(np.isnan(train), -np.inf, train), axis=1)] = True
        keep[0] = True
        keep |= self._diverged[:old]
        kept = np.concatenate([np.flatnonzero(keep), np.arange(old, self._n)])
        for name in COLUMNS:
            array = getattr(self, name)
            array[: len(kept)] = array[kept]
        self._n = len(kept)

    def _grow(self) -> None:
        cap = min(2 * len(self._train), self.max_entries)
        for name, fill in (("_steps", 0), ("_train", 0.0), ("_test", np.nan), ("_diverged", False),
                           ("_accuracy", np.nan), ("_test_accuracy", np.nan)):
            old = getattr(self, name)
            new = np.full(cap, fill, dtype=old.dtype)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)

    @property
    def capacity(self) -> int:
        """Entries the arrays can hold before they grow (never more than ``max_entries``)."""
        return len(self._train)

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self._n]

    @property
    def train(self) -> np.ndarray:
        return self._train[: self._n]

    @property
    def test(self) -> np.ndarray:
        return self._test[: self._n]

    @property
    def diverged(self) -> np.ndarray:
        return self._diverged[: self._n]

    @property
    def accuracy(self) -> np.ndarray:
        """Share of training rows classified right after each step (NaN: not measured, or no classes)."""
        return self._accuracy[: self._n]

    @property
    def test_accuracy(self) -> np.ndarray:
        return self._test_accuracy[: self._n]
