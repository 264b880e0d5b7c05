"""The figures of issue 24 (prefetch, the quota, batch get), for bench/run.py.

- ``open_rested`` / ``open_rested_hit``: open from a list row at 300 ms added latency after
  the cursor rested 300 ms (and 1 s: the prefetch has landed), in the app (headless,
  bench/prefetch_headless.py): Enter to the first frame of the record's screen.
- ``open_list_miss``: the same without a rest (a prefetch miss), in a pty, against the
  minimal fetch app's Enter to its answer on screen.
- ``get_100`` / ``get_100_aws``: ``engtui get`` of 100 ids at 300 ms added latency with the
  demo's quota on, against a sequential boto3 loop and a loop of the aws CLI.
- ``session``: a scripted session (bench/session_headless.py) against the quota-enforcing
  demo: the errors that reach the user (target 0), the calls and the wire's throttles.
- ``prefetch_memory``: what the prefetch memory holds with the cache full
  (bench/prefetch_memory.py).
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from harness import (
    CATALOG,
    HERE,
    PROMPT,
    PYTHON,
    ROOT,
    Figure,
    Terminal,
    bench_environment,
    demo_endpoint,
    engtui_argv,
)

from engtui.demo.data import DemoDataset

GENERATED = 1000
BASELINE_PROMPT = "baseline prompt ready"
RECORD_DRAWN = "Contexts ("


def _ids(count: int) -> list[str]:
    return DemoDataset.generated(GENERATED).engagement_ids(CATALOG)[:count]


def time_open_list_miss(argv: list[str], env: dict[str, str], count: int) -> list[float]:
    """In a pty: the engagement list, then ``count`` times: cursor down and Enter at once
    (no rest: a prefetch miss), Enter to the record's tree on screen; Escape."""
    times = []
    with Terminal(argv, env=env) as term:
        term.wait_for(PROMPT)
        time.sleep(1.0)  # the client warms up after the first frame
        term.drain(0.05)
        term.send("\x0c")  # ctrl+l
        term.wait_until(lambda screen: f"{GENERATED:,} engagements" in screen
                        and "loading page" not in screen, timeout=120)
        term.drain(0.3)
        for _ in range(count):
            term.send("j")
            sent = term.send("\r")
            seen = term.wait_for(RECORD_DRAWN, timeout=60)
            times.append((seen - sent) * 1000)
            term.drain(0.2)
            term.send("\x1b")
            term.wait_until(lambda screen: RECORD_DRAWN not in screen, timeout=30)
            term.drain(0.4)
    return times


def time_fetch_baseline(url: str, env: dict[str, str], ids: list[str]) -> list[float]:
    """The minimal fetch app: the first id warms the client; Enter to each answer after."""
    times = []
    argv = [PYTHON, str(HERE / "baselines" / "minimal_fetch.py"), url, CATALOG]
    with Terminal(argv, env=env) as term:
        term.wait_for(BASELINE_PROMPT)
        term.send(ids[0] + "\r")
        term.wait_for("fetched #1 ", timeout=60)
        for number, identifier in enumerate(ids[1:], start=2):
            term.send(identifier)
            term.drain(0.05)
            sent = term.send("\r")
            seen = term.wait_for(f"fetched #{number} ", timeout=60)
            times.append((seen - sent) * 1000)
    return times


def _json_of(argv: list[str], env: dict[str, str], timeout: float = 900) -> dict:
    """The JSON a bench script printed last; its failure raises with the script's own
    error (the last lines of its stderr), not only its exit status."""
    result = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=ROOT,
                            timeout=timeout)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"{Path(argv[1]).name} failed (exit {result.returncode}):\n{tail}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=True, cwd=ROOT, timeout=900)
    return (time.perf_counter() - started) * 1000


def run_round3_figures(figures: dict[str, Figure], repeat: int, want: Callable[[str], bool],
                       session_seconds: float, aws: str | None) -> None:
    runs = max(1, repeat // 3)
    if want("open_rested"):
        rested = figures["open_rested"] = Figure(
            "open_rested", "open from a list row, 300 ms added latency, after the cursor "
            "rested 300 ms, in the app (headless)", "< 16 ms (one frame)", limit=16.0,
            absolute=True, command="bench/prefetch_headless.py URL RUNS 0.3 1.0 (demo "
            f"--latency 0.3 --generate {GENERATED})")
        hit = figures["open_rested_hit"] = Figure(
            "open_rested_hit", "the same after a rest of 1 s (the prefetch has landed: a hit)",
            "< 16 ms (one frame)", limit=16.0, absolute=True, command=rested.command)
        with bench_environment() as env, \
                demo_endpoint(generate=GENERATED, latency=0.3) as url:
            found = _json_of([PYTHON, str(HERE / "prefetch_headless.py"), url,
                              str(max(3, repeat)), "0.3", "1.0"], env)
            rested.engtui += found["0.3"]
            hit.engtui += found["1.0"]
            counts = found["counts"]
            rested.note = (f"prefetches sent {counts['sent']}, joined by Enter "
                           f"{counts['joined']}")

    if want("open_list_miss"):
        figure = figures["open_list_miss"] = Figure(
            "open_list_miss", "open from a list row without a rest (a prefetch miss), 300 ms "
            "added latency (Enter to tree)", "<= 1.1x", limit=1.1,
            command="engtui: ctrl+l, then j and Enter at once | bench/baselines/"
                    "minimal_fetch.py URL Sandbox, an id and Enter")
        with bench_environment() as env, \
                demo_endpoint(generate=GENERATED, latency=0.3) as url:
            argv, extra = engtui_argv(None)
            tui = [*argv, "--endpoint-url", url, "--catalog", CATALOG]
            ids = _ids(40)
            for run in range(runs):
                figure.engtui += time_open_list_miss(tui, {**env, **extra}, 6)
                figure.baseline += time_fetch_baseline(url, env, ids[run * 7:run * 7 + 7])

    ids = _ids(100)
    if want("get_100"):
        get = figures["get_100"] = Figure(
            "get_100", "engtui get of 100 ids, 300 ms added latency, quota on (vs a "
            "sequential boto3 loop)", "<= 12 s (the quota's floor 10 s)", limit=12_000,
            absolute=True, command="engtui get ID x100 --json | bench/baselines/boto3_loop.py")
        loop = figures["get_100_aws"] = Figure(
            "get_100_aws", "the same engtui get vs a loop of aws partnercentral-selling "
            "get-engagement", "<= 12 s", limit=12_000, absolute=True,
            command="engtui get ID x100 --json | for id: aws partnercentral-selling "
                    "get-engagement")
        with bench_environment() as env, demo_endpoint(generate=GENERATED, latency=0.3) as url:
            argv, extra = engtui_argv(None)
            engtui_get = [*argv, "get", *ids, "--catalog", CATALOG, "--endpoint-url", url,
                          "--json"]
            boto3_loop = [PYTHON, str(HERE / "baselines" / "boto3_loop.py"), url, CATALOG, *ids]
            for _ in range(runs):
                get.engtui.append(_timed(engtui_get, {**env, **extra}))
                get.baseline.append(_timed(boto3_loop, env))
                if aws is not None:
                    loop.engtui.append(get.engtui[-1])
                    started = time.perf_counter()
                    for identifier in ids:
                        subprocess.run([aws, "partnercentral-selling", "get-engagement",
                                        "--identifier", identifier, "--catalog", CATALOG,
                                        "--endpoint-url", url, "--output", "json"], env=env,
                                       capture_output=True, check=True, timeout=120)
                    loop.baseline.append((time.perf_counter() - started) * 1000)
            if aws is None:
                loop.note = "aws CLI not found (.tools/awscli)"

    if want("session"):
        figure = figures["session"] = Figure(
            "session", f"a scripted {session_seconds / 60:g}-minute session (scroll with "
            "prefetch, open 50 records, watch the inbox), quota-enforcing demo: errors shown",
            "0 throttling errors reach the user", limit=0.0, absolute=True, unit="errors",
            command=f"bench/session_headless.py URL {session_seconds:g} 50 (demo --latency "
                    f"0.1 --generate {GENERATED}, quota 10/s)")
        with bench_environment() as env, demo_endpoint(generate=GENERATED, latency=0.1) as url:
            found = _json_of([PYTHON, str(HERE / "session_headless.py"), url,
                              str(session_seconds), "50"], env, timeout=session_seconds + 600)
        figure.engtui.append(float(len(found["errors_shown"])))
        prefetch = found["prefetch"]
        figure.note = (f"{found['calls']} calls in {found['seconds']} s, "
                       f"{found['throttled_on_the_wire']} throttled on the wire, "
                       f"{found['opened']} opened, {prefetch['sent']} prefetches "
                       f"({prefetch['dropped']} dropped by the budget)")

    if want("prefetch_memory"):
        figure = figures["prefetch_memory"] = Figure(
            "prefetch_memory", "prefetch memory with the cache full (200 of 250 records "
            "fetched, each with its tree)", "bounded (reference)", unit="MiB", absolute=True,
            command=f"bench/prefetch_memory.py URL 250 (demo --no-quota --generate "
                    f"{GENERATED})")
        with bench_environment() as env, demo_endpoint(generate=GENERATED, quota=False) as url:
            found = _json_of([PYTHON, str(HERE / "prefetch_memory.py"), url, "250"], env)
        figure.engtui.append(found["held_mib"])
        figure.note = (f"kept {found['kept']}, peak {found['peak_mib']} MiB, "
                       f"{found['per_record_kib']} KiB a record")
