"""Run a blocking call in a daemon thread and await its result.

Textual's thread workers run in the event loop's default executor, whose threads are joined
when the app exits: quitting during a slow lookup would then hang until the read timeout.
Lookups therefore run as *async* workers that await a daemon thread. Cancelling the worker
(Escape, a newer lookup, quitting) stops the wait at once; the thread finishes its HTTP call
on its own and its result is dropped; and a daemon thread never holds up the exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.done():
        return  # the awaiting side was cancelled: drop the stale result
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]


async def in_daemon_thread(function: Callable[[], T], name: str = "engtui-call") -> T:
    """Await ``function()`` run in a new daemon thread."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def runner() -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            result = function()
        except BaseException as exc:  # handed to the awaiting side
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app has exited
            loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=runner, name=name, daemon=True).start()
    return await future


_DONE = object()


async def iterate_in_daemon_thread(
    items: Iterator[T], name: str = "engtui-pages"
) -> AsyncIterator[T]:
    """Yield what ``items`` yields, advanced in a daemon thread that runs ahead.

    The thread asks for the next item (the next page: an HTTP request) as soon as it has
    handed over the last one, so the server's work on page N+1 overlaps the UI's work on
    page N. When the consumer stops (``break``, cancellation, an error), the thread stops
    before its next item; an item already on its way is dropped. An error raised by
    ``items`` is raised here, after the items that came before it.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[object, BaseException | None]] = asyncio.Queue()
    stopped = threading.Event()

    def hand_over(item: object, error: BaseException | None = None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app has exited
            loop.call_soon_threadsafe(queue.put_nowait, (item, error))

    def pump() -> None:
        try:
            for item in items:
                if stopped.is_set():
                    return
                hand_over(item)
                if stopped.is_set():
                    return
        except BaseException as exc:  # handed to the consumer
            hand_over(_DONE, exc)
        else:
            hand_over(_DONE)

    threading.Thread(target=pump, name=name, daemon=True).start()
    try:
        while True:
            item, error = await queue.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item  # type: ignore[misc]
    finally:
        stopped.set()
