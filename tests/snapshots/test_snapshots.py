"""What the screens look like, at 100x30 and 80x24 (pytest-textual-snapshot).

The app runs against the bundled demo data with a fixed clock, so relative times and the
connection bar are the same on every run. Update after an intended change with
``pytest tests/snapshots/test_snapshots.py --snapshot-update`` and look at the SVGs before
committing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest
from support import look_up as look_up_on
from support import settle_picture as settle  # the name the snapshot modules import
from textual.pilot import Pilot

from engtui.app import EngtuiApp

FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
SIZES = [(100, 30), (80, 24)]
SMALL_SIZES = [*SIZES, (60, 20)]  # the main screens also at 60x20 (issue 13)
BOTH_TYPES = "eng-a1b2c3d4e5f6g7"  # the bundled 5-context engagement (projects and leads)
MISSING = "eng-zzzzzzzzzzzzzz"


def demo_app(demo_server) -> EngtuiApp:
    return EngtuiApp.for_demo(demo_server.url, now=lambda: FIXED_NOW, prefetch=False)


def look_up(identifier: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await look_up_on(pilot.app, pilot, identifier)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SMALL_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_lookup_screen(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SMALL_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_engagement_with_both_context_types(snap_compare, demo_server, size) -> None:
    assert snap_compare(
        demo_app(demo_server), terminal_size=size, run_before=look_up(BOTH_TYPES)
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_engagement_expanded_on_an_interaction(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await look_up(BOTH_TYPES)(pilot)
        await pilot.press("e", *["j"] * 11)
        await pilot.pause()

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_not_found_error(snap_compare, demo_server, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=look_up(MISSING))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_help_screen(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await look_up(BOTH_TYPES)(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)
