"""In-process measure of going back to a record seen in this run: Escape on a linked record
(an opportunity opened from its engagement's Opportunities pane) to the first frame that shows
the engagement's screen again, inside the app (headless Textual, the demo endpoint in a
process of its own). Usage: back_headless.py URL [CYCLES]

Prints one duration per cycle, in milliseconds, from posting the key to the compositor
handing the frame to the display (`App._display`, timestamped here). Each cycle opens the
opportunity again (Enter) and goes back (Escape); the record left open is refreshed in the
background, so with latency a refresh may still be in flight when Escape is pressed.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.app import EngtuiApp
from engtui.screens.record import RecordScreen

ENGAGEMENT = "eng-p4r0s5p3c7r3s1"
GAP = 0.05  # between keys, as in filter_headless.py


async def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        await asyncio.sleep(0.01)


async def main(url: str, cycles: int) -> None:
    settings = ClientSettings(
        endpoint_url=url, catalog="Sandbox",
        credentials=StaticCredentials(os.environ["AWS_ACCESS_KEY_ID"],
                                      os.environ["AWS_SECRET_ACCESS_KEY"]),
    )
    app = EngtuiApp(settings)
    frames: list[tuple[float, object]] = []
    display = app._display

    def timed_display(screen: object, renderable: object) -> None:
        if renderable is not None:
            frames.append((time.perf_counter(), screen))
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = timed_display  # type: ignore[method-assign]

    def kind_shown(name: str) -> bool:
        screen = app.screen
        return isinstance(screen, RecordScreen) and screen.kind.name == name

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.0)
        await pilot.press(*ENGAGEMENT, "enter")
        await wait_for(lambda: kind_shown("engagement"))
        engagement = app.screen
        await pilot.pause()
        await pilot.press("3")  # the linked opportunities
        await wait_for(lambda: "opportunities" in engagement.record.related)
        for _ in range(cycles):
            await pilot.pause()
            await pilot.press("enter")
            await wait_for(lambda: kind_shown("opportunity"))
            await pilot.pause()
            await asyncio.sleep(GAP)
            seen = len(frames)
            started = time.perf_counter()
            await pilot.press("escape")
            await wait_for(lambda seen=seen: any(s is engagement for _, s in frames[seen:]))
            at = next(t for t, s in frames[seen:] if s is engagement)
            print(f"{(at - started) * 1000:.2f}")
            await asyncio.sleep(0.4)  # let the background refresh (if any) land


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 6))
