"""The Run worker's reports through shared memory: the arrays come back equal, read-only, and nothing stays in
/dev/shm once both ends have the block."""

from __future__ import annotations

import multiprocessing
import os
import threading

import numpy as np

from mlpviz.training.report_channel import ReportReader, ReportSender


def _shm_names() -> set[str]:
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


def test_arrays_come_back_equal_and_read_only_and_a_larger_report_gets_a_larger_block():
    before = _shm_names()
    ours, theirs = multiprocessing.Pipe()
    sender, reader = ReportSender(theirs), ReportReader(ours)
    small = {"w": np.arange(12.0).reshape(3, 4), "f": np.asfortranarray(np.ones((2, 3))), "n": 7}
    large = {"w": np.random.default_rng(0).random((700, 600)), "t": (np.arange(5), "text")}
    got = []
    reading = threading.Thread(target=lambda: got.extend(reader.receive() for _ in range(3)))
    reading.start()
    for message in (small, large, small):
        sender.send(message)
    sender.flush()
    reading.join(timeout=30)
    assert len(got) == 3
    for message, back in zip((small, large, small), got):
        assert np.array_equal(back["w"], message["w"]) and back["w"].dtype == message["w"].dtype
        assert not back["w"].flags.writeable  # as the engine's arrays are
    assert got[0]["n"] == 7 and np.array_equal(got[0]["f"], small["f"]) and got[0]["f"].flags.f_contiguous
    assert np.array_equal(got[1]["t"][0], np.arange(5)) and got[1]["t"][1] == "text"
    assert _shm_names() <= before  # the reader unlinked each block once it had it mapped
    reader.close()
    ours.close()
    theirs.close()


def test_a_message_without_arrays_needs_no_block():
    ours, theirs = multiprocessing.Pipe()
    sender, reader = ReportSender(theirs), ReportReader(ours)
    sender.send(ValueError("sent back as it was raised"))
    sender.flush()
    back = reader.receive()
    assert isinstance(back, ValueError) and str(back) == "sent back as it was raised"
    ours.close()
    theirs.close()
