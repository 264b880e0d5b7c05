"""The records remembered in a run (`engtui.api.record_memory`): bounded, least recently
used first, each with the time it was fetched (the app's clock)."""

from __future__ import annotations

import datetime as dt

from engtui.api.record_memory import LIMIT, RecordMemory

START = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def test_the_memory_stays_bounded_and_drops_the_least_recently_used() -> None:
    memory: RecordMemory[str] = RecordMemory(Clock())
    for number in range(LIMIT + 50):
        memory.put(number, f"record {number}")
        if number >= 1:
            memory.get(0)  # record 0 is used all along: it stays
    assert len(memory) == LIMIT == 200
    assert memory.get(0) == "record 0"
    assert memory.get(1) is None and memory.get(50) is None  # the oldest unused went first
    assert memory.get(LIMIT + 49) == f"record {LIMIT + 49}"


def test_an_entry_older_than_a_minute_is_not_fresh() -> None:
    clock = Clock()
    memory: RecordMemory[str] = RecordMemory(clock)
    memory.put("eng", "record")
    clock.now = START + dt.timedelta(seconds=59)
    assert memory.is_fresh("eng")
    clock.now = START + dt.timedelta(seconds=61)
    assert not memory.is_fresh("eng") and memory.get("eng") == "record"
    memory.put("eng", "again")  # fetched again: fresh from now
    assert memory.is_fresh("eng") and memory.age("eng") == 0
    assert not memory.is_fresh("other") and memory.age("other") is None
