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


class History:
    """Flat parameter vectors by step number, in one ``(rows, P)`` float64 buffer.

    The buffer (plus its ``(rows,)`` int64 step column) never grows past the budget,
    except that the first and the latest step are always kept, whatever their size.
    ``record(step, params)`` forgets any kept step ``>= step`` first, so recording the
    step the session is at (after an edit or a restart) replaces it.
    """

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self._budget = max(int(budget_bytes), MIN_BUDGET_BYTES)
        self._sizes: tuple[int, ...] | None = None
        self._rows = np.zeros((0, 0))
        self._step_of = np.zeros(0, dtype=np.int64)
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
        return self._rows.nbytes + self._step_of.nbytes

    @property
    def budget_bytes(self) -> int:
        return self._budget

    @budget_bytes.setter
    def budget_bytes(self, value: int) -> None:
        self._budget = max(int(value), MIN_BUDGET_BYTES)
        if self._sizes is not None and len(self._step_of) > self._max_rows():
            while self._n > self._max_rows():
                self._thin()
            self._reallocate(self._max_rows())

    def nearest(self, step: int) -> int:
        """The kept step nearest to ``step`` from below (the first kept step if none is below)."""
        return int(self._step_of[self._index(step)])

    def params_at(self, step: int) -> Params:
        """Parameters of the kept step nearest to ``step`` from below (see ``nearest``)."""
        return Params.from_flat(self._rows[self._index(step)].copy(), self._sizes)

    # --- changes ---------------------------------------------------------------------

    def record(self, step: int, params: Params) -> None:
        """Keep a copy of ``params`` as the parameters after step ``step``."""
        step = int(step)
        if self._sizes != params.sizes:
            self._start(params.sizes)
        elif self._n and step <= self._step_of[self._n - 1]:
            self.truncate_after(step - 1)
        if self._n == len(self._step_of):
            if self._n < self._max_rows():
                self._reallocate(min(max(2 * self._n, _INITIAL_ROWS), self._max_rows()))
            else:
                self._thin()
        self._rows[self._n] = params.flat
        self._step_of[self._n] = step
        self._n += 1

    def restart(self, step: int, params: Params) -> None:
        """A new run starting at ``step`` with ``params``: everything kept before is dropped."""
        self.clear()
        self.record(step, params)

    def truncate_after(self, step: int) -> None:
        """Forget every kept step after ``step`` ("continue from here")."""
        self._n = int(np.searchsorted(self._step_of[: self._n], int(step), side="right"))

    def clear(self) -> None:
        self._sizes = None
        self._rows = np.zeros((0, 0))
        self._step_of = np.zeros(0, dtype=np.int64)
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
        width = sum(i * o + o for i, o in zip(sizes[:-1], sizes[1:]))
        self._rows = np.zeros((0, width))
        self._reallocate(min(_INITIAL_ROWS, self._max_rows()))

    def _row_bytes(self) -> int:
        return self._rows.shape[1] * 8 + 8

    def _max_rows(self) -> int:
        return max(2, self._budget // self._row_bytes())

    def _reallocate(self, rows: int) -> None:
        new_rows = np.empty((rows, self._rows.shape[1]))
        new_steps = np.zeros(rows, dtype=np.int64)
        new_rows[: self._n] = self._rows[: self._n]
        new_steps[: self._n] = self._step_of[: self._n]
        self._rows, self._step_of = new_rows, new_steps

    def _thin(self) -> None:
        """Drop every second kept step of the older half; the first always stays (called when full, before a new latest)."""
        n = self._n
        keep = np.ones(n, dtype=bool)
        if n >= 4:
            keep[1 : n // 2 : 2] = False
        else:  # two or three rows: the one after the first makes way
            keep[1] = False
        kept = np.flatnonzero(keep)
        self._rows[: len(kept)] = self._rows[kept]
        self._step_of[: len(kept)] = self._step_of[kept]
        self._n = len(kept)
