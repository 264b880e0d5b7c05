"""What a watching list looks like at 100x30 and 80x24 (issue 23, part 3): the inbox after
``w`` and one look that found a new invitation (the demo evolved one step): the row marked,
the summary line saying "watching every 60 s · last 0 s ago · 1 new". The app's clock is
moved by the test and the watch's timer callback called directly. Update with
``--snapshot-update`` after an intended change and look at the SVGs first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET, FIXED_NOW
from test_snapshots import SIZES, settle
from textual.pilot import Pilot

from engtui.app import EngtuiApp
from engtui.demo.server import DemoServer


@pytest.fixture
def evolving() -> Iterator[DemoServer]:
    with DemoServer(access_key_id=DEMO_KEY_ID, secret_access_key=DEMO_SECRET) as server:
        yield server


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_watching_list(snap_compare, evolving, size) -> None:
    moment = [FIXED_NOW]
    app = EngtuiApp.for_demo(evolving.url, now=lambda: moment[0], prefetch=False)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        evolving.evolve_step()
        moment[0] += dt.timedelta(seconds=61)
        pilot.app.screen.watcher.second()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
