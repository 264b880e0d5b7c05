"""How many engtui modules a user's flow runs through, measured (docs/architecture.md).

    .venv/bin/python scripts/trace_flow.py            # one line per flow
    .venv/bin/python scripts/trace_flow.py --verbose  # and the modules, one per line

Drives the real app headless (``App.run_test`` and its ``Pilot``) against the demo endpoint
(``engtui.demo.server.DemoServer`` on 127.0.0.1, the bundled data) and, while each flow
runs, records with ``sys.setprofile`` (and ``threading.setprofile``, for the worker threads)
every function called whose module is ``engtui`` or below it. The demo endpoint's own
modules (``engtui.demo.*``, the server side of the wire) are left out. The flows, each
from its key to the screen settled (every worker done):

- lookup: Enter on an engagement id typed into the lookup screen, to its record drawn;
- follow a link: Enter on the first row of the engagement's opportunities pane (shown
  first), to that opportunity drawn;
- esc: Escape back to the engagement;
- open a list: from the lookup screen, ctrl+l, to the engagement list loaded.

A module counts once per flow however often it is entered; "outside the UI" is every module
not under ``engtui.screens``, ``engtui.widgets`` or ``engtui.palette``, nor ``engtui.app``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from collections.abc import Awaitable, Callable
from types import FrameType
from typing import Any

ENGAGEMENT = "eng-a1b2c3d4e5f6g7"  # the bundled five-context engagement, with links
UI_PREFIXES = ("engtui.screens", "engtui.widgets", "engtui.palette")
SETTLE_TIMEOUT = 30.0


class ModuleTrace:
    """The engtui modules whose functions run while recording, in every thread."""

    def __init__(self) -> None:
        self.modules: set[str] = set()
        self.recording = False

    def _profile(self, frame: FrameType, event: str, arg: Any) -> None:
        if event != "call" or not self.recording:
            return
        name = frame.f_globals.get("__name__", "")
        if (name == "engtui" or name.startswith("engtui.")) and not name.startswith(
                "engtui.demo"):
            self.modules.add(name)

    def install(self) -> None:
        threading.setprofile(self._profile)
        sys.setprofile(self._profile)

    def uninstall(self) -> None:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]

    def start(self) -> None:
        self.modules = set()
        self.recording = True

    def stop(self) -> set[str]:
        self.recording = False
        return set(self.modules)


async def settle(app: Any, pilot: Any, done: Callable[[], bool]) -> None:
    """Until ``done()`` holds and no worker runs; raise after ``SETTLE_TIMEOUT`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_TIMEOUT
    while True:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if done():
            return
        if loop.time() > deadline:
            raise TimeoutError(f"the flow did not finish on {type(app.screen).__name__}")
        await pilot.pause(0.05)


async def run_flows() -> dict[str, set[str]]:
    from engtui.app import EngtuiApp
    from engtui.demo.server import DemoServer
    from engtui.screens.lookup import LookupScreen
    from engtui.screens.record import RecordScreen
    from engtui.screens.record_list import ListScreen

    found: dict[str, set[str]] = {}
    trace = ModuleTrace()
    with DemoServer() as server:  # started before the trace: its thread is never traced
        app = EngtuiApp.for_demo(server.url)
        trace.install()
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(app, pilot, lambda: isinstance(app.screen, LookupScreen))

                async def flow(name: str, act: Callable[[], Awaitable[None]],
                               done: Callable[[], bool]) -> None:
                    trace.start()
                    await act()
                    await settle(app, pilot, done)
                    found[name] = trace.stop()

                def record_shown(identifier: str | None = None) -> Callable[[], bool]:
                    def shown() -> bool:
                        screen = app.screen
                        return isinstance(screen, RecordScreen) and screen.record is not None \
                            and (identifier is None or screen.record.id == identifier)
                    return shown

                await pilot.press(*ENGAGEMENT)
                await flow("lookup", lambda: pilot.press("enter"), record_shown(ENGAGEMENT))
                first = app.screen

                await pilot.press("3")  # the opportunities pane, its rows loaded first
                await settle(app, pilot, lambda: first.query_one("#opportunities").table
                             .row_count > 0)
                first.query_one("#opportunities").table.focus()
                await pilot.pause()
                await flow("follow a link", lambda: pilot.press("enter"),
                           lambda: record_shown()() and app.screen is not first)
                await flow("esc", lambda: pilot.press("escape"), lambda: app.screen is first)
                await pilot.press("escape")
                await settle(app, pilot, lambda: isinstance(app.screen, LookupScreen))
                await flow("open a list", lambda: pilot.press("ctrl+l"),
                           lambda: isinstance(app.screen, ListScreen)
                           and app.screen.query_one("#rows").row_count > 0)
        finally:
            trace.uninstall()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list the modules too")
    args = parser.parse_args(argv)
    for name, modules in asyncio.run(run_flows()).items():
        ui = {m for m in modules if m == "engtui.app" or m.startswith(UI_PREFIXES)}
        print(f"{name}: {len(modules)} engtui modules ({len(modules) - len(ui)} outside the UI)")
        if args.verbose:
            for module in sorted(modules):
                print(f"    {module}{'' if module in ui else '  *'}")
    if args.verbose:
        print("(* outside screens/, widgets/, palette/ and app.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
