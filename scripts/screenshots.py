"""Generate the SVG screenshots in ``screenshots/`` from the built-in demo endpoint.

    .venv/bin/python scripts/screenshots.py

Each shot runs the real app against a demo endpoint on 127.0.0.1 (real HTTP, real boto3),
drives it with keys through Textual's Pilot, and saves an SVG with ``save_screenshot``.
The clock is fixed so relative times do not change between runs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from engtui.app import EngtuiApp
from engtui.demo.data import DemoDataset
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


SNAPSHOT_ARN = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
                "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/3")


async def inbox(pilot: Pilot) -> None:
    await pilot.press("f3")
    await settle(pilot)


async def invitation(pilot: Pilot) -> None:
    await inbox(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def snapshot_links(pilot: Pilot) -> None:
    await look_up(pilot, SNAPSHOT_ARN)
    await pilot.press("o")
    await settle(pilot)


async def raw_json(pilot: Pilot) -> None:
    await look_up(pilot, "eng-p4r0s5p3c7r3s1")
    await pilot.press("v", "slash", *"prospecting", "enter")
    await settle(pilot)


async def keyword_search(pilot: Pilot) -> None:
    await pilot.press("ctrl+l")
    await settle(pilot)
    await pilot.press("ctrl+f", *"lead", "enter")
    await settle(pilot)


async def groups(pilot: Pilot) -> None:
    await pilot.press("f4")
    await settle(pilot)


async def timeline(pilot: Pilot) -> None:
    await look_up(pilot, FIVE_CONTEXTS)
    await pilot.press("t")
    await settle(pilot)
    await pilot.press(*["down"] * 6)  # a failed task: its reason and message in full below
    await settle(pilot)


async def profiles(pilot: Pilot) -> None:
    await pilot.press("f2")
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
    ("profiles", (100, 30), profiles),
    ("inbox", (100, 30), inbox),
    ("invitation-80x24", (80, 24), invitation),
    ("snapshot-links", (100, 30), snapshot_links),
    ("raw-json-80x24", (80, 24), raw_json),
    ("keyword-search", (100, 30), keyword_search),
    ("groups-80x24", (80, 24), groups),
    ("timeline", (100, 30), timeline),
]

SAMPLE_CONFIG = """\
# engtui profiles (the screenshots' private config folder)
default_profile = "partner-prod"

[profiles.partner-prod]
aws_profile = "partner-prod"
region = "us-east-1"
catalog = "AWS"

[profiles.sandbox-tests]
access_key_id = "AKIAIOSFODNN7EXAMPLE"
catalog = "Sandbox"
"""


def private_home() -> Path:
    """Screenshots never read the real home, config or keyring: a throwaway home with a
    sample config, and keyring's `fail` backend (what a user over SSH often has)."""
    home = Path(tempfile.mkdtemp(prefix="engtui-shots-"))
    os.environ.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        AWS_CONFIG_FILE=str(home / ".aws" / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / ".aws" / "credentials"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    for variable in ("AWS_PROFILE", "ENGTUI_CONFIG", "ENGTUI_PROFILE"):
        os.environ.pop(variable, None)
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[profile partner-prod]\nregion = us-east-1\n")
    config = home / ".config" / "engtui"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(SAMPLE_CONFIG)
    return home


async def shoot(url: str, name: str, size: tuple[int, int], steps: Steps) -> Path:
    app = EngtuiApp.for_demo(url, now=lambda: FIXED_NOW)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await steps(pilot)
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    return Path(path)


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    home = private_home()
    server = DemoServer(DemoDataset.bundled(FIXED_NOW))  # the data as written, at FIXED_NOW
    url = server.start()
    try:
        for name, size, steps in SHOTS:
            print(await shoot(url, name, size, steps))
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
