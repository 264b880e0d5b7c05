"""The list table's filter, incremental: which loaded rows contain a needle.

Every row has one haystack, its filtered columns joined and lowered, built once as the row
arrives (`add`), never per keystroke. A filter is a list of row indices in row order (the
view). A row that contains a needle contains every substring of it, so a new needle is
filtered from the smallest view already known for one of its substrings: typing one more
character scans only the rows still shown, and a deleted character (or a paste, or an edit in
the middle) often finds its result in the cache of recent views. Rows that arrive later are
added to every cached view, so the cache stays exact while a list loads.

The first character typed has no smaller view to start from, and scanning 100,000 haystacks
costs 6-13 ms: so each character also has the rows that hold it (its posting, an `array` of
row numbers, 4 bytes a row and character, built as rows arrive). A needle is then filtered
from the smallest of its characters' postings and the cached views of its substrings, and
the test itself runs in C (`compress` over `map(contains, ...)`), not in a Python loop.

Memory stays linear in the rows: the cached views together hold at most `BUDGET` times as
many indices as there are rows (plus the view in force), the oldest evicted first; the
indices of a narrowed view are the same int objects as its base's.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import contains

BUDGET = 3  # the cached views together: at most this many indices per loaded row
MAX_VIEWS = 32


class RowFilter:
    """The rows' haystacks, the needle in force, its view and a cache of recent views."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.needle = ""
        self.view: list[int] = []
        self._cache: dict[str, list[int]] = {"": self.view}
        self._postings: defaultdict[str, array[int]] = defaultdict(_posting)

    def clear(self) -> None:
        """Forget every row (the needle stays in force)."""
        self.keys = []
        self.view = []
        self._cache = {self.needle: self.view}
        self._postings = defaultdict(_posting)

    def add(self, keys: Iterable[str]) -> None:
        """Append rows by their haystacks (already lowered); every cached view, the one in
        force included, gets the new rows that match its needle."""
        start = len(self.keys)
        new = list(keys)
        self.keys.extend(new)
        postings = self._postings
        for index, key in enumerate(new, start):
            for char in set(key):
                postings[char].append(index)
        for needle, view in self._cache.items():
            if needle:
                view.extend(start + offset for offset, key in enumerate(new) if needle in key)
            else:
                view.extend(range(start, start + len(new)))

    def set(self, needle: str) -> list[int]:
        """Put ``needle`` (lowered) in force and return its view (a list owned here: do not
        change it)."""
        if needle == self.needle:
            return self.view
        view = self._cache.pop(needle, None)
        if view is None:
            view = self._narrowed(needle)
        self._cache[needle] = view  # the most recently used last
        self.needle, self.view = needle, view
        self._evict()
        return view

    def full(self, needle: str) -> list[int]:
        """The view of ``needle`` computed from every row (what `set` must equal)."""
        return [index for index, key in enumerate(self.keys) if needle in key]

    def _narrowed(self, needle: str) -> list[int]:
        keys = self.keys
        base: Sequence[int] | None = None
        for known, view in self._cache.items():
            if known in needle and (base is None or len(view) < len(base)):
                base = view
        postings = self._postings
        if len(needle) == 1:  # a character's posting is its view
            posting = postings.get(needle)
            return list(posting) if posting is not None else []
        for char in set(needle):
            posting = postings.get(char)
            if posting is None:  # no row holds this character
                return []
            if base is None or len(posting) < len(base):
                base = posting
        if base is None or len(base) == len(keys):
            return list(compress(range(len(keys)), map(contains, keys, repeat(needle))))
        held = map(contains, map(keys.__getitem__, base), repeat(needle))
        return list(compress(base, held))

    def _evict(self) -> None:
        cache = self._cache
        budget = BUDGET * len(self.keys) + len(self.view)
        held = sum(len(view) for view in cache.values())
        for needle in list(cache):
            if held <= budget and len(cache) <= MAX_VIEWS:
                break
            if needle != self.needle:
                held -= len(cache.pop(needle))


def _posting() -> array[int]:
    return array("I")
