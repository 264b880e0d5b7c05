"""`engtui.threads`: pages pumped ahead by a daemon thread, in order, stopping when the
consumer stops, and errors raised after the pages that came before them."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

import pytest

from engtui.threads import iterate_in_daemon_thread


def _pages(count: int, asked: list[int], fail_at: int | None = None) -> Iterator[int]:
    for number in range(1, count + 1):
        asked.append(number)
        if number == fail_at:
            raise ValueError(f"page {number} failed")
        yield number


def test_items_arrive_in_order() -> None:
    asked: list[int] = []

    async def consume() -> list[int]:
        return [item async for item in iterate_in_daemon_thread(_pages(50, asked))]

    assert asyncio.run(consume()) == list(range(1, 51))
    assert asked == list(range(1, 51))


def test_an_error_comes_after_the_items_before_it() -> None:
    asked: list[int] = []
    got: list[int] = []

    async def consume() -> None:
        async for item in iterate_in_daemon_thread(_pages(10, asked, fail_at=4)):
            got.append(item)

    with pytest.raises(ValueError, match="page 4 failed"):
        asyncio.run(consume())
    assert got == [1, 2, 3]


def test_the_thread_runs_ahead_of_a_slow_consumer() -> None:
    """The next page is asked for while the consumer still works on the last one."""
    asked: list[int] = []
    seen_ahead: list[int] = []

    async def consume() -> None:
        async for item in iterate_in_daemon_thread(_pages(5, asked)):
            await asyncio.sleep(0.05)  # the UI adding a page
            seen_ahead.append(len(asked) - item)

    asyncio.run(consume())
    assert max(seen_ahead) >= 1


def test_closing_the_stream_stops_the_thread() -> None:
    """After the consumer stops, at most one more page is asked for (the one in flight)."""
    asked: list[int] = []
    release = threading.Event()

    def slow_pages() -> Iterator[int]:
        for number in range(1, 1000):
            asked.append(number)
            release.wait(0.02)
            yield number

    async def consume() -> None:
        stream = iterate_in_daemon_thread(slow_pages())
        async with contextlib.aclosing(stream):
            async for item in stream:
                if item == 3:
                    break
        await asyncio.sleep(0.3)  # give a runaway thread time to show itself

    asyncio.run(consume())
    assert len(asked) <= 4, asked
