"""The timeline screen (``t`` on an engagement): the demo's richest engagement, at 100x30 and
80x24, the cursor on a failed task so its reason and message show in full below."""

from __future__ import annotations

import pytest
from test_snapshots import BOTH_TYPES, SIZES, demo_app, look_up, settle
from textual.pilot import Pilot


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_timeline_of_an_engagement(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await look_up(BOTH_TYPES)(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*["down"] * 6)
        await settle(pilot)

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)
