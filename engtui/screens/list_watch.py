"""A list screen's watch (``w``): the list looks again every interval and marks the rows
that are new or changed since the last look (`engtui.api.watch`). The list screen holds one
`ListWatch`; its keys are every list's (`engtui.screens.list_keys`).

- ``w`` starts watching (a first look at once: the baseline) or stops; ``W`` steps the
  interval (30, 60, 300 s; 60 by default) and starts watching; ``P`` pauses and resumes.
- A look is background work (`RecordSource.background`: it waits while the user's calls
  wait) and reads as many pages as the list has loaded; its rows replace the list's, the
  cursor stays on its row, and the new or changed ones are marked (`SummaryTable.mark`).
- The interval never spends more than the watch's share of the day's reads
  (`engtui.api.watch.interval_for`); when it is lengthened, the summary line says so.
- Time is the app's clock (`Host.now`), checked by a one-second Textual timer that also
  keeps "last 12 s ago" current; tests move the clock and call `second`, or call `look`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from engtui.api.budget import DEFAULT_DAILY
from engtui.api.errors import ApiError, classify
from engtui.api.watch import (
    DEFAULT_INTERVAL,
    Look,
    counted,
    fingerprint,
    interval_for,
    next_interval,
)
from engtui.host import host
from engtui.threads import in_daemon_thread
from engtui.widgets.latest import Latest

if TYPE_CHECKING:
    from textual.timer import Timer

    from engtui.api.records import Options
    from engtui.screens.record_list import ListScreen

TICK = 1.0
"""Seconds between the timer's checks (and redraws of "last N s ago")."""


def ago(seconds: float) -> str:
    """``12 s``, ``3 min``, ``2 h``."""
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


class ListWatch:
    """Watching one list screen (see the module)."""

    def __init__(self, screen: ListScreen) -> None:
        self.screen = screen
        self.watching = False
        self.paused = False
        self.wanted = DEFAULT_INTERVAL  # the interval picked; `interval` may be longer
        self.last: dt.datetime | None = None  # the last look's time (app clock)
        self.looking = False
        self.failure: ApiError | None = None
        self.changes: dict[str, str] = {}  # the last look's: id → "new" / "changed"
        self._look = Look()
        self._options: Options | None = None  # what the baseline was asked with
        self._pages = 1
        self._looks = Latest(screen)
        self._timer: Timer | None = None

    # -- the interval -----------------------------------------------------------------------
    @property
    def daily(self) -> int:
        """The day's reads of the connection (``reads_per_day``), as the connection bar has
        them; the documented quota until it knows."""
        return host(self.screen).connection.daily or DEFAULT_DAILY

    @property
    def interval(self) -> int:
        """The interval in force: the one picked, or longer to stay in the budget's share."""
        return interval_for(self.wanted, max(self._pages, self.screen.pages), self.daily)

    @property
    def lengthened(self) -> bool:
        return self.interval > self.wanted

    # -- keys -------------------------------------------------------------------------------
    def toggle(self) -> None:
        """``w``: start (a first look at once) or stop watching."""
        if self.watching:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        self.watching = True
        self.paused = False
        if self._timer is None:
            self._timer = self.screen.set_interval(TICK, self.second)
        else:
            self._timer.resume()
        self.screen.refresh_bindings()  # P (pause) is shown while watching
        self.look()

    def stop(self) -> None:
        self.watching = False
        self.paused = False
        if self._timer is not None:
            self._timer.pause()
        self._looks.drop()
        self.looking = False
        self._look.reset()
        self.changes = {}
        self.last = None
        self.failure = None
        self.screen.table.mark({})
        self.screen.refresh_bindings()
        self.screen.update_summary()

    def step_interval(self) -> None:
        """``W``: the next interval (30, 60, 300 s); watching starts if it had not."""
        self.wanted = next_interval(self.wanted)
        if self.watching:
            self.screen.update_summary()
        else:
            self.start()

    def toggle_pause(self) -> None:
        """``P``: no more looks until resumed (a resume looks at once if one is due)."""
        if not self.watching:
            return
        self.paused = not self.paused
        self.screen.update_summary()
        if not self.paused:
            self.second()

    # -- time -------------------------------------------------------------------------------
    def _now(self) -> dt.datetime:
        return host(self.screen).now()

    def due(self) -> bool:
        if self.last is None:
            return True
        return (self._now() - self.last).total_seconds() >= self.interval

    def second(self) -> None:
        """The timer: look when one is due (not paused, not already looking, the list not
        loading); keep the summary's "last N s ago" current."""
        if not self.watching:
            return
        if not self.paused and not self.looking and not self.screen.fetching and self.due():
            self.look()
        else:
            self.screen.update_summary()

    # -- a look -----------------------------------------------------------------------------
    def look(self) -> None:
        """Read the list again now (background work) and mark what changed."""
        if self.screen.fetching:
            return  # the user's own load is under way: the next second looks
        number = self._looks.start()
        self.looking = True
        self.screen.update_summary()
        self.screen.run_worker(self._run(number), group="list-watch", exclusive=True,
                               exit_on_error=False)

    async def _run(self, number: int) -> None:
        screen = self.screen
        catalog, options = screen.catalog, screen.options
        pages = max(1, screen.pages)
        records = host(screen).records

        def fetch() -> tuple[list[dict[str, Any]], int, bool]:
            query = options.query()  # options that conflict raise here, said as a failure
            items: list[dict[str, Any]] = []
            count, more = 0, False
            with records.background():  # the user's calls go first
                for count, page, further in records.list_pages(
                        query.operation, query.result_key, catalog, query.params,
                        service=query.service):
                    items.extend(page)
                    more = further
                    if count >= pages or not self._looks.is_latest(number):
                        break
            return items, count, more

        try:
            items, count, more = await in_daemon_thread(fetch, "engtui-watch")
        except Exception as exc:  # said on the summary line; the next look tries again
            if self._looks.is_latest(number):
                self.looking = False
                self.failure = classify(exc)
                self.last = self._now()
                screen.update_summary()
            return
        if not self._looks.is_latest(number):
            return
        self.looking = False
        if screen.fetching or screen.options is not options:
            self._look.reset()  # the list asks something else now: start again from there
            screen.update_summary()
            return
        self._show(options, items, count, more)

    def _show(self, options: Options, items: list[dict[str, Any]], pages: int,
              more: bool) -> None:
        screen, spec = self.screen, self.screen.spec
        if spec.make_item is None:
            return
        now = self._now()
        build = spec.make_item()
        shown = items
        if host(screen).redacted:  # privacy mode: each row from the masked item
            from engtui.api.redact import redact_list_item

            query = options.query()
            shown = [redact_list_item(item, query.operation, query.result_key)
                     for item in items]
        rows = [build(item, now) for item in shown]
        if self._options is not options:
            self._look.reset()
            self._options = options
        self.changes = self._look.compare(
            (spec.item_id(row), fingerprint(item)) for row, item in zip(rows, items, strict=True))
        self.failure = None
        self.last = now
        self._pages = max(1, pages)
        screen.show_look(rows, pages, more, self.changes)

    # -- the summary line -------------------------------------------------------------------
    def describe(self) -> str:
        """``watching every 60 s · last 12 s ago · 3 new`` (empty when not watching)."""
        if not self.watching:
            return ""
        interval = self.interval
        every = f"every {interval} s"
        if interval > self.wanted:
            every += f" ({self.wanted} s lengthened to fit the call budget)"
        parts = [f"watch paused ({every})" if self.paused else f"watching {every}"]
        if self.looking and self.last is None:
            parts.append("looking…")
        elif self.last is not None:
            parts.append(f"last {ago((self._now() - self.last).total_seconds())} ago")
        if self.failure is not None:
            parts.append(f"last look failed: {self.failure.kind.title}")
        elif self.last is not None:
            parts.append(counted(self.changes))
        return " · ".join(parts)
