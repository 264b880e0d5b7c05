"""What the engagement screen's extra views look like, at 100x30 and 80x24: the members,
the linked opportunities, search results, privacy mode (pytest-textual-snapshot).

Same set-up as ``test_snapshots.py``: the bundled demo data, a fixed clock. Update after an
intended change with ``pytest tests/snapshots/test_snapshots_engagement.py --snapshot-update`` and
look at the SVGs.
"""

from __future__ import annotations

import pytest
from test_snapshots import BOTH_TYPES, FIXED_NOW, SIZES, look_up, settle
from textual.pilot import Pilot

from engtui.app import EngtuiApp

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


def demo_app(demo_server, redact: bool = False) -> EngtuiApp:
    return EngtuiApp.for_demo(demo_server.url, now=lambda: FIXED_NOW, prefetch=False, redact=redact)


def keys(*pressed: str):
    async def run_before(pilot: Pilot) -> None:
        await look_up(BOTH_TYPES)(pilot)
        await pilot.press(*pressed)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_members(snap_compare, demo_server, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=keys("2"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_opportunities(snap_compare, demo_server, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=keys("3"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_search_results(snap_compare, demo_server, size) -> None:
    assert snap_compare(
        demo_app(demo_server), terminal_size=size,
        run_before=keys("c", "slash", *"priya", "enter", "n"),
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_privacy_mode(snap_compare, demo_server, size) -> None:
    assert snap_compare(
        demo_app(demo_server, redact=True), terminal_size=size,
        run_before=keys("j", "j", "j", "l"),
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_privacy_mode_members(snap_compare, demo_server, size) -> None:
    assert snap_compare(
        demo_app(demo_server, redact=True), terminal_size=size, run_before=keys("2"),
    )
