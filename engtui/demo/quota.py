"""The demo endpoint's quota: the service's documented read rate, per access key.

Partner Central allows 10 reads a second per partner account (developer guide, "Quotas");
beyond it the service answers ``ThrottlingException``. The demo does the same per access key
(the demo's stand-in for an account), so the client's call budget (`engtui.api.budget`) and
its figures are tested against an endpoint that throttles like the real one. A bucket holds
one second of requests and refills at the rate. ``engtui demo-server --no-quota`` (and the
tests' demo servers, unless a test asks for one) serve without it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

DEFAULT_QUOTA = 10.0
"""Requests a second per access key: the documented quota of the Get/List reads."""


class Quota:
    """A token bucket per access key: `admit` says whether one more request fits."""

    def __init__(self, rate: float = DEFAULT_QUOTA, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("a quota must be positive")
        self.rate = float(rate)
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, stamp)
        self.throttled = 0  # requests refused so far

    def admit(self, key: str, at: float | None = None) -> bool:
        """Take one token of ``key``'s bucket; False (throttle) when there is none.

        ``at``: when the request arrived (the quota's clock; default now). The server
        passes the moment it began reading the request, as the service counts a request
        when it reaches it, not after the demo's own work on it (checking the signature,
        parsing the body), which a loaded machine stretches and bunches. Requests handled
        out of order (one thread overtaking another) refill nothing for the late one.
        """
        now = self._clock() if at is None else at
        with self._lock:
            tokens, stamp = self._buckets.get(key, (self.rate, now))
            tokens = min(self.rate, tokens + max(0.0, now - stamp) * self.rate)
            stamp = max(stamp, now)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, stamp)
                return True
            self._buckets[key] = (tokens, stamp)
            self.throttled += 1
            return False
