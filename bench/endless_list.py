"""How far the TUI's list grows against a server that never ends (the demo's ``endless``
fault: every page is the first page of 100 with a new ``NextToken``).

Not a test: it prints figures. Starts a demo endpoint in this process on 100 generated
engagements with the fault on ``ListEngagements``, runs the app headless, presses ``ctrl+l``
and after SECONDS prints the rows loaded and the process's peak RSS. Since issue 21 the
list pauses at ``ListScreen.row_budget`` (200,000) and asks (``m``); before, it grew until
the machine gave out.

    .venv/bin/python bench/endless_list.py 150
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time

from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.app import EngtuiApp
from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer


async def measure(url: str, seconds: float) -> str:
    settings = ClientSettings(label="demo", endpoint_url=url, catalog="Sandbox",
                              credentials=StaticCredentials(DEMO_ACCESS_KEY_ID,
                                                            DEMO_SECRET_ACCESS_KEY))
    app = EngtuiApp(settings)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+l")
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            await pilot.pause(0.5)
        rows = app.screen.table.row_count  # type: ignore[attr-defined]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return f"rows={rows:,} peak_rss_mb={peak:.0f} after {seconds:g} s"


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    dataset = DemoDataset.generated(100)
    faults = {"faults": {"ListEngagements": "endless"}}
    dataset.faults = DemoDataset.from_json(json.dumps(faults)).faults
    server = DemoServer(dataset, access_key_id=DEMO_ACCESS_KEY_ID,
                        secret_access_key=DEMO_SECRET_ACCESS_KEY)
    url = server.start()
    try:
        line = asyncio.run(measure(url, seconds))
    finally:
        server.stop()
    os.write(1, (line + "\n").encode())  # Textual captured print() while the app ran


if __name__ == "__main__":
    main()
