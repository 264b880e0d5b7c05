"""What the ``:`` command line looks like open, with its candidates, at 100x30 and 80x24
(pytest-textual-snapshot), over the engagement list of the bundled demo data.

Update after an intended change with
``pytest tests/snapshots/test_snapshots_jump.py --snapshot-update`` and look at the SVGs
before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support import settle_picture
from textual.pilot import Pilot

from engtui.app import EngtuiApp

FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_jump_prompt_with_candidates(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle_picture(pilot)
        await pilot.press("ctrl+l")
        await settle_picture(pilot)
        await pilot.press("colon", *"e")
        await settle_picture(pilot)

    app = EngtuiApp.for_demo(demo_server.url, now=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
