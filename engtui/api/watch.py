"""Watching a list: what is new or changed since the last look, and how often a list may
look within the call budget. Shared by the list screens (``w``) and ``engtui list NAME
--watch SECONDS``; no Textual here.

A look reads the list's pages again as background work (`SellingService.background`: it
yields to what the user asked for). One watching list spends at most `WATCH_SHARE` of the
day's reads (``reads_per_day``, 100,000 by default: 10,000 reads, one page every 8.6 s): an
interval that would spend more (a list of many pages, a short interval) is lengthened to
the shortest that fits (`interval_for`), and whoever shows the watch says so.

An item is *new* when its id was not in the last look, *changed* when its content (every
member, not the row as drawn: a relative date such as "in 2 hours" changes with the clock
alone) differs from the last look's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

INTERVALS = (30, 60, 300)
"""The intervals ``W`` steps through on a list screen, in seconds."""
DEFAULT_INTERVAL = 60
WATCH_SHARE = 0.1
"""The share of the day's reads one watching list may spend."""
DAY = 24 * 60 * 60

NEW = "new"
CHANGED = "changed"


def interval_for(wanted: float, pages: int, daily: int, share: float = WATCH_SHARE) -> int:
    """The interval, in whole seconds, at which a list of ``pages`` pages may be looked at:
    ``wanted``, or longer when ``wanted`` would spend more than ``share`` of ``daily``
    reads a day."""
    budget = max(1.0, daily * share)
    shortest = math.ceil(max(1, pages) * DAY / budget)
    return max(math.ceil(wanted), shortest)


def next_interval(current: int) -> int:
    """The interval after ``current`` in `INTERVALS` (after the last: the first)."""
    later = [seconds for seconds in INTERVALS if seconds > current]
    return later[0] if later else INTERVALS[0]


def fingerprint(item: Any) -> str:
    """The content of one item as text (dates as ISO text): equal when the item is."""
    return json.dumps(item, sort_keys=True, default=str, separators=(",", ":"))


@dataclass
class Look:
    """The items of the last look, by id (their fingerprints), and the changes it found."""

    seen: dict[str, str] | None = None  # None: no look yet (the first sets the baseline)

    def compare(self, items: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Take a new look (``(id, fingerprint)`` pairs) and return the ids that are new or
        changed since the last one (`NEW`, `CHANGED`); the first look finds nothing."""
        now = dict(items)
        before, self.seen = self.seen, now
        if before is None:
            return {}
        changes: dict[str, str] = {}
        for identifier, content in now.items():
            if identifier not in before:
                changes[identifier] = NEW
            elif before[identifier] != content:
                changes[identifier] = CHANGED
        return changes

    def reset(self) -> None:
        """Forget the last look (the list asks something else now)."""
        self.seen = None


def counted(changes: Mapping[str, str]) -> str:
    """``3 new``, ``3 new, 1 changed``."""
    new = sum(1 for change in changes.values() if change == NEW)
    text = f"{new} new"
    changed = len(changes) - new
    return f"{text}, {changed} changed" if changed else text


def id_of(make_item: Callable[[], Callable[[Any, Any], Any]] | None,
          item_id: Callable[[Any], str], now: Any) -> Callable[[dict[str, Any]], str]:
    """The id of a raw item, as the list's declaration finds it (``make_item`` then
    ``item_id``)."""
    if make_item is None:
        return lambda item: str(item.get("Id", ""))
    build = make_item()
    return lambda item: item_id(build(item, now))
