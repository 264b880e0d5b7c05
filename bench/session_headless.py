"""A scripted session inside the app (headless Textual) against the quota-enforcing demo
endpoint (10 reads a second per access key, in a process of its own): scroll the engagement
list with the cursor resting now and then (prefetch), open records (up to OPENS), and watch
the inbox (the invitations list, refreshed every 30 s), for SECONDS.
Usage: session_headless.py URL SECONDS OPENS

Prints one JSON object: the calls sent (the call budget's count), the ThrottlingExceptions
seen on the wire (every call's outcome, through the call log's hook), the errors that
reached the user (error notifications, a list's or a status line's error), the records
opened, and the prefetcher's counts.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import random
import sys
import time
from typing import Any

from engtui.api import call_log
from engtui.api.kinds import LISTS
from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.app import EngtuiApp
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen, list_screen

RESTS = (0.05, 0.1, 0.1, 0.3, 0.5)  # how long the cursor stays on a row, picked at random
INBOX_EVERY = 30.0


async def wait_for(condition: Any, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        await asyncio.sleep(0.01)


async def main(url: str, seconds: float, opens: int) -> None:
    settings = ClientSettings(
        endpoint_url=url, catalog="Sandbox", label="session",
        credentials=StaticCredentials(os.environ["AWS_ACCESS_KEY_ID"],
                                      os.environ["AWS_SECRET_ACCESS_KEY"]),
    )
    app = EngtuiApp(settings)
    outcomes: dict[str, int] = {}
    log_call = call_log.log_call

    def counted(operation: str, params: dict, outcome: str, *args: Any, **kw: Any) -> None:
        key = "ok" if outcome == "ok" else outcome.split(":")[0]
        outcomes[key] = outcomes.get(key, 0) + 1
        log_call(operation, params, outcome, *args, **kw)

    call_log.log_call = counted  # type: ignore[assignment]
    shown_errors: list[str] = []
    notify = app.notify

    def watched_notify(message: str, **kwargs: Any) -> None:
        if kwargs.get("severity") == "error":
            shown_errors.append(message)
        notify(message, **kwargs)

    app.notify = watched_notify  # type: ignore[method-assign]
    pick = random.Random(24)
    opened = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.0)
        await pilot.press("ctrl+l")
        await wait_for(lambda: isinstance(app.screen, ListScreen) and app.screen.pages >= 1)
        listing = app.screen
        started = time.perf_counter()
        inbox_at = started
        step = 0
        while time.perf_counter() - started < seconds:
            step += 1
            await pilot.press("down")
            await asyncio.sleep(pick.choice(RESTS))
            if step % 4 == 0 and opened < opens:
                await pilot.press("enter")
                await wait_for(lambda: isinstance(app.screen, RecordScreen)
                               or listing.query_one("#list-status").has_class("-error"))
                if isinstance(app.screen, RecordScreen):
                    opened += 1
                    await asyncio.sleep(0.5)
                    await pilot.press("2")  # the first related pane (prefetched)
                    await asyncio.sleep(0.3)
                    await pilot.press("escape")
                    await wait_for(lambda: app.screen is listing)
            if time.perf_counter() - inbox_at >= INBOX_EVERY:
                inbox_at = time.perf_counter()
                inbox = list_screen("Sandbox", LISTS["invitations"])
                await app.push_screen(inbox)
                await wait_for(lambda inbox=inbox: not inbox.fetching)
                await pilot.press("r")  # watch: load it again
                await asyncio.sleep(0.1)
                await wait_for(lambda inbox=inbox: not inbox.fetching)
                if inbox.failure is not None:
                    shown_errors.append(inbox.failure.one_line())
                app.pop_screen()
                await wait_for(lambda: app.screen is listing)
        await app.workers.wait_for_complete()
        if listing.failure is not None:
            shown_errors.append(listing.failure.one_line())
        budget = app.service.budget("Sandbox")
        print(json.dumps({
            "seconds": round(time.perf_counter() - started, 1), "calls": budget.sent,
            "outcomes": outcomes, "throttled_on_the_wire": outcomes.get("THROTTLED", 0),
            "errors_shown": shown_errors, "opened": opened, "moves": step,
            "prefetch": dataclasses.asdict(app.navigator.prefetch.counts),
        }))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3])))
