"""Watching a list (issue 23, part 3): ``w`` watches, the summary line says so, a look after
the demo evolved marks the new invitation and counts it, ``P`` pauses, an interval beyond
the watch's share of the call budget is lengthened and said; and an invitation that expires
within a day is marked in the inbox, watching or not. Time is the app's clock, moved by the
test, and the watch's timer callback is called directly: no test waits for an interval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET, FIXED_NOW, demo_settings, plain, settle

from engtui.app import EngtuiApp
from engtui.demo.server import DemoServer
from engtui.screens.record_list import ListScreen
from engtui.widgets.list_summary import ListSummary
from engtui.widgets.summary_table import SummaryTable

LIST_OPERATION = "ListEngagementInvitations"


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def evolving() -> Iterator[DemoServer]:
    """A demo endpoint of its own (its data evolves: not the session's shared one)."""
    with DemoServer(access_key_id=DEMO_KEY_ID, secret_access_key=DEMO_SECRET) as server:
        yield server


def summary(app: EngtuiApp) -> str:
    return plain(app.screen.query_one(ListSummary), width=300).strip()


def drawn_row(table: SummaryTable, position: int) -> str:
    """The row at ``position`` (from 0) as the table draws it (line 0 is the header)."""
    return "".join(segment.text for segment in table.render_line(position + 1))


def lists_sent(server: DemoServer) -> int:
    return server.received_operations().count(LIST_OPERATION)


async def open_inbox(app: EngtuiApp, pilot) -> ListScreen:
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ListScreen)
    return screen


async def test_w_watches_and_a_look_marks_the_new_invitation(evolving) -> None:
    clock = Clock()
    app = EngtuiApp(demo_settings(evolving.url), now=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_inbox(app, pilot)
        assert "watching" not in summary(app)
        await pilot.press("w")
        await settle(app, pilot)
        assert "watching every 60 s · last 0 s ago · 0 new" in summary(app)

        new_id, _ = evolving.evolve_step()
        sent = lists_sent(evolving)
        clock.advance(30)
        screen.watcher.second()  # not due yet: nothing is asked
        await settle(app, pilot)
        assert lists_sent(evolving) == sent
        assert "last 30 s ago" in summary(app)

        clock.advance(31)
        screen.watcher.second()  # due: a look
        await settle(app, pilot)
        assert lists_sent(evolving) == sent + 1
        assert "watching every 60 s · last 0 s ago · 1 new" in summary(app)
        table = screen.table
        assert table.marked_ids() == {new_id: "new"}
        assert table.shown_ids()[0] == new_id  # newest first
        assert drawn_row(table, 0).startswith(f"+{new_id}")  # the marker in the margin
        assert drawn_row(table, 1).startswith(f" {table.shown_ids()[1]}")

        await pilot.press("w")  # stops: no marks, no words
        await pilot.pause()
        assert "watching" not in summary(app)
        assert table.marked_ids() == {}


async def test_pause_stops_the_looks(evolving) -> None:
    clock = Clock()
    app = EngtuiApp(demo_settings(evolving.url), now=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_inbox(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("P")
        await pilot.pause()
        assert "watch paused (every 60 s)" in summary(app)
        evolving.evolve_step()
        sent = lists_sent(evolving)
        clock.advance(600)
        screen.watcher.second()
        await settle(app, pilot)
        assert lists_sent(evolving) == sent  # paused: no look however long
        await pilot.press("P")  # resumed: the overdue look at once
        await settle(app, pilot)
        assert lists_sent(evolving) == sent + 1
        assert "watching every 60 s · last 0 s ago · 1 new" in summary(app)


async def test_an_interval_beyond_the_budget_share_is_lengthened_and_said(evolving) -> None:
    """2,000 reads a day: the watch's tenth is 200, one page a look every 432 s at most."""
    clock = Clock()
    app = EngtuiApp(demo_settings(evolving.url, reads_per_day=2000), now=clock)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_inbox(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert "watching every 432 s (60 s lengthened to fit the call budget)" in summary(app)
        sent = lists_sent(evolving)
        clock.advance(61)
        screen.watcher.second()
        await settle(app, pilot)
        assert lists_sent(evolving) == sent  # 60 s is not enough any more
        await pilot.press("W")  # 300 s: still lengthened
        await pilot.pause()
        assert "every 432 s (300 s lengthened" in summary(app)


async def test_an_invitation_expiring_within_a_day_is_marked(demo_server) -> None:
    """engi-p3nd1ngacp003 expires six hours after the tests' now; the others later."""
    app = EngtuiApp(demo_settings(demo_server.url), now=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_inbox(app, pilot)
        expiry = {row[0]: row[-1] for row in screen.table.shown_rows()}
        assert expiry["engi-p3nd1ngacp003"] == "! expires in 6 hours"
        assert expiry["engi-p3nd1ngaws001"] == "expires in 2 days"
        position = screen.table.shown_ids().index("engi-p3nd1ngacp003")
        assert drawn_row(screen.table, position).rstrip().endswith("! expires in 6 hours")
