"""The records seen (or prefetched) in this run: bounded, timestamped, in memory only.

API data holds customer PII, so records are never cached on disk; in memory they are kept
for the run, at most `LIMIT` of them, the least recently used going first when a new one
comes. Each entry carries the time it was fetched (by the app's clock, so tests move it):
a record opened again is drawn from here at once, and fetched again quietly only when it is
older than `MAX_AGE` seconds.

No Textual here: the navigator (`engtui.screens.navigator`) keys the entries (profile,
catalog, kind, id, request members) and the prefetcher (`engtui.screens.prefetch`) fills
them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

LIMIT = 200
"""Records kept at most (the least recently used goes first)."""
MAX_AGE = 60.0
"""Seconds after which a remembered record is fetched again when it is opened."""

V = TypeVar("V")


class RecordMemory(Generic[V]):
    """A least-recently-used map of fetched records with the time each was fetched."""

    def __init__(self, clock: Callable[[], dt.datetime], limit: int = LIMIT,
                 max_age: float = MAX_AGE) -> None:
        if limit < 1:
            raise ValueError("the memory holds at least one record")
        self.limit = limit
        self.max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[V, dt.datetime]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def get(self, key: Hashable) -> V | None:
        """The record kept under ``key`` (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def age(self, key: Hashable) -> float | None:
        """Seconds since the record under ``key`` was fetched (None: not kept)."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        return (self._clock() - entry[1]).total_seconds()

    def is_fresh(self, key: Hashable) -> bool:
        """Kept, and fetched less than `max_age` seconds ago."""
        age = self.age(key)
        return age is not None and age < self.max_age

    def put(self, key: Hashable, value: V) -> None:
        """Keep ``value`` under ``key``, fetched now; the least recently used record goes
        when the memory is full."""
        with self._lock:
            self._entries[key] = (value, self._clock())
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
