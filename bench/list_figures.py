"""The engagement list's figures: loading 10,000 rows, a filter keystroke, memory.

Run by `bench/run.py` (they need a demo endpoint serving ``--generate 10000``).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

from harness import (
    CATALOG,
    HERE,
    PROMPT,
    PYTHON,
    Figure,
    Terminal,
    bench_environment,
    demo_endpoint,
    engtui_argv,
    worktree,
)

ROWS = 10_000
SCALE_ROWS = 100_000  # the scale figures, next to the same figures at ROWS
PAGE_SIZE = 100  # ListScreen.page_size
LOADED = f"{ROWS:,} engagements"
FILTER_KEYS = "zeph"  # each key narrows the 10,000 rows
PAGE_DOWN, CURSOR_DOWN = "\x1b[6~", "\x1b[B"


def _loaded(rows: int) -> str:
    return f"{rows:,} engagements"


def _open_list(term: Terminal, rows: int = ROWS) -> float:
    term.wait_for(PROMPT)
    time.sleep(0.5)  # the client warms up after the first frame, as it would for a person
    term.drain(0.05)
    sent = term.send("\x0c")  # ctrl+l
    term.wait_until(lambda screen: _loaded(rows) in screen and "loading page" not in screen,
                    timeout=60 + rows / 100)
    return sent


def time_load(argv: list[str], env: dict[str, str], rows: int = ROWS) -> tuple[float, float]:
    """Ctrl+L to the count of all rows on screen; also peak RSS with them loaded."""
    with Terminal(argv, env=env) as term:
        sent = _open_list(term, rows)
        elapsed = (time.perf_counter() - sent) * 1000
        return elapsed, term.peak_rss_mib()


def time_search_list(argv: list[str], env: dict[str, str], keyword: str,
                     rows: int = ROWS) -> float:
    """The list loaded (ListEngagements), then ``ctrl+f`` KEYWORD: Enter to the count of
    every SearchEngagements result on screen (each with its full contexts)."""
    with Terminal(argv, env=env) as term:
        _open_list(term, rows)
        term.settle(0.3)
        term.send("\x06")  # ctrl+f
        term.send(keyword)
        term.settle(0.3)
        sent = term.send("\r")
        term.wait_until(lambda screen: _loaded(rows) in screen and "SearchEngagements" in screen
                        and "loading page" not in screen, timeout=60 + rows / 100)
        return (time.perf_counter() - sent) * 1000


def _bytes_for(term: Terminal, keys: str) -> float:
    term.settle(0.3)
    before = term.bytes_written
    term.send(keys)
    term.next_output()
    term.settle(0.3)
    return float(term.bytes_written - before)


def terminal_bytes(term: Terminal) -> tuple[float, float]:
    """Bytes the program writes for one cursor move inside the page and for one page down,
    each the median of several (the first key after the rows arrive may repaint more).
    The moves come first: after engtui's page down the cursor sits on the last row shown,
    so a move from there scrolls and repaints the table (~7.5 KB)."""
    import statistics

    cursor = statistics.median(_bytes_for(term, CURSOR_DOWN) for _ in range(5))
    page = statistics.median(_bytes_for(term, PAGE_DOWN) for _ in range(3))
    return page, cursor


def terminal_bytes_engtui(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    with Terminal(argv, env=env) as term:
        _open_list(term)
        return terminal_bytes(term)


def terminal_bytes_baseline(url: str, env: dict[str, str]) -> tuple[float, float]:
    argv = [PYTHON, str(HERE / "baselines" / "minimal_table.py"), url, CATALOG, str(PAGE_SIZE)]
    with Terminal(argv, env=env) as term:
        term.wait_for(f"{ROWS:,} rows ready", timeout=120)
        return terminal_bytes(term)


def time_filter_keys(argv: list[str], env: dict[str, str]) -> tuple[list[float], float]:
    """Key to redrawn table for each filter key; also peak RSS with the rows loaded."""
    times = []
    with Terminal(argv, env=env) as term:
        _open_list(term)
        rss = term.peak_rss_mib()
        term.send("/")
        term.settle(0.3)
        typed = ""
        for _ in range(3):
            for key in [*FILTER_KEYS, *["\x7f"] * len(FILTER_KEYS)]:  # narrow, then widen
                term.settle(0.05)  # nothing pending (a cursor blink) before the key
                sent = term.send(key)
                # Textual draws the whole update in one frame: the first output after the
                # key is the redrawn input and table.
                arrived = term.next_output()
                typed = typed[:-1] if key == "\x7f" else typed + key
                expected = f"of {LOADED}" if typed else LOADED
                # A loaded machine may split the frame over several writes: wait for it.
                term.wait_until(lambda screen, expected=expected: expected in screen,
                                timeout=10)
                term.settle(0.05)
                times.append((arrived - sent) * 1000)
        return times, rss


def time_filter_headless(url: str, env: dict[str, str], rows: int = ROWS) -> list[float]:
    result = subprocess.run(
        [PYTHON, str(HERE / "filter_headless.py"), url, str(rows)], env=env,
        capture_output=True, text=True, check=True, timeout=600 + rows / 50,
    )
    return [float(line) for line in result.stdout.split()]


def time_key_echo(argv: list[str], env: dict[str, str], ready: str) -> list[float]:
    """Key to the program's next output while typing into an input (pty round trip)."""
    times = []
    with Terminal(argv, env=env) as term:
        term.wait_for(ready)
        term.settle(0.5)
        for key in "engabcdefghij":
            term.settle(0.05)
            sent = term.send(key)
            times.append((term.next_output() - sent) * 1000)
    return times


def time_paginator(url: str, env: dict[str, str], expected: int = ROWS) -> float:
    result = subprocess.run(
        [PYTHON, str(HERE / "baselines" / "bare_paginate.py"), url, CATALOG, str(PAGE_SIZE)],
        env=env, capture_output=True, text=True, check=True,
    )
    rows, elapsed = result.stdout.split()
    assert int(rows) == expected, rows
    return float(elapsed)


def run_list_figures(
    figures: dict[str, Figure], repeat: int, want: Callable[[str], bool], against: str | None
) -> None:
    run_scale_figures(figures, repeat, want)
    if not any(want(name) for name in ("list_load", "filter_key", "memory_list",
                                       "filter_key_terminal", "terminal_bytes")):
        return
    with bench_environment() as env, demo_endpoint(generate=ROWS) as url, \
            worktree(against) as other:
        argv, extra = engtui_argv(None)
        tui = [*argv, "--endpoint-url", url, "--catalog", CATALOG]
        env_now = {**env, **extra}
        other_tui = None
        if other is not None:
            other_argv, other_extra = engtui_argv(other)
            other_tui = [*other_argv, "--endpoint-url", url, "--catalog", CATALOG]
            env_other = {**env, **other_extra}
        if want("list_load"):
            figure = figures["list_load"] = Figure(
                "list_load", f"load all {ROWS:,} engagements into the list", "<= 1.3x",
                limit=1.3)
            for _ in range(max(1, repeat // 3)):
                figure.engtui.append(time_load(tui, env_now)[0])
                figure.baseline.append(time_paginator(url, env))
                if other_tui:
                    figure.against.append(time_load(other_tui, env_other)[0])
        if want("filter_key"):
            figure = figures["filter_key"] = Figure(
                "filter_key", f"filter keystroke on {ROWS:,} rows, in the app (headless)",
                "< 16 ms", limit=16.0, absolute=True)
            for _ in range(max(1, repeat // 3)):
                figure.engtui += time_filter_headless(url, env_now)
            echo = figures["key_echo"] = Figure(
                "key_echo", "a key typed into an input, key to output in a pty", "reference",
                note="bounds any key-to-screen figure")
            for _ in range(max(1, repeat // 3)):
                echo.engtui += time_key_echo(tui, env_now, PROMPT)
                echo.baseline += time_key_echo(
                    [PYTHON, str(HERE / "baselines" / "minimal_input.py")], env,
                    "baseline prompt ready")
        if want("filter_key_terminal") or want("memory_list"):
            keys = figures["filter_key_terminal"] = Figure(
                "filter_key_terminal",
                f"filter keystroke on {ROWS:,} rows, key to redrawn table in a pty",
                "reference (see key_echo)", absolute=True)
            memory = figures["memory_list"] = Figure(
                "memory_list", f"peak RSS with {ROWS:,} rows loaded vs at the lookup screen",
                "<= +80 MiB", unit="MiB", limit=80.0, delta=True)
            lookup = figures.get("memory_lookup")
            for _ in range(max(1, repeat // 3)):
                times, rss = time_filter_keys(tui, env_now)
                keys.engtui += times
                memory.engtui.append(rss)
                if other_tui:
                    other_times, other_rss = time_filter_keys(other_tui, env_other)
                    keys.against += other_times
                    memory.against.append(other_rss)
            memory.baseline = list(lookup.engtui) if lookup else []
            if not memory.baseline:
                memory.note = "run with memory_lookup for the baseline"
        if want("terminal_bytes"):
            page = figures["terminal_bytes_page"] = Figure(
                "terminal_bytes_page",
                f"bytes written for one page down in the {ROWS:,}-row list", "<= 1.2x",
                unit="B", limit=1.2)
            cursor = figures["terminal_bytes_cursor"] = Figure(
                "terminal_bytes_cursor", "bytes written for one cursor move in that list",
                "<= 1.2x", unit="B", limit=1.2)
            for _ in range(max(1, repeat // 3)):
                ours_page, ours_cursor = terminal_bytes_engtui(tui, env_now)
                base_page, base_cursor = terminal_bytes_baseline(url, env)
                page.engtui.append(ours_page)
                cursor.engtui.append(ours_cursor)
                page.baseline.append(base_page)
                cursor.baseline.append(base_cursor)
                if other_tui:
                    other_page, other_cursor = terminal_bytes_engtui(other_tui, env_other)
                    page.against.append(other_page)
                    cursor.against.append(other_cursor)


def run_scale_figures(
    figures: dict[str, Figure], repeat: int, want: Callable[[str], bool]
) -> None:
    """The list at 10,000 and at 100,000 rows side by side (time and memory must grow
    linearly): Ctrl+L to the count on screen against a bare paginator, peak RSS against
    engtui at the lookup screen, and the filter keystroke at 100,000 rows (headless). One
    run per size and side at 100,000 rows unless --repeat is 9 or more (a run takes
    minutes on a 2-core machine)."""
    if not any(want(name) for name in ("scale", "filter_key_scale")):
        return
    lookup = figures.get("memory_lookup")
    for rows in (ROWS, SCALE_ROWS):
        runs = max(1, repeat // 3) if rows == ROWS else max(1, repeat // 9)
        with bench_environment() as env, demo_endpoint(generate=rows) as url:
            argv, extra = engtui_argv(None)
            tui = [*argv, "--endpoint-url", url, "--catalog", CATALOG]
            env_now = {**env, **extra}
            if want("scale"):
                load = figures[f"list_load_{rows}"] = Figure(
                    f"list_load_{rows}", f"load {rows:,} engagements (count on screen)",
                    "<= 1.3x", limit=1.3)
                memory = figures[f"memory_list_{rows}"] = Figure(
                    f"memory_list_{rows}", f"peak RSS with {rows:,} rows vs lookup screen",
                    "<= +150 MiB", unit="MiB", limit=150.0, delta=True)
                for _ in range(runs):
                    elapsed, rss = time_load(tui, env_now, rows)
                    load.engtui.append(elapsed)
                    memory.engtui.append(rss)
                    load.baseline.append(time_paginator(url, env, rows))
                memory.baseline = list(lookup.engtui) if lookup else []
                if not memory.baseline:
                    memory.note = "run with memory_lookup for the baseline"
            if want("filter_key_scale") and rows == SCALE_ROWS:
                figure = figures["filter_key_scale"] = Figure(
                    "filter_key_scale", f"filter keystroke on {rows:,} rows (headless)",
                    "< 16 ms", limit=16.0, absolute=True)
                for _ in range(runs):
                    figure.engtui += time_filter_headless(url, env_now, rows)
