"""Where start-up time goes, phase by phase, engtui next to the minimal Textual app.

    .venv/bin/python bench/start_phases.py            # 12 runs each, fastest and median
    .venv/bin/python bench/start_phases.py --runs 20

Each run starts a fresh process in a pseudo-terminal (`harness.Terminal`, 100x30) that times
its own phases with ``time.perf_counter`` until the first frame is handed to the terminal:
importing Textual, importing engtui's modules, reading the config and building the app,
the app's start, composing the lookup screen, and the first frame. Nothing is sent to the
endpoint before the first frame, so no demo endpoint is needed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def child(which: str, out: str) -> None:
    """Run one program, record its phases into ``out`` and exit after the first frame."""
    started = time.perf_counter()
    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    import textual.app

    mark("import Textual")
    display = textual.app.App._display

    def timed_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        display(self, screen, renderable)
        if renderable is not None and marks[-1][0] != "first frame":
            mark("first frame")
            self.exit()

    textual.app.App._display = timed_display  # type: ignore[method-assign]
    if which == "engtui":
        sys.path.insert(0, str(ROOT))
        import engtui.app
        import engtui.screens.lookup as lookup
        from engtui.api import call_log, cli

        mark("import engtui")
        args = cli.build_parser([]).parse_args(["--endpoint-url", "http://127.0.0.1:9"])
        call_log.configure(debug=False)
        app = cli.tui_app(args)
        mark("config and app")
        app_mount = engtui.app.EngtuiApp.on_mount

        async def on_mount(self):  # type: ignore[no-untyped-def]
            mark("app start")
            await app_mount(self)

        screen_mount = lookup.LookupScreen.on_mount

        def on_screen_mount(self):  # type: ignore[no-untyped-def]
            mark("compose lookup screen")
            screen_mount(self)

        engtui.app.EngtuiApp.on_mount = on_mount  # type: ignore[method-assign]
        lookup.LookupScreen.on_mount = on_screen_mount  # type: ignore[method-assign]
        app.run()
    else:
        sys.path.insert(0, str(HERE / "baselines"))
        from minimal_input import MinimalInput

        MinimalInput().run()
    phases, previous = {}, started
    for name, moment in marks:
        phases[name] = (moment - previous) * 1000
        previous = moment
    phases["total"] = (marks[-1][1] - started) * 1000
    Path(out).write_text(json.dumps(phases))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--child", nargs=2, metavar=("WHICH", "OUT"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return 0
    sys.path.insert(0, str(HERE))
    from harness import Terminal
    from run import bench_environment, compile_tree

    compile_tree(ROOT)
    results: dict[str, list[dict[str, float]]] = {"engtui": [], "minimal": []}
    with bench_environment() as env, tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "phases.json")
        for _ in range(options.runs):
            for which in results:
                with Terminal([sys.executable, __file__, "--child", which, out], env=env) as term:
                    deadline = time.perf_counter() + 30
                    while not os.path.exists(out) and time.perf_counter() < deadline:
                        term.drain(0.05)
                results[which].append(json.loads(Path(out).read_text()))
                os.unlink(out)
    for which, runs in results.items():
        fastest = min(runs, key=lambda phases: phases["total"])
        print(f"{which} (fastest of {len(runs)}; median total "
              f"{statistics.median(r['total'] for r in runs):.0f} ms)")
        for name, value in fastest.items():
            print(f"  {name:24s} {value:6.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
