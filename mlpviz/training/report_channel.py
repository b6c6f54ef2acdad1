"""The Run worker's reports through shared memory: the arrays in a block both processes map, a few hundred
bytes of pickle through the pipe.

A 784-128-64-10 report is about 4 MB of arrays. Pickled whole through the pipe it was copied five
times, and the window's reader thread took it in 64 kB pieces, each waiting for the GIL the drawing
holds. Here the worker pickles with protocol 5, keeping the arrays out of band; its sender thread
copies them into a shared block and sends the small rest with where each array lies; the reader copies
each array out (one copy each, read-only as the engine made it) and marks the block free again. One
report is in the block at a time: the sender waits until the reader has taken the last one. A larger
report gets a new, larger block, which the reader unlinks as soon as it has mapped it, so nothing is
left in /dev/shm once both ends have it (a worker killed before that leaves it to multiprocessing's
resource tracker). The values are copied byte for byte: the run that comes back is the same.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import queue
import threading
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # imported when the first block is made or mapped: not on the way to the first window
    from multiprocessing import shared_memory

HEADER = 64  # the block's first bytes: byte 0 says whether it holds a report not yet taken
FREE, HELD = 0, 1
MIN_BLOCK = 1 << 20
WAIT_SECONDS = 0.0005  # how often the sender looks whether the reader has taken the last report


def _aligned(n: int) -> int:
    return (n + 63) & ~63


class ReportSender:
    """The worker's side: ``send`` pickles on the caller's thread (the arrays are not copied there), a thread
    of its own copies them into the block and writes the rest to ``conn``, so training goes on meanwhile."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._block: shared_memory.SharedMemory | None = None
        self._queue: queue.Queue = queue.Queue()
        self.failed: BaseException | None = None
        self._thread = threading.Thread(target=self._send_all, daemon=True, name="mlpviz-run-sender")
        self._thread.start()

    def send(self, message) -> None:
        if self.failed is not None:
            raise self.failed
        buffers: list[pickle.PickleBuffer] = []
        payload = pickle.dumps(message, protocol=5, buffer_callback=buffers.append)
        self._queue.put((payload, buffers))

    def flush(self) -> None:
        """Wait until everything queued has been written."""
        self._queue.join()
        if self.failed is not None:
            raise self.failed

    def _send_all(self) -> None:
        while True:
            payload, buffers = self._queue.get()
            try:
                if self.failed is None:
                    self._conn.send_bytes(self._envelope(payload, buffers))
            except (OSError, EOFError) as exc:
                self.failed = exc
            finally:
                self._queue.task_done()

    def _envelope(self, payload: bytes, buffers: list[pickle.PickleBuffer]) -> bytes:
        """Put the arrays in the block (once the reader has taken the last report) and say where they are."""
        raws = [b.raw() for b in buffers]
        places, end = [], HEADER
        for raw in raws:
            places.append((end, raw.nbytes))
            end = _aligned(end + raw.nbytes)
        if not raws:
            return pickle.dumps((None, (), payload), protocol=5)
        block = self._block_for(end)
        self._wait_free(block)
        for raw, (start, size) in zip(raws, places):
            np.frombuffer(block.buf, np.uint8, size, start)[:] = np.frombuffer(raw, np.uint8)
        block.buf[0] = HELD
        return pickle.dumps((block.name, places, payload), protocol=5)

    def _block_for(self, size: int) -> shared_memory.SharedMemory:
        from multiprocessing import shared_memory

        if self._block is None or self._block.size < size:
            if self._block is not None:
                self._block.close()  # the reader unlinked it when it mapped it; its mapping stays good
            self._block = shared_memory.SharedMemory(create=True, size=max(MIN_BLOCK, size + size // 4))
            self._block.buf[0] = FREE
        return self._block

    def _wait_free(self, block: shared_memory.SharedMemory) -> None:
        """Until the reader has taken the last report; raises OSError if the reader's process is gone."""
        parent = multiprocessing.parent_process()
        looked = time.monotonic()
        while block.buf[0] != FREE:
            time.sleep(WAIT_SECONDS)
            if time.monotonic() - looked > 1.0:
                looked = time.monotonic()
                if parent is not None and not parent.is_alive():
                    raise OSError("the window's process is gone")


class ReportReader:
    """The caller's side: ``receive`` reads the next report from ``conn`` (blocking) and takes its arrays out."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._block: shared_memory.SharedMemory | None = None
        self._lock = threading.Lock()

    def receive(self):
        name, places, payload = pickle.loads(self._conn.recv_bytes())
        if name is None:
            return pickle.loads(payload)
        with self._lock:
            block = self._mapped(name)
            buffers = [_taken(block, start, size) for start, size in places]
            block.buf[0] = FREE
        return pickle.loads(payload, buffers=buffers)

    def close(self) -> None:
        with self._lock:
            if self._block is not None:
                with contextlib.suppress(BufferError):
                    self._block.close()
                self._block = None

    def _mapped(self, name: str) -> shared_memory.SharedMemory:
        from multiprocessing import shared_memory

        if self._block is None or self._block.name != name:
            if self._block is not None:
                self._block.close()
            self._block = shared_memory.SharedMemory(name=name)
            with contextlib.suppress(FileNotFoundError):
                self._block.unlink()  # both ends have it mapped: nothing is left behind in /dev/shm
        return self._block


def _taken(block: shared_memory.SharedMemory, start: int, size: int) -> np.ndarray:
    """One array's bytes copied out of the block, read-only (arrays made from them are read-only too)."""
    data = np.frombuffer(block.buf, np.uint8, size, start).copy()
    data.setflags(write=False)
    return data
