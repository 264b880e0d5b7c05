"""Only the latest request's answer is used: `Latest`, the one helper for stale answers.

A screen or widget that fetches in a worker numbers its requests. A newer request, or a
cancel (Escape), makes every earlier one stale, and an answer that comes back for a stale
request is dropped instead of replacing what is on screen. Progress reported from a worker's
thread (a retry, a page) reaches the UI thread through `Latest.call_from_thread`, which
drops it the same way, and drops it quietly once the app has exited.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.dom import DOMNode


class Latest:
    """The number of one node's latest request of one kind (a lookup, a list's load)."""

    def __init__(self, node: DOMNode) -> None:
        self._node = node
        self.number = 0

    def start(self) -> int:
        """A new request: its number (every earlier request's answer is stale now)."""
        self.number += 1
        return self.number

    def drop(self) -> None:
        """Cancel: the answer of the request in flight, if any, is stale now."""
        self.number += 1

    def is_latest(self, number: int) -> bool:
        """Whether ``number`` is the latest request (its answer is still wanted)."""
        return number == self.number

    def call_from_thread(self, number: int, callback: Callable[..., object],
                         *args: Any) -> None:
        """From a worker's thread: run ``callback(*args)`` on the UI thread if request
        ``number`` is still the latest when it gets there. Once the app has exited there
        is no UI thread to run it on, and nothing happens."""
        if not self.is_latest(number):
            return
        with contextlib.suppress(RuntimeError):  # the app is not running (any more)
            self._node.app.call_from_thread(self._if_latest, number, callback, *args)

    def _if_latest(self, number: int, callback: Callable[..., object], *args: Any) -> None:
        if self.is_latest(number):
            callback(*args)
