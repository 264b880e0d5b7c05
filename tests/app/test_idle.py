"""Idle screens hold no spinner: Textual's LoadingIndicator redraws itself 16 times a second
from a timer that keeps running while it is hidden, so one left in the DOM wakes the app
(and, over SSH, the link) for nothing. Spinners exist only while something loads."""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, make_app, settle, shown
from textual.widgets import LoadingIndicator

from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen


def _spinners(app) -> int:
    return len(app.screen.query(LoadingIndicator))


async def test_no_spinner_outside_a_load(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()], "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 1.0}}}
    )
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert _spinners(app) == 0  # the lookup screen, idle
        await pilot.press(*ENGAGEMENT_ID, "enter")
        assert await shown(pilot, lambda: _spinners(app) == 1)  # fetching: the spinner turns
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert _spinners(app) == 0
        await pilot.press("2")  # members load, then the pane is idle again
        await settle(app, pilot)
        assert _spinners(app) == 0
        await pilot.press("escape", "ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, ListScreen)
        assert app.screen.table.row_count == 1
        assert _spinners(app) == 0
