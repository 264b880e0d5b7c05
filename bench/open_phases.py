"""Where the time of opening a record goes, in process (headless Textual, the demo endpoint in
a process of its own with added latency): Enter, the answer handed to the navigator, the
record screen pushed, its first frame. Usage: open_phases.py [LATENCY] [RUNS]

Prints, per run, milliseconds from Enter: ``answer`` (the fetch and the tree built in the
worker thread, handed to `Navigator.show`), ``pushed`` (the screen made or reused, filled
and pushed), ``frame`` (the first frame with the record screen on it). A fresh app per run,
so every run is a first open of that kind, as in bench/run.py's latency figure.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from harness import CATALOG, FIVE_CONTEXTS, bench_environment, demo_endpoint  # noqa: E402

from engtui.api.settings import ClientSettings, StaticCredentials  # noqa: E402


async def one_open(url: str) -> dict[str, float]:
    from engtui.app import EngtuiApp
    from engtui.screens import navigator
    from engtui.screens.record import RecordScreen

    settings = ClientSettings(
        endpoint_url=url, catalog=CATALOG,
        credentials=StaticCredentials(os.environ["AWS_ACCESS_KEY_ID"],
                                      os.environ["AWS_SECRET_ACCESS_KEY"]),
    )
    app = EngtuiApp(settings)
    marks: dict[str, float] = {}
    display = app._display

    def timed_display(screen: object, renderable: object) -> None:
        if renderable is not None and isinstance(screen, RecordScreen) and "frame" not in marks:
            marks["frame"] = time.perf_counter()
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = timed_display  # type: ignore[method-assign]
    show = navigator.Navigator.show

    def timed_show(self: navigator.Navigator, *args: object, **kwargs: object) -> None:
        marks.setdefault("answer", time.perf_counter())
        show(self, *args, **kwargs)  # type: ignore[arg-type]
        marks.setdefault("pushed", time.perf_counter())

    navigator.Navigator.show = timed_show  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await asyncio.sleep(1.5)  # the client is built after the first frame
            await pilot.press(*FIVE_CONTEXTS)
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("enter")
            while "frame" not in marks:
                await asyncio.sleep(0.005)
    finally:
        navigator.Navigator.show = show  # type: ignore[method-assign]
    return {name: (at - started) * 1000 for name, at in marks.items()}


def main() -> None:
    latency = float(sys.argv[1]) if len(sys.argv) > 1 else 0.3
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with bench_environment() as env, demo_endpoint(latency=latency) as url:
        os.environ.update({k: v for k, v in env.items() if k.startswith("AWS_")})
        results = [asyncio.run(one_open(url)) for _ in range(runs)]
    for result in results:
        print("  ".join(f"{name} {value:.1f}" for name, value in result.items()))
    for name in ("answer", "pushed", "frame"):
        print(f"median {name}: {statistics.median(r[name] for r in results):.1f} ms")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
