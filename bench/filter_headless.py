"""In-process measure of a filter keystroke on 10,000 rows: from the key to the end of the
redraw, inside the app (headless Textual, real demo endpoint).
Usage: filter_headless.py URL [ROWS] (the endpoint serves ROWS engagements, default 10,000).
Prints one duration per key, in milliseconds: from posting the key event to the moment the
compositor hands the next frame to the display (`App._display`, timestamped here), so the
filtering, the table's line rendering and the screen update are all inside the figure.

The terminal harness cannot measure this part on its own: in a pty, even the minimal Textual
app with one Input needs ~50 ms from a key to its output (Textual's input and frame path),
which bench/run.py reports separately as `key_echo`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.app import EngtuiApp
from engtui.screens.record_list import ListScreen

# One word per round, each typed then deleted: the first key of a round filters every row,
# the next ones narrow, the backspaces go back (a different word each round, so that no
# round is served by what an earlier round left behind).
WORDS = ("zeph", "harb", "lume", "migr", "cob")
# Between keys: even fast typing leaves 80-150 ms between keystrokes. Without a gap, the key
# would land while the screen's 60-a-second frame timer is still sleeping from the last
# frame and the figure would measure where in its 16.7 ms period the key fell (Textual draws
# the first frame after an idle period at once).
GAP = 0.05


async def main(url: str, rows: int) -> None:
    settings = ClientSettings(
        endpoint_url=url, catalog="Sandbox",
        credentials=StaticCredentials(os.environ["AWS_ACCESS_KEY_ID"],
                                      os.environ["AWS_SECRET_ACCESS_KEY"]),
    )
    app = EngtuiApp(settings)
    frames: list[float] = []
    display = app._display

    def timed_display(screen: object, renderable: object) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        screen = app.screen
        assert isinstance(screen, ListScreen)
        while screen.fetching or screen.table.row_count < rows:
            await asyncio.sleep(0.05)
        await pilot.press("slash")
        await pilot.pause()
        for word in WORDS:
            for key in [*word, *["backspace"] * len(word)]:
                await pilot.pause()
                await asyncio.sleep(GAP)  # a person's keys come apart (see GAP)
                seen = len(frames)
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                if len(frames) == seen:
                    raise RuntimeError("no frame after the key")
                print(f"{(frames[seen] - started) * 1000:.2f}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000))
