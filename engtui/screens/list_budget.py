"""The row budget of a list screen: a list stops loading at ``row_budget`` rows (200,000 by
default, twice what the benchmarks load) and asks whether to go on, so an endless server
(a new ``NextToken`` on every page) cannot grow engtui's memory until the machine gives out.

`RowBudget.pages` wraps a page stream. It runs in the daemon thread that asks for pages
(`engtui.threads.iterate_in_daemon_thread`): after handing over the page that reaches the
budget (with more to come), it waits, before the next request, until `go_on` raises the
budget or `close` ends the stream. The screen decides the same from the same pages
(`reached`), so it knows the stream is waiting without asking the thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from engtui.api.listing import SummaryPage

ROW_BUDGET = 200_000


class RowBudget:
    """How many rows one load may bring before it waits for `go_on` (or `close`)."""

    def __init__(self, rows: int = ROW_BUDGET) -> None:
        self.step = rows
        self.limit = rows
        self._wake = threading.Event()
        self._closed = False

    def reached(self, rows_so_far: int, page: SummaryPage) -> bool:
        """True when the stream waits after ``page`` (``rows_so_far`` includes it)."""
        return page.more and rows_so_far >= self.limit

    def pages(self, pages: Iterator[SummaryPage]) -> Iterator[SummaryPage]:
        """``pages``, pausing at the budget (call in the thread that asks for pages)."""
        rows = 0
        for page in pages:
            yield page
            rows += len(page.rows)
            while self.reached(rows, page):
                self._wake.wait()
                self._wake.clear()
                if self._closed:
                    return

    def go_on(self) -> None:
        """Load another ``step`` rows (from the screen, while the stream waits)."""
        self.limit += self.step
        self._wake.set()

    def close(self) -> None:
        """End the stream (a reload, Escape, the screen closing): the thread stops."""
        self._closed = True
        self._wake.set()
