"""Generate the SVG screenshots in ``screenshots/`` from the built-in demo endpoint.

    .venv/bin/python scripts/screenshots.py

Each shot runs the real app against a demo endpoint on 127.0.0.1 (real HTTP, real boto3),
drives it with keys through Textual's Pilot, and saves an SVG with ``save_screenshot``.
The clock is fixed so relative times do not change between runs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from engtui.app import EngtuiApp
from engtui.demo.server import DemoServer

OUT = Path(__file__).resolve().parent.parent / "screenshots"
FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
FIVE_CONTEXTS = "eng-a1b2c3d4e5f6g7"
ANOTHER = "eng-7k2m9p4q1r8s3t"

Steps = Callable[[Pilot], Awaitable[None]]


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def look_up(pilot: Pilot, identifier: str) -> None:
    await pilot.press(*identifier, "enter")
    await settle(pilot)


async def lookup_with_recent(pilot: Pilot) -> None:
    await look_up(pilot, ANOTHER)
    await pilot.press("escape")
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("escape")
    await pilot.pause()


async def engagement(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)


async def interaction(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("e", *["j"] * 18)
    await pilot.pause()


async def not_found(pilot: Pilot) -> None:
    await look_up(pilot, "eng-zzzzzzzzzzzzzz")


async def help_screen(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("question_mark")
    await pilot.pause()


async def engagement_list(pilot: Pilot) -> None:
    await pilot.press("ctrl+l")
    await settle(pilot)
    await pilot.press("down", "down")
    await pilot.pause()


async def engagement_list_filtered(pilot: Pilot) -> None:
    await engagement_list(pilot)
    await pilot.press("slash", *"media", "enter")
    await pilot.pause()


async def members(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("2")
    await settle(pilot)


async def privacy(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("f9", "j", "j", "j", "l")
    await settle(pilot)


async def search(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("c", "slash", *"priya", "enter", "n")
    await settle(pilot)


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("lookup", (100, 30), lookup_with_recent),
    ("engagement", (100, 30), engagement),
    ("interaction", (100, 30), interaction),
    ("engagement-80x24", (80, 24), engagement),
    ("error", (100, 30), not_found),
    ("help", (100, 30), help_screen),
    ("members", (100, 30), members),
    ("privacy", (100, 30), privacy),
    ("search-80x24", (80, 24), search),
    ("list", (100, 30), engagement_list),
    ("list-80x24", (80, 24), engagement_list_filtered),
]


async def shoot(url: str, name: str, size: tuple[int, int], steps: Steps) -> Path:
    app = EngtuiApp.for_demo(url, now=lambda: FIXED_NOW)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await steps(pilot)
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    return Path(path)


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    server = DemoServer()
    url = server.start()
    try:
        for name, size, steps in SHOTS:
            print(await shoot(url, name, size, steps))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
