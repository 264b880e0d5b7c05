"""A wall-clock deadline and a size budget for each API call, enforced at the socket.

botocore's ``read_timeout`` is per socket read: a server that sends one byte a second (of its
headers or of its body) never trips it, and a call with retries can last many minutes. And
botocore reads a whole reply into memory before anyone can look at it, however big.

`limit` opens a budget for one call (every attempt, retries, and the credential calls made on
the way, SSO or STS, in the calling thread): an absolute deadline and a number of bytes.
`install` wraps `socket.SocketIO.readinto`, the one method through which `http.client`
(and so urllib3 and botocore, plain HTTP and TLS alike) reads a response; only reads made in
a thread that holds a budget are touched. Before each read the socket's timeout is lowered
to what is left of the deadline, so a trickling server is cut off when the deadline passes,
not at the next idle gap; and the bytes read are counted, so a reply larger than the budget
stops being read at that size. botocore sees a read timeout or a broken connection and would
retry: `before_attempt` (called from the ``before-send`` hook) refuses a new attempt once the
budget is spent, and `error_for` turns the outcome into the `ApiError` users see.

In the TUI, Escape still cancels at once: the call runs in a daemon thread whose result is
dropped (`engtui.threads`); the deadline only bounds how long that thread lives.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from engtui.api.errors import ApiError, ErrorKind

MAX_REPLY_BYTES = 32 * 1024 * 1024
"""The most bytes read for one attempt's reply. The largest reply the service model allows
(a page of 100 engagement summaries, 5 contexts of 10 interactions each with every string
at its maximum length) is a few MB; 32 MB leaves room and bounds the memory a hostile reply
can take (read and parsed) to a few hundred MB instead of many GB."""


@dataclass
class Budget:
    """What is left to one call."""

    seconds: float
    max_bytes: int
    expires_at: float
    read: int = 0
    expired: bool = False
    too_large: bool = False

    def remaining(self) -> float:
        return self.expires_at - time.monotonic()


class DeadlineExceeded(socket.timeout):  # TimeoutError: urllib3 makes it a read timeout
    """The call's deadline passed while waiting for the reply."""


class ReplyTooLarge(ConnectionError):  # an OSError: urllib3 makes it a broken connection
    """More bytes came than the call's budget allows."""


class BudgetSpent(Exception):
    """Raised before a new attempt (a retry) once the budget is spent: not retried."""


_local = threading.local()
_installed = False
_install_lock = threading.Lock()
_original_readinto = socket.SocketIO.readinto


def current() -> Budget | None:
    """The budget of the call running in this thread, if any."""
    return getattr(_local, "budget", None)


@contextmanager
def limit(seconds: float, max_bytes: int = MAX_REPLY_BYTES) -> Iterator[Budget]:
    """Give the calls made in this thread inside the block ``seconds`` in all, and at most
    ``max_bytes`` read per attempt."""
    install()
    budget = Budget(seconds, max_bytes, time.monotonic() + seconds)
    previous = current()
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = previous


def before_attempt() -> None:
    """Start an attempt: refuse it once the budget is spent, else count its bytes anew."""
    budget = current()
    if budget is None:
        return
    if budget.too_large or budget.expired or budget.remaining() <= 0:
        budget.expired = budget.expired or not budget.too_large
        raise BudgetSpent("the call's deadline or size budget is spent")
    budget.read = 0


def error_for(budget: Budget) -> ApiError | None:
    """The error to show when the budget ended the call (None: it did not)."""
    if budget.too_large:
        return ApiError(
            ErrorKind.MALFORMED,
            f"The reply was larger than {budget.max_bytes // (1024 * 1024)} MB; engtui stopped "
            "reading it.",
            "No Partner Central reply is that large: check --endpoint-url; a proxy may be "
            "answering instead of the service.",
        )
    if budget.expired:
        return ApiError(
            ErrorKind.NETWORK,
            f"No complete answer within the deadline of {budget.seconds:g} s.",
            "The endpoint is answering very slowly; retry, or allow more time with "
            "--deadline SECONDS.",
        )
    return None


def _guarded_readinto(self: socket.SocketIO, buffer: memoryview | bytearray) -> int | None:
    budget: Budget | None = getattr(_local, "budget", None)
    if budget is None:
        return _original_readinto(self, buffer)
    remaining = budget.remaining()
    if remaining <= 0:
        budget.expired = True
        raise DeadlineExceeded("the call's deadline passed")
    sock = self._sock  # type: ignore[attr-defined]
    timeout = sock.gettimeout()
    lowered = timeout is None or timeout > remaining
    if lowered:
        sock.settimeout(remaining)
    try:
        count = _original_readinto(self, buffer)
    except TimeoutError:
        if budget.remaining() <= 0:
            budget.expired = True
        raise
    finally:
        if lowered and sock.fileno() != -1:
            sock.settimeout(timeout)
    budget.read += count or 0
    if budget.read > budget.max_bytes:
        budget.too_large = True
        raise ReplyTooLarge("the reply is larger than the call's budget")
    return count


def install() -> None:
    """Wrap `socket.SocketIO.readinto` once (idempotent; only budgeted threads are touched)."""
    global _installed
    with _install_lock:
        if not _installed:
            socket.SocketIO.readinto = _guarded_readinto  # type: ignore[method-assign]
            _installed = True
