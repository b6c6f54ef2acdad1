"""The status bar's messages kept to be read again: newest first, bounded, repeats counted, cleared."""

from __future__ import annotations

from datetime import datetime, timedelta

from mlpviz.app.message_log import KEPT, MessageLog


class Clock:
    """A clock that moves a second each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def test_messages_are_kept_whole_newest_first_with_their_time():
    log = MessageLog(clock=Clock())
    note = "Loaded cp1252_header.csv: " + "the file is not UTF-8 (line 1 has the byte 0xE9) " * 5
    log.add(note)
    log.add("Preset: XOR (2-4-1)")
    (newest, oldest) = log.entries()
    assert (newest.text, oldest.text) == ("Preset: XOR (2-4-1)", note)
    assert oldest.when < newest.when and newest.count == oldest.count == 1


def test_an_empty_message_is_not_kept_and_a_repeat_is_counted_not_copied():
    log = MessageLog(clock=Clock())
    log.add("")
    assert len(log) == 0
    for _ in range(3):
        log.add("Type a number")
    log.add("Other")
    log.add("Type a number")
    assert [(e.text, e.count) for e in log.entries()] == [("Type a number", 1), ("Other", 1), ("Type a number", 3)]


def test_only_the_newest_are_kept_and_clear_empties_the_log_and_tells_its_listeners():
    log = MessageLog(limit=5, clock=Clock())
    told = []
    log.listeners.append(lambda: told.append(len(log)))
    for i in range(8):
        log.add(f"message {i}")
    assert [e.text for e in log.entries()] == [f"message {i}" for i in range(7, 2, -1)]
    log.clear()
    assert log.entries() == [] and told == [1, 2, 3, 4, 5, 5, 5, 5, 0]
    assert MessageLog()._kept.maxlen == KEPT == 200
