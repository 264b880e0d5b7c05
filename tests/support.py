"""Helpers shared by tests (import as ``from support import ...``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from engtui.api.settings import ClientSettings, StaticCredentials

if TYPE_CHECKING:
    from engtui.app import EngtuiApp

# The clock of every app under test: relative times ("2 days ago") never drift.
FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)

DEMO_KEY_ID = "AKIAENGTUIDEMO000000"
DEMO_SECRET = "engtui-demo-secret-access-key-not-a-real-secret"


def demo_settings(url: str, **overrides: object) -> ClientSettings:
    """Connection settings for the demo endpoint with the demo key pair."""
    values: dict[str, object] = {
        "label": "demo",
        "endpoint_url": url,
        "catalog": "Sandbox",
        "credentials": StaticCredentials(DEMO_KEY_ID, DEMO_SECRET),
        "max_attempts": 1,
        "read_timeout": 5.0,
        # Prefetch (a timer, then a background request) would add requests at moments the
        # machine's load decides; the prefetch tests turn it on (prefetch=True).
        "prefetch": False,
    }
    values.update(overrides)
    return ClientSettings(**values)  # type: ignore[arg-type]


ENGAGEMENT_ID = "eng-t0000000000001"


def engagement(identifier: str = ENGAGEMENT_ID, **fields: object) -> dict:
    """A small valid engagement in the GetEngagement response shape (data-file form)."""
    value: dict[str, object] = {
        "Id": identifier,
        "Arn": f"arn:aws:partnercentral:us-east-1:123456789012:catalog/Sandbox/engagement/"
               f"{identifier}",
        "Title": "Test engagement",
        "Description": "A small engagement for tests.",
        "CreatedAt": "2026-01-05T10:00:00Z",
        "CreatedBy": "123456789012",
        "ModifiedAt": "2026-02-01T12:30:00Z",
        "ModifiedBy": "123456789012",
        "MemberCount": 2,
        "Catalog": "Sandbox",
        "Contexts": [
            {
                "Id": "1",
                "Type": "CustomerProject",
                "Payload": {
                    "CustomerProject": {
                        "Customer": {
                            "Industry": "Software and Internet",
                            "CompanyName": "Example Corp",
                            "WebsiteUrl": "https://example.com",
                            "CountryCode": "US",
                        },
                        "Project": {
                            "Title": "Migration",
                            "BusinessProblem": "The customer wants to leave its data centre.",
                            "TargetCompletionDate": "2026-12-31",
                        },
                    }
                },
            }
        ],
    }
    value.update(fields)
    return value


def plain(widget: object, width: int = 200) -> str:
    """What a widget draws, as plain text (rendered through a Rich console)."""
    import io

    from rich.console import Console

    visual = widget.render()  # type: ignore[attr-defined]
    renderable = getattr(visual, "_renderable", visual)
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def make_app(url: str, **settings: object) -> EngtuiApp:
    """The app on the demo endpoint at ``url`` (settings as `demo_settings`), fixed clock."""
    from engtui.app import EngtuiApp

    return EngtuiApp(demo_settings(url, **settings), now=lambda: FIXED_NOW)


async def settle(app: EngtuiApp, pilot: Any) -> None:
    """Wait until every worker is done and the screen has caught up: twice, for the workers
    that the first ones' answers start (the profiles screen's keyring probe, then its table)."""
    await pilot.pause()
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


async def settle_picture(pilot: Any) -> None:
    """`settle` before a snapshot: every worker done, and every input's cursor held on.

    A blinking cursor is drawn or not depending on when the picture is taken (a loaded
    machine shifts it), so the picture would differ from run to run.
    """
    from textual.widgets import Input

    await settle(pilot.app, pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()
    await pilot.pause()


async def look_up(
    app: EngtuiApp, pilot: Any, identifier: str = ENGAGEMENT_ID, *, paste: bool = True
) -> None:
    """Look ``identifier`` up on the lookup screen and settle: the identifier input is
    cleared and focused, the identifier pasted (as a terminal sends a paste: one event) or,
    with ``paste=False``, typed key by key, then Enter.

    Pasted by default because that is how ids reach engtui in real use: copied from the
    console or a mail. A paste is also one event, where typing waits for the screen after
    every key (about a third of the suite's Pilot time went into typing ids). Typing stays
    covered by ``tests/app/test_app_lookup.py`` and by every test whose point is typing:
    those pass ``paste=False``.
    """
    from textual import events
    from textual.widgets import Input

    field = app.lookup_screen.query_one("#identifier", Input)
    field.value = ""
    field.focus()
    if paste:
        field.post_message(events.Paste(identifier))
        await pilot.pause()
        await pilot.press("enter")
    else:
        await pilot.press(*identifier, "enter")
    await settle(app, pilot)


async def answer_handled(app: EngtuiApp, pilot: Any, server: Any, operation: str,
                         identifier: str | None = None) -> None:
    """Wait until the demo ``server`` has sent its answer to ``operation`` (for
    ``identifier``, when given), however slow, and the app's call threads are done with it,
    then settle: a late answer has then been handled or dropped. No fixed sleep."""
    import asyncio
    import threading

    def named(entry: Any) -> bool:
        return identifier is None or entry.params.get("Identifier") == identifier

    await asyncio.to_thread(server.wait_for_request, operation, 30.0, named)
    for thread in threading.enumerate():  # the daemon threads engtui.threads starts
        if thread.name.startswith("engtui-") and not thread.name.startswith("engtui-demo"):
            await asyncio.to_thread(thread.join, 30.0)
    await settle(app, pilot)


def status_text(where: Any) -> str:
    """What a status line shows: the lookup screen's, given the app (that screen need not be
    on top), or a list screen's, given that screen."""
    from textual.app import App
    from textual.widgets import Static

    from engtui.widgets.lookup_status import LookupStatus

    screen = where.lookup_screen if isinstance(where, App) else where
    return plain(screen.query_one(LookupStatus).query_one("#status-line", Static))


async def shown(pilot: Any, condition: Any, timeout: float = 30.0) -> bool:
    """Let the app run (``pilot.pause()``, no fixed sleep) until ``condition()`` holds, at most
    ``timeout`` seconds, a bound for a hang on a loaded machine; returns the last value, for
    the test to assert: ``assert await shown(pilot, lambda: "Fetching" in status_text(app))``.

    For what appears after a delay of the app's own (a slow lookup's loading state after
    engtui.app.LOADING_DELAY), instead of a fixed ``pilot.pause(seconds)``."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return bool(condition())
        await pilot.pause()
    return True
