"""An engagement's timeline on screen (``t`` on an engagement): everything the API can date
about it, oldest first, one event a row (`engtui.api.timeline` builds them).

Its sources are read in parallel, each in a daemon thread of its own, within the call
budget (every call goes through the app's `RecordSource`); the title line counts them as
they come, and a source that fails is named on the line under it while the others are
shown. ``f`` steps the kind shown (all, engagement, invitation, task, snapshot, snapshot
job, opportunity); Enter opens the record of the highlighted event (its screen is pushed
over this one, Escape comes back); ``r`` reads every source again. Privacy mode masks the
events as the record screen masks the record (F9 redraws them from the data read, without
reading again). The line under the table shows the highlighted event in full.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from engtui.api.errors import ApiError, classify
from engtui.api.timeline import KINDS, SOURCES, Event, Gathered, Timeline, build, read_source
from engtui.host import host
from engtui.screens.base import EngtuiScreen
from engtui.screens.opening import OpenRequest, RecordOpener
from engtui.threads import in_daemon_thread
from engtui.widgets.plain import safe_text

if TYPE_CHECKING:
    from engtui.api.records import Record

NO_DATE = "no date"
WHEN_WIDTH = 16  # 2026-02-14 09:05
KIND_WIDTH = 12  # snapshot job


class TimelineScreen(EngtuiScreen):
    """The timeline of one engagement (``record``)."""

    BINDING_GROUP_TITLE = "Timeline"
    AUTO_FOCUS = "#events"

    DEFAULT_CSS = """
    TimelineScreen #timeline-title { height: 1; padding: 0 1; text-style: bold; }
    TimelineScreen #timeline-failures { height: auto; max-height: 3; padding: 0 1;
        color: $error; }
    TimelineScreen #events { height: 1fr; border: round $primary 40%; }
    TimelineScreen #events:focus { border: round $primary; }
    TimelineScreen #timeline-detail { height: auto; max-height: 4; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="timeline.back",
                tooltip="Back to the engagement (or cancel opening a record)"),
        Binding("f", "next_kind", "Kind", id="timeline.kind",
                tooltip="Show one kind of event: all, engagement, invitation, task, "
                        "snapshot, snapshot job, opportunity (steps)"),
        Binding("r", "reload", "Reload", id="timeline.reload",
                tooltip="Read every source of the timeline again"),
        Binding("q", "app.quit", "Quit", show=False, id="timeline.quit", tooltip="Quit engtui"),
    ]

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record
        self.results: dict[str, Gathered | ApiError] = {}
        self.timeline = Timeline([], [])
        self.kind: str | None = None  # None: every kind
        self.shown: list[Event] = []
        self.opener = RecordOpener(self)
        self._reading = 0  # which reading is current (a reload makes older answers stale)

    @property
    def crumb(self) -> str:
        return "Timeline"

    def compose_body(self) -> ComposeResult:
        yield Static("", id="timeline-title")
        yield Static("", id="timeline-failures")
        table: DataTable[Text] = DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="timeline-detail")

    def on_mount(self) -> None:
        self.watch(self.app, "redacted", lambda _: self._draw(), init=False)
        self._read()

    # -- reading ----------------------------------------------------------------------------
    def _read(self) -> None:
        self._reading += 1
        self.results = {}
        self.timeline = Timeline([], [])
        self._draw()
        self._read_sources(self._reading)

    @work(group="timeline", exclusive=True, exit_on_error=False)
    async def _read_sources(self, reading: int) -> None:
        records = host(self).records
        catalog, identifier = self.record.catalog, self.record.id

        async def one(index: int) -> None:
            source = SOURCES[index]
            load = partial(read_source, source, records, catalog, identifier)
            try:
                outcome: Gathered | ApiError = await in_daemon_thread(
                    load, f"engtui-timeline-{index}")
            except Exception as exc:  # a bug in a source: said as its failure
                outcome = classify(exc)
            if reading == self._reading:
                self.results[source.name] = outcome
                self._draw()

        await asyncio.gather(*(one(index) for index in range(len(SOURCES))))

    # -- drawing ----------------------------------------------------------------------------
    def _draw(self) -> None:
        if not self.is_mounted:
            return
        self.timeline = build(self.results, masked=host(self).redacted)
        self.shown = self.timeline.of_kind(self.kind)
        read, total = len(self.results), len(SOURCES)
        count = len(self.shown)
        said = f"{count} event{'s' if count != 1 else ''}"
        if self.kind is not None:
            said += f" of kind {self.kind}"
        loading = f" · reading its sources: {read} of {total} done" if read < total else ""
        self.query_one("#timeline-title", Static).update(safe_text(
            f"Timeline of {self.record.id}: {said}{loading} · f: kind "
            f"({self.kind or 'all'})"))
        failures = self.timeline.failures
        shown = self.query_one("#timeline-failures", Static)
        shown.display = bool(failures)
        shown.update(safe_text("\n".join(f"Could not read {failure.line()}"
                                         for failure in failures)))
        self._draw_table()

    def _draw_table(self) -> None:
        table: DataTable[Text] = self.query_one("#events", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        width = max(self.size.width - 4, 40)
        table.add_column("When", key="when", width=WHEN_WIDTH)
        table.add_column("Kind", key="kind", width=KIND_WIDTH)
        event_width = max(width - WHEN_WIDTH - KIND_WIDTH - 6, 10)
        table.add_column("Event", key="event", width=event_width)
        for event in self.shown:
            when = (event.when.strftime("%Y-%m-%d %H:%M") if event.when is not None
                    else NO_DATE)
            table.add_row(Text(when, style="dim" if event.when is None else ""),
                          Text(event.kind), safe_text(event.event, limit=event_width))
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
            self._show_detail(table.cursor_row)
        else:
            self.query_one("#timeline-detail", Static).update("")

    @on(DataTable.RowHighlighted, "#events")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, index: int) -> None:
        if not 0 <= index < len(self.shown):
            return
        from engtui.timefmt import human

        event = self.shown[index]
        when = human(event.when, host(self).now()) if event.when is not None else \
            "no date (the API gives none)"
        opens = " · Enter opens it" if event.opens is not None else ""
        self.query_one("#timeline-detail", Static).update(safe_text(
            f"{when} · {event.source}{opens}\n{event.event}"))

    # -- keys -------------------------------------------------------------------------------
    def action_next_kind(self) -> None:
        order: list[str | None] = [None, *KINDS]
        self.kind = order[(order.index(self.kind) + 1) % len(order)]
        self._draw()

    def action_reload(self) -> None:
        self._read()

    @on(DataTable.RowSelected, "#events")
    def _selected(self, event: DataTable.RowSelected) -> None:
        from engtui.api.kinds import KINDS as RECORD_KINDS

        if not 0 <= event.cursor_row < len(self.shown):
            return
        chosen = self.shown[event.cursor_row]
        kind = RECORD_KINDS.get(chosen.opens.kind) if chosen.opens is not None else None
        if chosen.opens is None or kind is None:
            self.notify("This event opens no record engtui can show (a task without a "
                        "Get: its opportunity is named when it made one).", markup=False)
            return
        self.opener.open(OpenRequest(kind, chosen.opens.identifier, self.record.catalog,
                                     dict(chosen.opens.params)))

    def on_record_opener_waiting(self, event: RecordOpener.Waiting) -> None:
        if not event.stale:
            self.notify(f"Opening {event.request.identifier}…", timeout=2, markup=False)

    def on_record_opener_failed(self, event: RecordOpener.Failed) -> None:
        if not event.stale:
            self.notify(event.error.one_line(), title=event.error.kind.title,
                        severity="error", markup=False)

    def action_back(self) -> None:
        if self.opener.busy:
            self.opener.cancel()
            self.notify("Opening cancelled.")
            return
        self._reading += 1  # answers still on their way are dropped
        self.workers.cancel_group(self, "timeline")
        self.dismiss()

    def on_resize(self, _: Any) -> None:
        if self.is_mounted:
            self._draw_table()
