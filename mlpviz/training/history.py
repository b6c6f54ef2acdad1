"""The parameters of every step of the current run, kept in memory within a byte budget.

Every step is kept until the budget is reached; then the older half is thinned out
evenly (every second kept step dropped), so old steps end up with a doubling stride
while recent steps stay dense. The first and the latest step are always kept.
"""

from __future__ import annotations

import numpy as np

from mlpviz.engine import MlpvizError, Params

DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024
MIN_BUDGET_BYTES = 1024 * 1024
_INITIAL_ROWS = 64
_BLOCK_BYTES = 8 * 1024 * 1024  # rows are allocated in blocks of about this size


class History:
    """Flat parameter vectors by step number, stored in fixed-size blocks of rows.

    Rows are never moved: growing adds a block and thinning only drops entries from the
    ``(n,)`` step and slot index arrays (the freed rows are reused), so recording a step
    never copies the buffer - a 250 MB history must not stall the GUI thread during Run.
    Everything stays within the budget, except that the first and the latest step are
    always kept, whatever their size. ``record(step, params)`` forgets any kept step
    ``>= step`` first, so recording the step the session is at (after an edit or a
    restart) replaces it.
    """

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self._budget = max(int(budget_bytes), MIN_BUDGET_BYTES)
        self._sizes: tuple[int, ...] | None = None
        self._width = 0
        self._blocks: list[np.ndarray] = []  # each (block_rows, P)
        self._block_rows = 1
        self._step_of = np.zeros(0, dtype=np.int64)  # (capacity,) kept steps, ascending
        self._slot_of = np.zeros(0, dtype=np.int64)  # (capacity,) row of each kept step
        self._free: list[int] = []
        self._next_slot = 0  # rows below it were handed out at least once
        self._n = 0

    # --- what callers read -----------------------------------------------------------

    def __len__(self) -> int:
        return self._n

    @property
    def steps(self) -> np.ndarray:
        """The kept step numbers, ascending ``(n,)`` int64 (a copy)."""
        return self._step_of[: self._n].copy()

    @property
    def first_step(self) -> int | None:
        return int(self._step_of[0]) if self._n else None

    @property
    def last_step(self) -> int | None:
        return int(self._step_of[self._n - 1]) if self._n else None

    @property
    def nbytes(self) -> int:
        """Bytes of the buffers holding the kept steps (allocated, not just filled)."""
        return sum(b.nbytes for b in self._blocks) + self._step_of.nbytes + self._slot_of.nbytes

    @property
    def budget_bytes(self) -> int:
        return self._budget

    @budget_bytes.setter
    def budget_bytes(self, value: int) -> None:
        value = max(int(value), MIN_BUDGET_BYTES)
        if value == self._budget:
            return
        self._budget = value
        if self._sizes is not None:
            while self._n > self._max_rows():
                self._thin()
            self._compact()  # blocks sized for the new budget

    def nearest(self, step: int) -> int:
        """The kept step nearest to ``step`` from below (the first kept step if none is below)."""
        return int(self._step_of[self._index(step)])

    def params_at(self, step: int) -> Params:
        """Parameters of the kept step nearest to ``step`` from below (see ``nearest``)."""
        return Params.from_flat(self._row(int(self._slot_of[self._index(step)])).copy(), self._sizes)

    # --- changes ---------------------------------------------------------------------

    def record(self, step: int, params: Params) -> None:
        """Keep a copy of ``params`` as the parameters after step ``step``."""
        step = int(step)
        if self._sizes != params.sizes:
            self._start(params.sizes)
        elif self._n and step <= self._step_of[self._n - 1]:
            self.truncate_after(step - 1)
        if self._n >= self._max_rows():
            self._thin()
        if self._n == len(self._step_of):
            self._grow_index(min(max(2 * self._n, _INITIAL_ROWS), self._max_rows()))
        slot = self._take_slot()
        self._row(slot)[:] = params.flat
        self._step_of[self._n] = step
        self._slot_of[self._n] = slot
        self._n += 1

    def restart(self, step: int, params: Params) -> None:
        """A new run starting at ``step`` with ``params``: everything kept before is dropped."""
        self.clear()
        self.record(step, params)

    def copy_until(self, step: int) -> "History":
        """A new History holding the kept steps up to ``step`` (this one stays as it is)."""
        other = History(self._budget)
        for kept, slot in zip(self._step_of[: self._n].tolist(), self._slot_of[: self._n].tolist()):
            if kept > step:
                break
            other.record(kept, Params.from_flat(self._row(slot), self._sizes))
        return other

    def truncate_after(self, step: int) -> None:
        """Forget every kept step after ``step`` ("continue from here")."""
        n = int(np.searchsorted(self._step_of[: self._n], int(step), side="right"))
        self._free.extend(self._slot_of[n : self._n].tolist())
        self._n = n

    def clear(self) -> None:
        self._sizes = None
        self._width = 0
        self._blocks = []
        self._step_of = np.zeros(0, dtype=np.int64)
        self._slot_of = np.zeros(0, dtype=np.int64)
        self._free = []
        self._next_slot = 0
        self._n = 0

    # --- inside ----------------------------------------------------------------------

    def _index(self, step: int) -> int:
        if not self._n:
            raise MlpvizError("the history is empty")
        i = int(np.searchsorted(self._step_of[: self._n], int(step), side="right")) - 1
        return max(i, 0)

    def _start(self, sizes: tuple[int, ...]) -> None:
        self.clear()
        self._sizes = sizes
        self._width = sum(i * o + o for i, o in zip(sizes[:-1], sizes[1:]))
        self._block_rows = max(1, min(self._max_rows(), _BLOCK_BYTES // (8 * self._width)))

    def _row_bytes(self) -> int:
        return self._width * 8 + 16  # the row, its step and its slot

    def _max_rows(self) -> int:
        return max(2, self._budget // self._row_bytes())

    def _allocated_rows(self) -> int:
        return sum(len(b) for b in self._blocks)

    def _row(self, slot: int) -> np.ndarray:
        return self._blocks[slot // self._block_rows][slot % self._block_rows]

    def _take_slot(self) -> int:
        """A free row; rows are handed out in order, a block at a time, up to ``_max_rows``."""
        if self._free:
            return self._free.pop()
        slot = self._next_slot
        if slot >= self._allocated_rows():  # only the last block can be short: slot < _max_rows
            self._blocks.append(np.empty((max(1, min(self._block_rows, self._max_rows() - slot)), self._width)))
        self._next_slot += 1
        return slot

    def _grow_index(self, capacity: int) -> None:
        for name in ("_step_of", "_slot_of"):
            old = getattr(self, name)
            new = np.zeros(max(capacity, self._n + 1), dtype=np.int64)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)

    def _compact(self) -> None:
        """Copy the kept rows into just enough new blocks (after the budget was lowered)."""
        rows = [self._row(int(s)).copy() for s in self._slot_of[: self._n]]
        sizes, n = self._sizes, self._n
        steps = self._step_of[:n].copy()
        self._start(sizes)
        self._grow_index(n)
        for i, row in enumerate(rows):
            slot = self._take_slot()
            self._row(slot)[:] = row
            self._slot_of[i] = slot
        self._step_of[:n] = steps
        self._n = n

    def _thin(self) -> None:
        """Drop every second kept step of the older half; the first always stays (called when full, before a new latest)."""
        n = self._n
        keep = np.ones(n, dtype=bool)
        if n >= 4:
            keep[1 : n // 2 : 2] = False
        else:  # two or three rows: the one after the first makes way
            keep[1] = False
        self._free.extend(self._slot_of[:n][~keep].tolist())
        kept = np.flatnonzero(keep)
        self._step_of[: len(kept)] = self._step_of[kept]
        self._slot_of[: len(kept)] = self._slot_of[kept]
        self._n = len(kept)
