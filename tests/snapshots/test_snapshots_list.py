"""What the engagement list looks like, at 100x30 and 80x24 (pytest-textual-snapshot).

The bundled demo data and a fixed clock make every run draw the same screen. Update after
an intended change with ``pytest tests/snapshots/test_snapshots_list.py --snapshot-update`` and look
at the SVGs before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from engtui.app import EngtuiApp

FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
SIZES = [(100, 30), (80, 24)]
SMALL_SIZES = [*SIZES, (60, 20)]  # issue 13: the list at 60x20 too


def demo_app(demo_server) -> EngtuiApp:
    return EngtuiApp.for_demo(demo_server.url, now=lambda: FIXED_NOW, prefetch=False)


async def open_list(pilot: Pilot, *keys: str) -> None:
    await pilot.pause()
    await pilot.press("ctrl+l")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SMALL_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_list_screen(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_list(pilot, "down", "down")

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_list_filtered(snap_compare, demo_server, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_list(pilot, "slash", *"media")

    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=run_before)


def test_list_options_dialog(snap_compare, demo_server) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_list(pilot, "o")

    assert snap_compare(demo_app(demo_server), terminal_size=(80, 24), run_before=run_before)
