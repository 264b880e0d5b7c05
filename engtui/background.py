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
from collections.abc import Callable
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
