"""In-process measure of opening a record from a list row, with and without a rest of the
cursor first (prefetch), inside the app (headless Textual, the demo endpoint in a process of
its own). Usage: prefetch_headless.py URL RUNS REST [REST ...]

The list of engagements is opened (ctrl+l); then, RUNS times, for each REST in turn (so
drift hits them all): the cursor moves down to a row never opened, rests REST seconds, and
Enter is pressed; the clock runs from Enter to the compositor handing the first frame of the
record's screen to the display (`App._display`, timestamped here, as in back_headless.py);
then Escape. Prints one JSON object: {REST: [milliseconds, ...], ..., "counts": {...}}.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import sys
import time

from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.app import EngtuiApp
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen

PROFILE = None
if os.environ.get("PREFETCH_PROFILE"):  # where an open's time goes (cProfile, UI thread)
    import cProfile

    PROFILE = cProfile.Profile()


async def wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        await asyncio.sleep(0.005)


async def main(url: str, runs: int, rests: list[float]) -> None:
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
    times: dict[str, list[float]] = {str(rest): [] for rest in rests}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.0)  # the client warms up after the first frame
        await pilot.press("ctrl+l")
        await wait_for(lambda: isinstance(app.screen, ListScreen) and app.screen.pages >= 1)
        listing = app.screen
        await asyncio.sleep(1.0)
        for _ in range(runs):
            for rest in rests:
                await pilot.press("down")
                await asyncio.sleep(rest)
                seen = len(frames)
                if PROFILE:
                    PROFILE.enable()
                started = time.perf_counter()
                await pilot.press("enter")
                await wait_for(lambda seen=seen: any(
                    isinstance(s, RecordScreen) for _, s in frames[seen:]))
                if PROFILE:
                    PROFILE.disable()
                at = next(t for t, s in frames[seen:] if isinstance(s, RecordScreen))
                times[str(rest)].append((at - started) * 1000)
                await asyncio.sleep(0.3)
                await pilot.press("escape")
                await wait_for(lambda: app.screen is listing)
                await asyncio.sleep(0.4)  # the next move starts from a quiet app
    if PROFILE:
        PROFILE.dump_stats(os.environ["PREFETCH_PROFILE"])
    counts = dataclasses.asdict(app.navigator.prefetch.counts)
    print(json.dumps({**times, "counts": counts}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), [float(x) for x in sys.argv[3:]]))
