"""Keys on the lookup screen land where the user sees focus (issue 13, item 1).

A printable key that the focused widget does not bind is typing: it goes to the identifier
input. Found by hand: after `↓ Enter Esc` focus stayed on the recent list, letters did
nothing and the `3` of `eng-n3` reopened recent engagement 3.
"""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, make_app, settle, shown
from textual.widgets import Input

from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.widgets.catalog_switch import CatalogSwitch
from engtui.widgets.recent_list import RecentList

IDS = [ENGAGEMENT_ID, "eng-t0000000000002", "eng-t0000000000003"]


async def open_three(app, pilot) -> None:
    for identifier in IDS:
        field = app.screen.query_one("#identifier", Input)
        field.value = ""
        await pilot.press(*identifier, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape")
        await pilot.pause()


async def test_typing_after_reopening_from_the_recent_list_types(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement(i) for i in IDS]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_three(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape")
        await pilot.pause()
        requests = len(server.requests)
        await pilot.press(*"eng-n3")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen), "a digit reopened a recent engagement"
        field = app.screen.query_one("#identifier", Input)
        assert field.value == "eng-n3"
        assert app.focused is field
        assert len(server.requests) == requests


async def test_letters_in_the_recent_list_go_to_the_input(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement(i) for i in IDS]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_three(app, pilot)
        await pilot.press("down")
        assert isinstance(app.focused, RecentList)
        await pilot.press(*"eng-n3")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)
        assert app.screen.query_one("#identifier", Input).value == "eng-n3"


async def test_a_digit_in_the_recent_list_still_reopens(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement(i) for i in IDS]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_three(app, pilot)
        await pilot.press("down", "3")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == IDS[0]  # recent 3 is the oldest


async def test_up_from_the_top_of_the_recent_list_returns_to_the_input(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement(i) for i in IDS]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_three(app, pilot)
        await pilot.press("down", "down")
        recent = app.screen.query_one(RecentList)
        assert app.focused is recent and recent.highlighted == 1
        await pilot.press("up", "up")
        assert app.focused is app.screen.query_one("#identifier", Input)


async def test_typing_on_the_catalog_switch_types_the_id(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        switch = app.screen.query_one(CatalogSwitch)
        assert app.focused is switch
        before = switch.value
        await pilot.press(*ENGAGEMENT_ID)
        await pilot.pause()
        assert switch.value == before
        field = app.screen.query_one("#identifier", Input)
        assert field.value == ENGAGEMENT_ID and app.focused is field
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == ENGAGEMENT_ID


async def test_space_on_the_catalog_switch_still_switches(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        switch = app.screen.query_one(CatalogSwitch)
        before = switch.value
        await pilot.press("tab", "space")
        assert switch.value != before and app.focused is switch


def burst(app, *keys: str) -> None:
    """Post ``keys`` to the app at once, as a terminal delivers keys typed in one read (fast
    typing, or keys queued over SSH): no wait for the screen between them, unlike Pilot."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_down_enter_in_one_burst_reopens_the_first_recent(make_demo_server) -> None:
    """Found by a flaky tmux test: `↓ Enter` arriving together left the Enter in the input
    (an empty lookup: "Type an id") because `↓` moved focus to the recent list only after
    the keys already queued. Focus now moves at once, so the Enter reaches the list."""
    server = make_demo_server({"engagements": [engagement(i) for i in IDS]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_three(app, pilot)
        await settle(app, pilot)
        burst(app, "down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen), "the Enter did not reach the recent list"
        assert app.screen.record.id == IDS[-1]  # recent engagement 1: the last one opened


async def test_escape_down_enter_from_a_record_in_one_burst(make_demo_server) -> None:
    """`Esc ↓ ↓ Enter` typed ahead from a record: back, then recent engagement 2."""
    server = make_demo_server({"engagements": [engagement(i) for i in IDS]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_three(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        burst(app, "escape")
        assert await shown(pilot, lambda: isinstance(app.screen, LookupScreen))
        burst(app, "down", "down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == IDS[1]

