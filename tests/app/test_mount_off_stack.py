"""engtui's one use of private Textual API, pinned: `mount_off_stack` (App._register).

On a slow link the record screen is composed and mounted while the request is in flight
(`Navigator.prepare_screen`), so the answer only fills it and pushes it: about 75 ms of a
300 ms-latency open, measured in issue 20. Textual has no public call for it; if a release
changes what `App._register` does, these tests fail, not the users' opens.
"""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, make_app, plain, settle
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from engtui.screens.navigator import mount_off_stack
from engtui.screens.record import RecordScreen


class Spare(Screen[None]):
    composed = 0

    def compose(self) -> ComposeResult:
        type(self).composed += 1
        yield Static("the spare screen", id="spare")


class Front(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("the front screen")


async def test_a_screen_mounted_off_the_stack_is_shown_by_push_as_it_was() -> None:
    app = Front()
    async with app.run_test(size=(40, 5)) as pilot:
        spare = Spare()
        app.install_screen(spare, name="spare")
        mount_off_stack(app, spare)
        await pilot.pause()
        assert spare.is_mounted and spare.query_one("#spare", Static)  # composed, mounted
        assert spare not in app.screen_stack  # and not shown
        assert "the front screen" in str(app.screen.query_one(Static).render())
        await app.push_screen(spare)
        await pilot.pause()
        assert app.screen is spare
        assert str(app.screen.query_one("#spare", Static).render()) == "the spare screen"
        assert Spare.composed == 1  # push did not compose it again


async def test_a_slow_open_fills_the_screen_built_during_the_wait(make_demo_server) -> None:
    server = make_demo_server({
        "engagements": [engagement()],
        "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 120.0}},
    })
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*ENGAGEMENT_ID, "enter")
        # The answer is held until released: the screen is built meanwhile, however
        # loaded the machine (a fixed delay failed under a load of 14).
        for _ in range(600):
            if (app.is_screen_installed("record-engagement")
                    and app.get_screen("record-engagement").is_mounted):
                break
            await pilot.pause(0.05)
        built = app.get_screen("record-engagement")
        assert isinstance(built, RecordScreen) and built.is_mounted
        assert built not in app.screen_stack
        server.faults.release()
        await settle(app, pilot)
        assert app.screen is built and app.screen.record.id == ENGAGEMENT_ID
        assert ENGAGEMENT_ID in plain(app.screen.query_one("#header"))  # drawn into it
