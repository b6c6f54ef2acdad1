"""The parameters of every step of the current run, and the optimizer's state after it (so a run can go back
to a step and train on exactly as it did), kept in memory within a byte budget.

Every step is kept until the budget is reached; then the older half is thinned out
evenly (every second kept step dropped), so old steps end up with a doubling stride
while recent steps stay dense. The first and the latest step are always kept.
"""

from __future__ import annotations

import os

import numpy as np

from mlpviz.engine import MlpvizError, Params
from mlpviz.engine.optimizers import OptimizerState, frozen_state
from mlpviz.i18n import msg

DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024
MIN_BUDGET_BYTES = 1024 * 1024
MEMORY_SHARE = 4  # the history may use at most a quarter of the machine's memory
FALLBACK_MEMORY_BYTES = 4 * 1024**3  # assumed where the memory size cannot be read


def physical_memory_bytes() -> int:
    """The machine's memory, or FALLBACK_MEMORY_BYTES where the system does not say."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return FALLBACK_MEMORY_BYTES


def max_budget_bytes() -> int:
    """The largest history budget allowed: a share of the machine's memory, never below the default."""
    return max(DEFAULT_BUDGET_BYTES, physical_memory_bytes() // MEMORY_SHARE)


def clamp_budget(value) -> int:
    """``value`` (bytes, any type read from settings) as a budget between the minimum and the maximum."""
    try:
        value = int(value)
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_BUDGET_BYTES
    return min(max(value, MIN_BUDGET_BYTES), max_budget_bytes())
_INITIAL_ROWS = 64
_PICKLED_APART = 16  # up to this many kept steps are pickled one by one, more as one block
RELEASE_PER_RECORD = 64  # thinning drops a quarter of the rows, freed within a small share of the steps that refill them
_ARRAY_OVERHEAD = 128  # bytes numpy and the list spend on each kept vector besides its numbers


class History:
    """Flat parameter vectors by step number: the read-only vectors themselves, not copies.

    Params are immutable, so the history keeps each step's ``flat`` vector as it is (a
    vector that is writable, or a view into a larger array, is copied): recording a step
    costs no copy, which mattered on big networks (a 784-128-64-10 step's 870 kB copy cost
    a third of the step). Thinning drops entries; their vectors are freed with the last
    reference (a few each step after a thinning, so that a million small vectors are not
    freed in one go). Everything stays within the budget, except that the first and the latest
    step are always kept, whatever their size. ``record(step, params, state)`` forgets any kept
    step ``>= step`` first, so recording the step the session is at (after an edit or a
    restart) replaces it. The optimizer's state (read-only too, kept as it is) counts against the budget:
    with momentum a row is two vectors, with Adam three. The kept steps before ``states_unknown_before``
    have no known state (a timeline read from an older file): continuing from one starts at rest.
    """

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self._budget = clamp_budget(budget_bytes)
        self._sizes: tuple[int, ...] | None = None
        self._width = 0
        self._step_of = np.zeros(0, dtype=np.int64)  # (capacity,) kept steps, ascending
        self._flats: list[np.ndarray] = []  # the kept steps' read-only flat vectors, in step order
        self._states: list[OptimizerState | None] = []  # the optimizer's state after each (None: at rest)
        self._state_rows = 0  # vectors in the latest state: the rows' size counted with them
        self._released: list[np.ndarray] = []  # dropped by thinning, freed RELEASE_PER_RECORD at a time
        self._unknown_before = 0  # the kept steps below it have no known optimizer state

    # --- what callers read -----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._flats)

    @property
    def steps(self) -> np.ndarray:
        """The kept step numbers, ascending ``(n,)`` int64 (a copy)."""
        return self._step_of[: len(self._flats)].copy()

    @property
    def first_step(self) -> int | None:
        return int(self._step_of[0]) if self._flats else None

    @property
    def last_step(self) -> int | None:
        n = len(self._flats)
        return int(self._step_of[n - 1]) if n else None

    @property
    def nbytes(self) -> int:
        """Bytes held for the kept steps: their vectors (with numpy's overhead) and the step index."""
        states = sum(s.nbytes + len(s.arrays) * _ARRAY_OVERHEAD for s in self._states if s is not None)
        return len(self._flats) * (self._width * 8 + _ARRAY_OVERHEAD) + states + self._step_of.nbytes

    @property
    def budget_bytes(self) -> int:
        return self._budget

    @budget_bytes.setter
    def budget_bytes(self, value: int) -> None:
        value = clamp_budget(value)
        if value == self._budget:
            return
        self._budget = value
        if self._sizes is not None:
            while len(self._flats) > self._max_rows():
                self._thin()
            n = len(self._flats)
            if len(self._step_of) > max(n, _INITIAL_ROWS):
                self._step_of = self._step_of[:n].copy()

    def nearest(self, step: int) -> int:
        """The kept step nearest to ``step`` from below (the first kept step if none is below)."""
        return int(self._step_of[self._index(step)])

    def params_at(self, step: int) -> Params:
        """Parameters of the kept step nearest to ``step`` from below (see ``nearest``)."""
        return Params.from_flat(self._flats[self._index(step)], self._sizes)

    def state_at(self, step: int) -> OptimizerState | None:
        """The optimizer's state after the kept step nearest to ``step`` from below (None: at rest, or not known)."""
        return self._states[self._index(step)]

    @property
    def states_unknown_before(self) -> int:
        """The kept steps below this step have no known optimizer state (0: every state is known)."""
        return self._unknown_before

    def state_known(self, step: int) -> bool:
        """Whether the optimizer's state after the kept step nearest ``step`` from below is known."""
        return self.nearest(step) >= self._unknown_before

    def forget_states_before(self, step: int) -> None:
        """Mark the kept steps below ``step`` as having no known optimizer state (read from an older file)."""
        self._unknown_before = max(0, int(step))

    # --- changes ---------------------------------------------------------------------

    def record(self, step: int, params: Params, state: OptimizerState | None = None) -> None:
        """Keep ``params`` as the parameters after step ``step``, and ``state`` as the optimizer's then."""
        step = int(step)
        n = len(self._flats)
        if self._sizes != params.sizes:
            self._start(params.sizes)
        elif n and step <= self._step_of[n - 1]:
            self.truncate_after(step - 1)
        self._state_rows = 0 if state is None else len(state.arrays)
        while len(self._flats) >= self._max_rows():  # more than once when a state of more vectors came
            self._thin()
        self._release_some()
        n = len(self._flats)
        if n == len(self._step_of):
            self._grow_index(min(max(2 * n, _INITIAL_ROWS), self._max_rows()))
        flat = params.flat
        if flat.flags.writeable or flat.base is not None:
            flat = flat.copy()
            flat.setflags(write=False)
        self._step_of[n] = step
        self._flats.append(flat)
        self._states.append(state)
        self._unknown_before = min(self._unknown_before, step)

    def restart(self, step: int, params: Params, state: OptimizerState | None = None) -> None:
        """A new run starting at ``step`` with ``params`` (and optimizer ``state``): everything kept before is dropped."""
        self.clear()
        self.record(step, params, state)

    def copy_until(self, step: int) -> "History":
        """A new History holding the kept steps up to ``step`` (this one stays as it is)."""
        other = History(self._budget)
        n = int(np.searchsorted(self._step_of[: len(self._flats)], int(step), side="right"))
        if n:
            other._start(self._sizes)
            other._grow_index(max(n, _INITIAL_ROWS))
            other._step_of[:n] = self._step_of[:n]
            other._flats, other._states, other._state_rows = self._flats[:n], self._states[:n], self._state_rows
            other._unknown_before = self._unknown_before
        return other

    def followed_by(self, later: "History") -> "History":
        """This history with ``later``'s kept steps after it (a run apart, merged back), thinned as if
        they had been recorded here. In place when ``later`` begins after the last kept step; else
        (it went back) a new History from the kept steps before ``later``'s first, so a saved RunState
        keeps the steps it cut."""
        if later.first_step is None:
            return self
        merged = self
        if self.last_step is not None and later.first_step <= self.last_step:
            merged = self.copy_until(later.first_step - 1)
        if merged._sizes != later._sizes:
            merged._start(later._sizes)
        rows = [flat.copy() if flat.base is not None else flat for flat in later._flats]  # rows of the block
        for flat in rows:  # they came in are kept on their own, so that thinning frees them
            flat.setflags(write=False)
        n = len(merged._flats)
        merged._grow_index(n + len(rows))
        merged._step_of[n : n + len(rows)] = later.steps
        merged._flats.extend(rows)
        merged._states.extend(_own(state) for state in later._states)
        merged._state_rows = later._state_rows
        merged._unknown_before = max(min(merged._unknown_before, later.first_step), later._unknown_before)
        while len(merged._flats) > merged._max_rows():
            merged._thin()
        merged._release_some(len(rows))
        return merged

    def sampled(self, max_bytes: int, state_rows: int | None = None) -> "History":
        """A new History of these kept steps, evenly fewer when they exceed ``max_bytes`` (the latest always kept);
        ``state_rows``: the vectors each step's state is counted with (default: the latest state's)."""
        n = len(self._flats)
        rows = max(1, max_bytes // self._row_bytes(state_rows)) if n else 0
        pick = np.arange(n) if n <= rows else np.unique(np.linspace(n - 1, 0, rows).round().astype(int))
        other = History(self._budget)
        if n:
            other._start(self._sizes)
            other._grow_index(max(len(pick), _INITIAL_ROWS))
            other._step_of[: len(pick)] = self._step_of[pick]
            other._flats = [self._flats[i] for i in pick.tolist()]
            other._states, other._state_rows = [self._states[i] for i in pick.tolist()], self._state_rows
            other._unknown_before = self._unknown_before
        return other

    def __getstate__(self) -> dict:
        """Pickled (sent back from a run in another process): many small steps as one block, one buffer
        rather than one each; a few large ones as they are, so that a vector the same message holds
        elsewhere (the latest record's parameters) is pickled once."""
        n = len(self._flats)
        rows = self._flats[:] if n <= _PICKLED_APART else (np.stack(self._flats) if n else np.zeros((0, self._width)))
        return {"budget": self._budget, "sizes": self._sizes, "steps": self._step_of[:n].copy(), "rows": rows,
                "states": self._states[:] if n <= _PICKLED_APART else _state_block(self._states),
                "unknown_before": self._unknown_before}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["budget"])
        if state["sizes"] is not None:
            self._start(state["sizes"])
            self._step_of = state["steps"]
            rows = state["rows"]
            for row in rows if isinstance(rows, list) else (rows,):
                row.setflags(write=False)
            self._flats = list(rows)  # read-only; ``followed_by`` copies the rows of a block it keeps
            states = state.get("states", [None] * len(self._flats))
            self._states = states if isinstance(states, list) else _unblocked(states)
            self._state_rows = 0 if not self._states or self._states[-1] is None else len(self._states[-1].arrays)
            self._unknown_before = state.get("unknown_before", 0)

    def truncate_after(self, step: int) -> None:
        """Forget every kept step after ``step`` ("continue from here")."""
        n = int(np.searchsorted(self._step_of[: len(self._flats)], int(step), side="right"))
        del self._flats[n:]
        del self._states[n:]

    def clear(self) -> None:
        self._released = []
        self._sizes = None
        self._width = 0
        self._step_of = np.zeros(0, dtype=np.int64)
        self._flats = []
        self._states = []
        self._unknown_before = 0

    # --- inside ----------------------------------------------------------------------

    def _index(self, step: int) -> int:
        n = len(self._flats)
        if not n:
            raise MlpvizError(msg("the history is empty"))
        i = int(np.searchsorted(self._step_of[:n], int(step), side="right")) - 1
        return max(i, 0)

    def _start(self, sizes: tuple[int, ...]) -> None:
        self.clear()
        self._sizes = sizes
        self._width = sum(i * o + o for i, o in zip(sizes[:-1], sizes[1:]))

    def _row_bytes(self, state_rows: int | None = None) -> int:
        states = self._state_rows if state_rows is None else state_rows
        return (self._width * 8 + _ARRAY_OVERHEAD) * (1 + states) + 8  # vectors, overheads and the step

    def _max_rows(self) -> int:
        return max(2, self._budget // self._row_bytes())

    def _grow_index(self, capacity: int) -> None:
        n = len(self._flats)
        new = np.zeros(max(capacity, n + 1), dtype=np.int64)
        new[:n] = self._step_of[:n]
        self._step_of = new

    def _thin(self) -> None:
        """Drop every second kept step of the older half; the first always stays (called when full, before a new latest)."""
        n = len(self._flats)
        keep = np.ones(n, dtype=bool)
        if n >= 4:
            keep[1 : n // 2 : 2] = False
        else:  # two or three rows: the one after the first makes way
            keep[1] = False
        kept = np.flatnonzero(keep)
        self._step_of[: len(kept)] = self._step_of[kept]
        drop = slice(1, n // 2, 2) if n >= 4 else slice(1, 2)
        self._released.extend(self._flats[drop])  # freed a few a step: 500,000 arrays at once stalled the window 0.4 s
        self._released.extend(self._states[drop])
        del self._flats[drop]
        del self._states[drop]

    def _release_some(self, rows: int = 1) -> None:
        """Free some of the vectors thinning dropped, for ``rows`` rows added (all long before the next thinning)."""
        if self._released:
            del self._released[-RELEASE_PER_RECORD * rows:]


def _own(state: OptimizerState | None) -> OptimizerState | None:
    """``state`` with vectors of its own (not rows of a block that came in), so that thinning frees them."""
    if state is None or all(a.base is None for a in state.arrays):
        return state
    return frozen_state(state.optimizer, state.count, state.names, (a.copy() for a in state.arrays))


def _state_block(states: list[OptimizerState | None]):
    """Many states of one optimizer as one block (``_unblocked`` reads it; a count of -1: none, at rest),
    else the list as it is (states of more than one optimizer)."""
    kept = [s for s in states if s is not None]
    first = kept[0] if kept else None
    if first is None or any(s.optimizer != first.optimizer or s.names != first.names for s in kept):
        return states
    counts = np.array([-1 if s is None else s.count for s in states], dtype=np.int64)
    return first.optimizer, first.names, counts, tuple(np.stack([s.arrays[i] for s in kept])
                                                       for i in range(len(first.names)))


def _unblocked(block) -> list[OptimizerState | None]:
    """The states ``_state_block`` made a block of: rows of its read-only arrays."""
    optimizer, names, counts, arrays = block
    for a in arrays:
        a.setflags(write=False)
    states, row = [], 0
    for count in counts.tolist():
        if count < 0:
            states.append(None)
        else:
            states.append(OptimizerState(optimizer, count, names, tuple(a[row] for a in arrays)))
            row += 1
    return states
