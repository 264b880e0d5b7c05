"""Run every engtui benchmark and print a table of medians and ratios against baselines.

    .venv/bin/python bench/run.py                 # all figures, default repeats
    .venv/bin/python bench/run.py --repeat 5      # fewer runs
    .venv/bin/python bench/run.py --only start get_bare
    .venv/bin/python bench/run.py --against HEAD~3   # also engtui at another commit

Every figure is measured side by side in one run: engtui and its baseline alternate, run
after run, so that drift on a shared machine hits both. Medians are quoted. Nothing here is
a test: no figure fails the suite. Results also go to ``bench/results/latest.json``.

With ``--against REV``, the same engtui figures are measured for the tree at REV (checked
out with ``git worktree`` into a temporary folder and run with the same virtualenv), so a
change that slows a figure is seen before it lands.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import (
    CATALOG,
    FIVE_CONTEXTS,
    HERE,
    PROMPT,
    PYTHON,
    ROOT,
    Figure,
    Terminal,
    bench_environment,
    compile_tree,
    demo_endpoint,
    engtui_argv,
    worktree,
)
from list_figures import run_list_figures, time_search_list
from round3_figures import run_round3_figures

BASELINE_PROMPT = "baseline prompt ready"
TREE_DRAWN = "Contexts (5)"
SEARCH_KEYWORD = "Synthetic"  # in every generated engagement's description


# -- the figures ------------------------------------------------------------------------------
def time_start(argv: list[str], env: dict[str, str], ready: str) -> float:
    with Terminal(argv, env=env) as term:
        seen = term.wait_for(ready)
        return (seen - term.started) * 1000


def time_first_lookup(argv: list[str], env: dict[str, str], ready: str, done: str) -> float:
    with Terminal(argv, env=env) as term:
        term.wait_for(ready)
        term.send(FIVE_CONTEXTS)
        sent = term.send("\r")
        seen = term.wait_for(done)
        return (seen - sent) * 1000


def time_later_lookups_engtui(argv: list[str], env: dict[str, str], count: int) -> list[float]:
    times = []
    with Terminal(argv, env=env) as term:
        term.wait_for(PROMPT)
        term.send(FIVE_CONTEXTS)
        term.send("\r")
        term.wait_for(TREE_DRAWN)
        for _ in range(count):
            term.send("\x1b")
            term.wait_until(lambda screen: TREE_DRAWN not in screen and "Recent" in screen)
            term.send(FIVE_CONTEXTS)
            term.drain(0.02)
            sent = term.send("\r")
            seen = term.wait_for(TREE_DRAWN)
            times.append((seen - sent) * 1000)
    return times


def time_later_lookups_baseline(url: str, env: dict[str, str], count: int) -> list[float]:
    times = []
    argv = [PYTHON, str(HERE / "baselines" / "minimal_fetch.py"), url, CATALOG]
    with Terminal(argv, env=env) as term:
        term.wait_for(BASELINE_PROMPT)
        term.send(FIVE_CONTEXTS + "\r")
        term.wait_for("fetched #1 ")
        for number in range(2, count + 2):
            term.send(FIVE_CONTEXTS)
            term.drain(0.02)
            sent = term.send("\r")
            seen = term.wait_for(f"fetched #{number} ")
            times.append((seen - sent) * 1000)
    return times


def time_process(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, check=False, cwd=ROOT)
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{argv[:4]} failed: {result.stderr.decode()[-500:]}")
    return elapsed


def aws_cli() -> str | None:
    local = ROOT / ".tools" / "awscli" / "bin" / "aws"
    return os.environ.get("ENGTUI_TEST_AWS_CLI") or (str(local) if local.exists() else None) or (
        shutil.which("aws")
    )


def lookup_rss(argv: list[str], env: dict[str, str]) -> float:
    with Terminal(argv, env=env) as term:
        term.wait_for(PROMPT)
        time.sleep(1.0)  # let the client warm up in the background, as a user would wait
        return term.peak_rss_mib()


def time_open_warm(argv: list[str], env: dict[str, str], ready: str, done: str,
                   warm_up: str | None) -> float:
    """Enter to the record drawn, once the client is built: engtui builds it after the first
    frame (waited for here); the minimal fetch app builds it on its first fetch, so it first
    fetches another engagement (`warm_up`)."""
    with Terminal(argv, env=env) as term:
        term.wait_for(ready)
        if warm_up is None:
            time.sleep(1.5)
        else:
            term.send(warm_up + "\r")
            term.wait_for("fetched #1 ", timeout=60)
        term.drain(0.05)
        term.send(FIVE_CONTEXTS)
        term.drain(0.05)
        sent = term.send("\r")
        seen = term.wait_for(done, timeout=60)
        return (seen - sent) * 1000


def time_back_headless(url: str, env: dict[str, str]) -> list[float]:
    """Escape on a linked record to the frame of the record it was opened from, six times
    in one app (bench/back_headless.py)."""
    result = subprocess.run([PYTHON, str(HERE / "back_headless.py"), url, "6"], env=env,
                            capture_output=True, text=True, check=True, cwd=ROOT, timeout=300)
    return [float(value) for value in result.stdout.split()]


def time_search_client(url: str, env: dict[str, str], mode: str, keyword: str = "") -> float:
    result = subprocess.run(
        [PYTHON, str(HERE / "search_client.py"), url, CATALOG, "100", mode,
         *([keyword] if keyword else [])], env=env,
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=900,
    )
    results, elapsed = result.stdout.split()
    assert int(results) == 10_000, results
    return float(elapsed)


Runner = Callable[[int, dict[str, str], str, list[str], list[str] | None], None]


def run_all(repeat: int, only: set[str] | None, against: str | None,
            session_seconds: float = 300.0) -> list[Figure]:
    figures: dict[str, Figure] = {}

    def want(name: str) -> bool:
        return only is None or name in only

    compile_tree(ROOT)
    with bench_environment() as env, demo_endpoint() as url, worktree(against) as other:
        argv, extra = engtui_argv(None)
        other_argv, other_extra = engtui_argv(other) if other is not None else (None, {})
        tui = [*argv, "--endpoint-url", url, "--catalog", CATALOG]
        other_tui = (
            [*other_argv, "--endpoint-url", url, "--catalog", CATALOG] if other_argv else None
        )
        base_input = [PYTHON, str(HERE / "baselines" / "minimal_input.py")]
        base_fetch = [PYTHON, str(HERE / "baselines" / "minimal_fetch.py"), url, CATALOG]
        env_now = {**env, **extra}
        env_other = {**env, **other_extra}

        if want("start"):
            figure = figures["start"] = Figure(
                "start", "start to a usable lookup screen", "<= 1.2x", limit=1.2,
                command="engtui --endpoint-url URL --catalog Sandbox | "
                        "bench/baselines/minimal_input.py")
            for _ in range(repeat):
                figure.engtui.append(time_start(tui, env_now, PROMPT))
                figure.baseline.append(time_start(base_input, env, BASELINE_PROMPT))
                if other_tui:
                    figure.against.append(time_start(other_tui, env_other, PROMPT))

        if want("first_lookup"):
            figure = figures["first_lookup"] = Figure(
                "first_lookup", "first lookup after start (Enter to tree drawn)", "<= 1.3x",
                limit=1.3)
            for _ in range(repeat):
                figure.engtui.append(time_first_lookup(tui, env_now, PROMPT, TREE_DRAWN))
                figure.baseline.append(
                    time_first_lookup(base_fetch, env, BASELINE_PROMPT, "fetched #1 "))
                if other_tui:
                    figure.against.append(
                        time_first_lookup(other_tui, env_other, PROMPT, TREE_DRAWN))

        if want("later_lookups"):
            figure = figures["later_lookups"] = Figure(
                "later_lookups", "later lookups (2nd..20th in one run)", "<= 1.2x", limit=1.2,
                command="engtui: Esc, the id, Enter | bench/baselines/minimal_fetch.py URL "
                        "Sandbox: the id, Enter")
            for _ in range(max(1, repeat // 3)):
                figure.engtui += time_later_lookups_engtui(tui, env_now, 19)
                figure.baseline += time_later_lookups_baseline(url, env, 19)
                if other_tui:
                    figure.against += time_later_lookups_engtui(other_tui, env_other, 19)

        get = [*argv, "get", FIVE_CONTEXTS, "--catalog", CATALOG, "--endpoint-url", url, "--json"]
        other_get = [*other_argv, *get[len(argv):]] if other_argv else None
        if want("get_bare"):
            figure = figures["get_bare"] = Figure(
                "get_bare", "engtui get --json vs a bare boto3 script", "<= 0.8x", limit=0.8,
                command="engtui get ID --json | bench/baselines/bare_get.py URL Sandbox ID")
            bare = [PYTHON, str(HERE / "baselines" / "bare_get.py"), url, CATALOG, FIVE_CONTEXTS]
            for _ in range(repeat):
                figure.engtui.append(time_process(get, env_now))
                figure.baseline.append(time_process(bare, env))
                if other_get:
                    figure.against.append(time_process(other_get, env_other))

        if want("get_aws"):
            figure = figures["get_aws"] = Figure(
                "get_aws", "engtui get --json vs aws partnercentral-selling get-engagement",
                "<= 0.8x", limit=0.8)
            aws = aws_cli()
            if aws is None:
                figure.note = "aws CLI not found (bash scripts/test installs it in .tools/)"
            else:
                command = [aws, "partnercentral-selling", "get-engagement", "--identifier",
                           FIVE_CONTEXTS, "--catalog", CATALOG, "--endpoint-url", url,
                           "--output", "json"]
                for _ in range(repeat):
                    figure.engtui.append(time_process(get, env_now))
                    figure.baseline.append(time_process(command, env))

        if want("memory_lookup"):
            figure = figures["memory_lookup"] = Figure(
                "memory_lookup", "peak RSS at the lookup screen (reference)", "reference",
                unit="MiB", absolute=True)
            for _ in range(max(1, repeat // 3)):
                figure.engtui.append(lookup_rss(tui, env_now))
                if other_tui:
                    figure.against.append(lookup_rss(other_tui, env_other))

    if want("open_latency"):
        figure = figures["open_latency"] = Figure(
            "open_latency", "open a record, 300 ms added latency (Enter to tree)", "<= 1.1x",
            limit=1.1)
        with bench_environment() as env, demo_endpoint(latency=0.3) as url:
            tui = [*engtui_argv(None)[0], "--endpoint-url", url, "--catalog", CATALOG]
            base_fetch = [PYTHON, str(HERE / "baselines" / "minimal_fetch.py"), url, CATALOG]
            for _ in range(repeat):
                figure.engtui.append(time_open_warm(tui, env, PROMPT, TREE_DRAWN, None))
                figure.baseline.append(time_open_warm(
                    base_fetch, env, BASELINE_PROMPT, "fetched #2 ", "eng-7k2m9p4q1r8s3t"))

    for latency in (0.0, 0.3):
        name = "back_record" if not latency else "back_record_latency"
        if want(name):
            figure = figures[name] = Figure(
                name, f"back to a record seen (Esc from a linked one), {latency * 1000:.0f} ms "
                "added latency, in the app (headless)", "< 16 ms", limit=16.0, absolute=True)
            with bench_environment() as env, demo_endpoint(latency=latency or None) as url:
                for _ in range(max(1, repeat // 3)):
                    figure.engtui += time_back_headless(url, env)

    if want("search_list"):
        figure = figures["search_list"] = Figure(
            "search_list", "SearchEngagements, 10,000 results with contexts, into the list "
            "(keyword Enter to the count on screen) vs a bare boto3 paginator", "<= 1.3x",
            limit=1.3)
        with bench_environment() as env, demo_endpoint(generate=10_000) as url:
            argv, extra = engtui_argv(None)
            tui = [*argv, "--endpoint-url", url, "--catalog", CATALOG]
            for _ in range(max(1, repeat // 3)):
                figure.engtui.append(time_search_list(tui, {**env, **extra}, SEARCH_KEYWORD))
                figure.baseline.append(time_search_client(url, env, "bare", SEARCH_KEYWORD))

    if want("search_client"):
        figure = figures["search_client"] = Figure(
            "search_client", "SearchEngagements, 10,000 results: engtui's client vs boto3",
            "reference", note="the client path alone (search_list is the screen)")
        with bench_environment() as env, demo_endpoint(generate=10_000) as url:
            for _ in range(max(1, repeat // 3)):
                figure.engtui.append(time_search_client(url, env, "engtui"))
                figure.baseline.append(time_search_client(url, env, "bare"))

    for group in (lambda: run_round3_figures(figures, repeat, want, session_seconds, aws_cli()),
                  lambda: run_list_figures(figures, repeat, want, against)):
        try:
            group()
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            # a broken bench script loses its own figure, not the ones measured before it
            print(f"bench: {error}", file=sys.stderr)
    for figure in figures.values():
        if not figure.engtui and not figure.note:
            figure.note = "not measured: its script failed (see stderr)"
    return list(figures.values())


# -- output -----------------------------------------------------------------------------------
def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} {unit}" if unit != "ms" or value < 10_000 else f"{value / 1000:.2f} s"


def print_table(figures: list[Figure], against: str | None) -> None:
    header = ["figure", "engtui", "baseline", "ratio", "target", "met"]
    if against:
        header.insert(2, f"engtui@{against}")
    rows = [header]
    for figure in figures:
        ratio = figure.value
        if figure.absolute:
            ratio_text = "-"
        elif figure.delta:
            ratio_text = f"+{ratio:.1f} {figure.unit}" if ratio is not None else "-"
        else:
            ratio_text = f"{ratio:.2f}x" if ratio is not None else "-"
        met = {True: "yes", False: "NO", None: "-"}[figure.met]
        row = [figure.title, fmt(figure.median(figure.engtui), figure.unit),
               fmt(figure.median(figure.baseline), figure.unit), ratio_text, figure.target, met]
        if against:
            row.insert(2, fmt(figure.median(figure.against), figure.unit))
        if figure.note:
            row[-1] += f" ({figure.note})"
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))
    commands = [figure for figure in figures if figure.command]
    if commands:
        print("\ncommands (engtui | baseline):")
        for figure in commands:
            print(f"  {figure.name}: {figure.command}")


def machine() -> str:
    memory = ""
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="ascii") as meminfo:
        memory = f", {int(meminfo.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    python = platform.python_version()
    return f"{os.cpu_count()} cores{memory}, {platform.platform()}, Python {python}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per figure (median)")
    parser.add_argument("--only", nargs="*", help="figure names to run")
    parser.add_argument("--against", metavar="REV", help="also measure engtui at REV")
    parser.add_argument("--session-seconds", type=float, default=300.0,
                        help="length of the scripted session (default 300: 5 minutes)")
    parser.add_argument("--quick", action="store_true",
                        help="a quick run: the scripted session shortened to 60 s")
    args = parser.parse_args()
    session = 60.0 if args.quick else args.session_seconds
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()
    figures = run_all(args.repeat, set(args.only) if args.only else None, args.against,
                      session)
    load_after = os.getloadavg()
    print(f"engtui benchmarks, {started}, {machine()}, medians of {args.repeat} runs, "
          f"load average {load[0]:.1f} at the start, {load_after[0]:.1f} at the end"
          + (f", session shortened to {session:g} s" if session < 300 else ""))
    print_table(figures, args.against)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(
        {"date": started, "machine": machine(), "repeat": args.repeat, "against": args.against,
         "figures": [asdict(figure) | {"value": figure.value, "met": figure.met}
                     for figure in figures]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
