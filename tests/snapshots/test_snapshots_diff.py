"""The changes screen (``d``): a snapshot's revision against the one before, at 100x30 and
80x24."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, demo_app, look_up, settle
from textual.pilot import Pilot

SNAPSHOT = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
            "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/3")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_changes_since_the_previous_revision(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await look_up(SNAPSHOT)(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("down", "down", "down")  # the stage: its change in full below
        await settle(pilot)

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)
