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
from typing import TYPE_CHECKING

from engtui.api.listing import SummaryPage

ROW_BUDGET = 200_000


class RowBudget:
    """How many rows one load may bring before it waits for `go_on` (or `close`)."""

    def __init__(self, rows: int = ROW_BUDGET) -> None:
        self.step = rows
        self.limit = rows
        self._wake = threading.Event()
        self._closed = False
        self.arrived_rows = 0

    def arrived(self, page: SummaryPage) -> bool:
        """Count ``page`` on the screen's side; True when the stream now waits after it."""
        self.arrived_rows += len(page.rows)
        return self.reached(self.arrived_rows, page)

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


class PausesAtBudget:
    """The list screen's side (a mixin of `engtui.screens.record_list.ListScreen`, which
    sets ``budget`` and ``at_budget`` and has ``_set_loading``): the waiting state, ``m``,
    and the end of a waiting stream with the screen."""

    budget: RowBudget
    at_budget: bool
    """Loading waits at the row budget (``m`` goes on, Escape stops)."""
    if TYPE_CHECKING:  # the screen's own
        def _set_loading(self, loading: bool) -> None: ...
        def refresh_bindings(self) -> None: ...

    def on_unmount(self) -> None:
        self.budget.close()  # a stream waiting at the budget ends with the screen

    def _new_budget(self, rows: int | None) -> None:
        """End the stream of the budget so far (a reload, Escape); a new budget of ``rows``
        for the next load (None: none needed, loading stops)."""
        self.budget.close()
        if rows is not None:
            self.budget = RowBudget(rows)
        self._set_at_budget(False)

    def _set_at_budget(self, waiting: bool) -> None:
        self.at_budget = waiting
        if waiting:
            self._set_loading(False)
        self.refresh_bindings()

    def action_more_rows(self) -> None:
        """Go on past the row budget: as many rows again."""
        if not self.at_budget:
            return
        self._set_at_budget(False)
        self._set_loading(True)
        self.budget.go_on()
