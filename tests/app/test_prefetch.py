"""Prefetch (issue 24, part 3) through the real wire: the record under a resting cursor is
fetched before Enter, so Enter sends nothing; a move cancels; what is remembered is bounded
and refreshed when older than a minute; privacy mode masks a prefetched record; prefetch
yields to the call budget; ``prefetch = false`` turns it off.

The rest (``REST``, 0.2 s) is not slept through: the tests set it long and call
`Prefetcher.rest_now`, so what is asserted never depends on the machine's speed."""

from __future__ import annotations

import asyncio
import datetime as dt

from reliability_support import screen_text
from support import FIXED_NOW, answer_handled, demo_settings, engagement, look_up, make_app, settle

from engtui.app import EngtuiApp
from engtui.screens.opening import OpenRequest
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen

OPPORTUNITY_HOLDER = "eng-p4r0s5p3c7r3s1"  # bundled sample data: links to O6100001
PRIVATE = "eng-a1b2c3d4e5f6g7"  # bundled sample data: customer "Northwind Analytics Inc."


def item(number: int) -> dict:
    created = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=number))
    return engagement(f"eng-t{number:013d}", Title=f"Project {number}",
                      CreatedAt=created.strftime("%Y-%m-%dT%H:%M:%SZ"))


def gets(server, operation: str = "GetEngagement", since: int = 0) -> list[str]:
    return [str(r.params.get("Identifier")) for r in server.requests[since:]
            if r.operation == operation]


def prefetching_app(url: str, **settings: object) -> EngtuiApp:
    app = make_app(url, prefetch=True, **settings)
    app.navigator.prefetch.rest = 3600.0  # rested only when the test says so (rest_now)
    return app


async def open_list(app: EngtuiApp, pilot) -> ListScreen:
    await pilot.pause()
    await pilot.press("ctrl+l")
    await settle(app, pilot)
    assert isinstance(app.screen, ListScreen)
    return app.screen


async def rest(app: EngtuiApp, pilot, server, identifier: str,
               operation: str = "GetEngagement") -> None:
    """The cursor rests: the prefetch goes out; wait until its answer is handled."""
    app.navigator.prefetch.rest_now()
    await answer_handled(app, pilot, server, operation, identifier)


async def rest_on_second_row(app: EngtuiApp, pilot, server) -> tuple[ListScreen, str]:
    """The engagement list opened, the cursor down one row and resting there until its
    prefetch is handled: the list and the row's id."""
    screen = await open_list(app, pilot)
    await pilot.press("down")
    await pilot.pause()
    wanted = screen.table.shown_ids()[1]
    await rest(app, pilot, server, wanted)
    return screen, wanted


async def test_a_prefetch_hit_sends_nothing_on_enter(make_demo_server) -> None:
    server = make_demo_server({"engagements": [item(n) for n in range(1, 6)]})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        _, wanted = await rest_on_second_row(app, pilot, server)
        assert gets(server) == [wanted]
        before = len(server.requests)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == wanted
        assert f"Project {int(wanted[-2:])}" in screen_text(app)
        await settle(app, pilot)
        assert gets(server, since=before) == [], "Enter sent a Get for a prefetched record"


async def test_a_move_cancels_what_the_cursor_left(make_demo_server) -> None:
    server = make_demo_server({"engagements": [item(n) for n in range(1, 6)]})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        ids = screen.table.shown_ids()
        await pilot.press("down", "down")  # past row 0 and row 1 before any rest
        await pilot.pause()
        await rest(app, pilot, server, ids[2])
        assert gets(server) == [ids[2]]  # rows 0 and 1 were never asked for


async def test_an_answer_for_a_row_left_is_not_kept(make_demo_server) -> None:
    from engtui.api.kinds import ENGAGEMENT

    server = make_demo_server({"engagements": [item(n) for n in range(1, 6)]},
                              latency={"GetEngagement": 0.5})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        first = screen.table.shown_ids()[0]
        app.navigator.prefetch.rest_now()  # row 0 rested: its (slow) fetch is in flight
        await pilot.pause()
        assert app.navigator.prefetch.in_flight == 1
        await pilot.press("down")  # moved on before the answer came
        await answer_handled(app, pilot, server, "GetEngagement", first)
        assert app.navigator.remembered(OpenRequest(ENGAGEMENT, first, "Sandbox")) is None
        assert app.navigator.prefetch.counts.discarded == 1


async def test_enter_while_the_prefetch_is_in_flight_waits_for_it(make_demo_server) -> None:
    server = make_demo_server({"engagements": [item(n) for n in range(1, 4)]},
                              latency={"GetEngagement": 0.5})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        first = screen.table.shown_ids()[0]
        app.navigator.prefetch.rest_now()
        await pilot.pause()
        await pilot.press("enter")  # before the prefetch's answer
        await answer_handled(app, pilot, server, "GetEngagement", first)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == first
        assert gets(server) == [first]  # one request: Enter joined the prefetch


async def test_a_linked_row_and_the_first_pane_are_prefetched(demo_server) -> None:
    app = prefetching_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        start = len(demo_server.requests)
        await look_up(app, pilot, OPPORTUNITY_HOLDER)
        # the first related pane (members) loaded in the background, before it is shown
        assert gets(demo_server, "ListEngagementMembers", start) == [OPPORTUNITY_HOLDER]
        before = len(demo_server.requests)
        await pilot.press("2")
        await settle(app, pilot)
        assert len(demo_server.requests) == before, "showing the pane asked again"
        await pilot.press("3")  # the linked opportunities: the cursor is on O6100001
        await settle(app, pilot)
        await rest(app, pilot, demo_server, "O6100001", "GetOpportunity")
        before = len(demo_server.requests)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == "O6100001"
        assert gets(demo_server, "GetOpportunity", before) == []


async def test_a_remembered_record_is_refreshed_only_when_older_than_a_minute(
        demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, PRIVATE)
        await pilot.press("escape")
        await settle(app, pilot)
        before = len(demo_server.requests)
        await look_up(app, pilot, PRIVATE)  # seen a moment ago: drawn, nothing sent
        assert isinstance(app.screen, RecordScreen)
        assert gets(demo_server, since=before) == []
        await pilot.press("escape")
        await settle(app, pilot)
        app.now = lambda: FIXED_NOW + dt.timedelta(minutes=2)
        await look_up(app, pilot, PRIVATE)  # older than a minute: drawn, refreshed quietly
        assert isinstance(app.screen, RecordScreen)
        assert gets(demo_server, since=before) == [PRIVATE]


async def test_privacy_mode_masks_a_prefetched_record(demo_server) -> None:
    app = EngtuiApp(demo_settings(demo_server.url, prefetch=True), now=lambda: FIXED_NOW,
                    redact=True)
    app.navigator.prefetch.rest = 3600.0
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        screen.table.move_cursor(screen.table.shown_ids().index(PRIVATE))
        await pilot.pause()
        await rest(app, pilot, demo_server, PRIVATE)
        before = len(demo_server.requests)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == PRIVATE
        assert gets(demo_server, since=before) == []  # drawn from the prefetch
        text = screen_text(app)
        assert "••••••" in text and "northwind" not in text.lower()


async def test_prefetch_waits_for_room_in_the_call_budget(make_demo_server) -> None:
    """A budget with no room left for background work: the prefetch is dropped, not
    sent (one read per 1,000 seconds: the list's own page fills the window)."""
    server = make_demo_server({"engagements": [item(n) for n in range(1, 4)]})
    app = prefetching_app(server.url, reads_per_second=0.001)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        assert screen.table.row_count == 3
        app.navigator.prefetch.rest_now()
        await settle(app, pilot)
        assert app.navigator.prefetch.counts.dropped == 1
        assert gets(server) == []


async def test_prefetch_false_sends_nothing_before_enter(make_demo_server) -> None:
    server = make_demo_server({"engagements": [item(n) for n in range(1, 4)]})
    app = make_app(server.url, prefetch=False)
    app.navigator.prefetch.rest = 0.0
    async with app.run_test(size=(100, 30)) as pilot:
        await open_list(app, pilot)
        await pilot.press("down")
        app.navigator.prefetch.rest_now()
        await settle(app, pilot)
        await asyncio.sleep(0)
        assert gets(server) == []


async def test_a_linked_field_under_the_cursor_is_prefetched(demo_server) -> None:
    from reliability_support import tree_nodes

    from engtui.widgets.context_tree import ContextTree

    app = prefetching_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "engi-p3nd1ngaws001")  # an invitation: its EngagementId
        tree = app.screen.query_one(ContextTree)
        field = next(node for node in tree_nodes(tree)
                     if node.data is not None and node.data.name == "EngagementId")
        tree.move_cursor(field)
        await pilot.pause()
        await rest(app, pilot, demo_server, OPPORTUNITY_HOLDER)
        before = len(demo_server.requests)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == OPPORTUNITY_HOLDER
        assert gets(demo_server, since=before) == []


# -- the record screen made ready ahead of Enter ----------------------------------------------
def project(identifier: str) -> str:
    return f"Project {int(identifier[-2:])}"


async def test_a_landed_prefetch_fills_the_record_screen_before_enter(make_demo_server) -> None:
    """The prefetch lands while the cursor rests: the record's screen is composed and filled
    off the stack then (its first pane is not asked for yet: the cursor may move on), and
    Enter pushes that very screen: the record's tree, and no request."""
    from support import plain

    from engtui.widgets.record_header import RecordHeader

    server = make_demo_server({"engagements": [item(n) for n in range(1, 6)]})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, wanted = await rest_on_second_row(app, pilot, server)
        ready = app.get_screen("record-engagement")  # no record screen existed before
        assert isinstance(ready, RecordScreen) and ready not in app.screen_stack
        assert ready.is_mounted and ready.record.id == wanted
        assert wanted in plain(ready.query_one(RecordHeader))
        assert app.screen is screen
        assert gets(server, "ListEngagementMembers") == []
        before = len(server.requests)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is ready and app.screen.record.id == wanted
        assert project(wanted) in screen_text(app) and "Contexts (" in screen_text(app)
        await settle(app, pilot)
        assert gets(server, since=before) == [], "Enter sent a Get for a prefetched record"
        assert gets(server, "ListEngagementMembers", before) == [wanted]  # shown: its pane


async def test_a_move_drops_the_ready_screen(make_demo_server) -> None:
    """Ready for row 1, the cursor moves to row 2 and Enter comes at once (a miss): row 2's
    record is fetched and shown, never row 1's ready screen."""
    server = make_demo_server({"engagements": [item(n) for n in range(1, 6)]})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        ids = screen.table.shown_ids()
        await pilot.press("down")
        await rest(app, pilot, server, ids[1])
        assert app.navigator.ready_key is not None
        await pilot.press("down")
        await pilot.pause()
        assert app.navigator.ready_key is None  # dropped by the move
        await pilot.press("enter")
        await answer_handled(app, pilot, server, "GetEngagement", ids[2])
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == ids[2]
        text = screen_text(app)
        assert project(ids[2]) in text and project(ids[1]) not in text
        assert gets(server) == [ids[1], ids[2]]


async def test_a_ready_screen_is_never_shown_for_another_row(make_demo_server) -> None:
    """Row 0 opened once (the screen has a size from then on, so it is drawn ahead off the
    stack too); ready for row 1: Enter shows row 1. Then ready for row 2, and back on row 1,
    which is remembered (no prefetch, no ready screen): Enter shows row 1, redrawn over row
    2's ready screen."""
    from engtui.api.kinds import ENGAGEMENT

    server = make_demo_server({"engagements": [item(n) for n in range(1, 6)]})
    app = prefetching_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        ids = screen.table.shown_ids()
        await rest(app, pilot, server, ids[0])
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("down")
        await rest(app, pilot, server, ids[1])  # ready for row 1, drawn ahead
        assert app.navigator.ready_key == app.navigator.request_key(
            OpenRequest(ENGAGEMENT, ids[1], "Sandbox"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.record.id == ids[1]
        text = screen_text(app)
        assert project(ids[1]) in text and project(ids[0]) not in text
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("down")
        await rest(app, pilot, server, ids[2])  # now ready for row 2
        await pilot.press("up")  # row 1 is remembered: nothing is made ready
        await settle(app, pilot)
        assert app.navigator.ready_key is None
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.record.id == ids[1]
        text = screen_text(app)
        assert project(ids[1]) in text and project(ids[2]) not in text
        assert gets(server) == ids[:3]  # every record fetched once, by its prefetch


async def test_privacy_mode_turned_on_after_the_screen_was_made_ready(demo_server) -> None:
    """Filled unmasked ahead of Enter, then privacy mode goes on: Enter shows it masked."""
    app = prefetching_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(app, pilot)
        screen.table.move_cursor(screen.table.shown_ids().index(PRIVATE))
        await pilot.pause()
        await rest(app, pilot, demo_server, PRIVATE)
        assert app.navigator.ready_key is not None
        await pilot.press("f9")
        await pilot.pause()
        before = len(demo_server.requests)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == PRIVATE
        assert gets(demo_server, since=before) == []
        text = screen_text(app)
        assert "••••••" in text and "northwind" not in text.lower()
