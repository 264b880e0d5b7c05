"""Back to a record seen in this run, on a slow link: a record opened again is drawn at once
from memory and refreshed in the background, and Escape on it goes back at once (the
background refresh is not one the user asked for, so Escape does not stop at cancelling it).
Through the real wire, with latency added to the opportunity's answers."""

from __future__ import annotations

import datetime as dt

from support import FIXED_NOW, make_app, settle

from engtui.screens.record import RecordScreen

ENGAGEMENT = "eng-p4r0s5p3c7r3s1"  # bundled sample data: links to opportunity O6100001
SLOW = 0.6


def shown(app) -> str:
    screen = app.screen
    return f"{screen.kind.name} {screen.record.id}" if isinstance(screen, RecordScreen) else ""


def gets(server) -> int:
    return sum(1 for request in server.requests if request.operation == "GetOpportunity")


async def test_escape_goes_back_while_a_background_refresh_is_in_flight(
    make_demo_server,
) -> None:
    server = make_demo_server(latency={"GetOpportunity": SLOW})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*ENGAGEMENT, "enter")
        await settle(app, pilot)
        engagement = app.screen
        assert shown(app) == f"engagement {ENGAGEMENT}"
        await pilot.press("3")  # the linked opportunities
        await settle(app, pilot)
        await pilot.press("enter")  # the first open waits for the answer
        await settle(app, pilot)
        assert shown(app) == "opportunity O6100001" and gets(server) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is engagement

        app.now = lambda: FIXED_NOW + dt.timedelta(minutes=2)  # older than a minute now
        await pilot.press("enter")  # seen in this run: drawn at once, refreshed behind
        await pilot.pause()
        assert shown(app) == "opportunity O6100001"
        assert app.screen.opener.refreshing is False  # not a refresh the user asked for
        await pilot.press("escape")  # while that refresh is still in flight
        await pilot.pause()
        assert app.screen is engagement, "Escape stopped at cancelling the refresh"
        await settle(app, pilot)
        assert gets(server) == 2  # the background refresh was sent and came back

        await pilot.press("enter")  # a refresh the user asks for (r) is still cancellable
        await pilot.pause()
        await settle(app, pilot)
        opportunity = app.screen
        await pilot.press("r")
        await pilot.pause()
        assert opportunity.opener.refreshing
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is opportunity and not opportunity.opener.refreshing
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is engagement
