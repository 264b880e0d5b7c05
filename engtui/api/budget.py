"""One call budget for every request engtui sends: the service's quota, kept by the client.

AWS documents the Selling API's quotas (Partner Central developer guide, "Quotas"): 10 reads
a second and 100,000 reads per rolling 24 hours per partner account, for the Get/List reads,
shared by every integration of the partner. A client that lists, prefetches or watches
carelessly gets throttled and slows the partner's other integrations too, so engtui keeps
inside the quota itself:

- A **sliding window** at the rate (``reads_per_second``, 10 by default; an account with
  raised quotas sets its own): every HTTP attempt (a retry too: the service counts it) is one
  send, and no window of `MARGIN` x one second ever holds more than the rate's sends, so a
  burst of 10 goes at once and the 11th waits. Why a window and not a token bucket: a bucket
  of one second's tokens lets 20 through in the first second, and a client at exactly the
  service's rate is throttled by the first bit of network jitter; the 5% margin absorbs it.
- **What the user asked for goes first.** Background work (prefetch, watch) asks with
  ``background=True``: it waits while the user's calls wait, and leaves `RESERVE` sends of
  each window to them; asked with ``drop=True`` it is refused at once instead of waiting,
  and also once the day's count passes `BACKGROUND_SHARE` of ``reads_per_day`` (the last
  tenth of the day is kept for what the user asks).
- **A 24-hour count kept across processes** (`DailyLedger`): a small state file per profile
  and catalog (counts per minute and nothing else: never API data), merged under the file's
  lock, so a second engtui, or ``engtui get`` in a loop, counts against the same day. At
  ``reads_per_day`` the next call is refused with `ErrorKind.THROTTLED` before anything is
  sent, saying when the window frees up.
- **A ThrottlingException that still happens** (another integration spent the quota) feeds
  back (`throttled`): the window's room is halved, growing back to the full rate over the
  next minute.

No Textual here. Tests pass a fake clock and sleep, so nothing depends on the machine's speed.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

from engtui.api.errors import ApiError, ErrorKind

DEFAULT_RATE = 10.0
"""Reads a second: the documented quota of the Get/List reads."""
DEFAULT_DAILY = 100_000
"""Reads per rolling 24 hours: the documented quota."""
RESERVE = 2
"""Sends of each window background work leaves to the calls the user asked for."""
MARGIN = 1.05
"""The window is this much longer than the quota's second (network jitter)."""
WINDOW = 24 * 60 * 60
RECOVERY = 60.0
"""Seconds over which the rate grows back to the full rate after a ThrottlingException."""
BACKGROUND_SHARE = 0.9
"""Share of the day's reads past which droppable background work (prefetch) is dropped."""
FLUSH_EVERY = 2.0
"""Seconds between writes of the day's count to its state file (and at the end)."""


class Dropped(Exception):
    """Background work asked with ``drop=True`` when the bucket had nothing to spare."""


class DailyLedger:
    """Reads per minute over the last 24 hours, kept in ``path`` (``None``: in memory only)
    and shared with other processes through it. Holds counts and minutes, nothing else."""

    def __init__(self, path: Path | None, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._known: dict[int, int] = {}  # per minute: what the file said, plus ours flushed
        self._unflushed: dict[int, int] = {}
        self._flushed_at = 0.0
        self._read()

    def _minute(self) -> int:
        return int(self._clock() // 60)

    def _trim(self, counts: dict[int, int]) -> dict[int, int]:
        oldest = self._minute() - WINDOW // 60
        return {minute: n for minute, n in counts.items() if minute > oldest}

    def _read(self) -> None:
        if self.path is None:
            return
        from engtui.local.paths import read_if_present

        data, _ = read_if_present(self.path)
        try:
            raw = json.loads(data or b"{}").get("minutes", {})
            counts = {int(k): int(v) for k, v in raw.items() if int(v) > 0}
        except (ValueError, TypeError, AttributeError):
            counts = {}  # a damaged file counts as an empty day; it is rewritten whole
        with self._lock:
            self._known = self._trim(counts)

    def add(self, count: int = 1) -> None:
        with self._lock:
            minute = self._minute()
            self._unflushed[minute] = self._unflushed.get(minute, 0) + count
        if self._clock() - self._flushed_at >= FLUSH_EVERY:
            self.flush()

    def count(self) -> int:
        """Reads in the last 24 hours, this process's and the others' (as last read)."""
        with self._lock:
            known = self._trim(self._known)
            mine = self._trim(self._unflushed)
        return sum(known.values()) + sum(mine.values())

    def oldest_minute(self) -> int | None:
        """The first minute of the window that holds a read (when the next one frees up)."""
        with self._lock:
            minutes = [*self._trim(self._known), *self._trim(self._unflushed)]
        return min(minutes) if minutes else None

    def flush(self) -> None:
        """Add this process's new reads to the file (under its lock) and read the others'."""
        self._flushed_at = self._clock()
        if self.path is None:
            with self._lock:
                for minute, n in self._unflushed.items():
                    self._known[minute] = self._known.get(minute, 0) + n
                self._unflushed.clear()
            return
        from engtui.local.paths import LockTimeout, atomic_write, file_lock

        with self._lock:
            pending, self._unflushed = self._unflushed, {}
        try:
            with file_lock(self.path, timeout=1.0):
                self._read()
                with self._lock:
                    for minute, n in pending.items():
                        self._known[minute] = self._known.get(minute, 0) + n
                    self._known = self._trim(self._known)
                    text = json.dumps({"minutes": {str(k): v for k, v in
                                                   sorted(self._known.items())}})
                atomic_write(self.path, text.encode())
        except (OSError, LockTimeout):  # a full disk or a stuck lock costs the count, no call
            with self._lock:
                for minute, n in pending.items():
                    self._unflushed[minute] = self._unflushed.get(minute, 0) + n


class CallBudget:
    """The send window and the day's count of one partner account (see the module)."""

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        daily: int = DEFAULT_DAILY,
        ledger: DailyLedger | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if rate <= 0 or daily <= 0:
            raise ValueError("the rate and the daily count must be positive")
        self.rate = float(rate)
        self.daily = int(daily)
        self.ledger = ledger or DailyLedger(None)
        self._clock = clock
        self._sleep = sleep
        self._condition = threading.Condition()
        # n sends per window of n / rate seconds (10 a second: 10 per 1.05 s)
        self._room = max(1, round(self.rate))
        self._window = self._room / self.rate * MARGIN
        self._sent: collections.deque[float] = collections.deque()
        self._slowed_until = 0.0  # after a ThrottlingException: less room until then
        self._foreground_waiting = 0
        self.sent = 0  # requests let through by this budget (in this process)
        self._watchers: list[Callable[[], None]] = []

    def watch(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (in the calling thread) after every send: the TUI's connection
        bar follows the day's count without a call of its own."""
        self._watchers.append(callback)

    def unwatch(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(ValueError):
            self._watchers.remove(callback)

    # -- the window -----------------------------------------------------------------------
    def _current_room(self, now: float) -> int:
        if now >= self._slowed_until:
            return self._room
        left = (self._slowed_until - now) / RECOVERY  # 1 right after a throttle, then less
        return max(1, round(self._room * (1 - 0.5 * left)))

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:  # a test's fake clock: let it move
            self._condition.release()
            try:
                self._sleep(seconds)
            finally:
                self._condition.acquire()
        else:
            self._condition.wait(seconds)

    def _free_in(self, now: float, room: int) -> float:
        """Seconds until the window holds fewer than ``room`` sends (0: now)."""
        while self._sent and now - self._sent[0] >= self._window:
            self._sent.popleft()
        if len(self._sent) < room:
            return 0.0
        return self._sent[len(self._sent) - room] + self._window - now

    def acquire(self, *, background: bool = False, drop: bool = False,
                limit: float | None = None) -> None:
        """Count one request, waiting (at most ``limit`` seconds) while the window is full.
        Raises `ApiError` (THROTTLED) when the day's count is spent or the wait would pass
        ``limit``; `Dropped` for background work asked with ``drop``."""
        self._check_day()
        if drop and background and self.ledger.count() >= self.daily * BACKGROUND_SHARE:
            raise Dropped
        started = self._clock()
        with self._condition:
            if not background:
                self._foreground_waiting += 1
            try:
                while True:
                    now = self._clock()
                    room = self._current_room(now)
                    if background:
                        room = max(1, room - RESERVE)
                    wait = self._free_in(now, room)
                    if wait <= 0 and not (background and self._foreground_waiting):
                        self._sent.append(now)
                        self.sent += 1
                        break
                    if drop:
                        raise Dropped
                    wait = max(wait, 0.001)
                    if limit is not None and now - started + wait > limit:
                        raise ApiError(
                            ErrorKind.THROTTLED,
                            f"engtui's call budget ({self.rate:g} reads a second) had no "
                            "room for this call within its deadline.",
                            "Other work of this engtui is using the quota; retry in a moment.")
                    self._wait(wait)
            finally:
                if not background:
                    self._foreground_waiting -= 1
                    self._condition.notify_all()
        self.ledger.add()
        for callback in list(self._watchers):
            with contextlib.suppress(Exception):  # a closed app: the count is still kept
                callback()

    def _check_day(self) -> None:
        if self.ledger.count() < self.daily:
            return
        oldest = self.ledger.oldest_minute()
        free = ""
        if oldest is not None:
            free_at = time.strftime("%H:%M UTC", time.gmtime(oldest * 60 + WINDOW + 60))
            free = f" The next read frees up at {free_at}."
        raise ApiError(
            ErrorKind.THROTTLED,
            f"This profile's {self.daily:,} reads of the last 24 hours are spent.{free}",
            "The service allows that many a day per partner account; engtui sends nothing "
            "more until the window moves (reads_per_day in config.toml).")

    def throttled(self) -> None:
        """The service said ThrottlingException: halve the window's room for a while (it
        grows back over `RECOVERY` seconds)."""
        with self._condition:
            self._slowed_until = self._clock() + RECOVERY

    def describe(self) -> str:
        """``1,234 of 100,000 reads today``."""
        return f"{self.ledger.count():,} of {self.daily:,} reads today"

    def close(self) -> None:
        self.ledger.flush()


_budgets: dict[tuple[str, float, int], CallBudget] = {}
_budgets_lock = threading.Lock()


def ledger_path(account: str, catalog: str) -> Path:
    """The state file of one account's (a profile's) count in one catalog: its name is a
    hash, so no profile name or account detail is in a file name."""
    from engtui.local.paths import state_dir

    digest = hashlib.sha256(f"{account}\0{catalog}".encode()).hexdigest()[:24]
    return state_dir() / "quota" / f"{digest}.json"


def budget_for(account: str, catalog: str, rate: float = DEFAULT_RATE,
               daily: int = DEFAULT_DAILY) -> CallBudget:
    """The one budget of ``account`` in ``catalog`` in this process: every service object,
    screen and command of the process shares it."""
    key = (f"{account}\0{catalog}", rate, daily)
    with _budgets_lock:
        budget = _budgets.get(key)
        if budget is None:
            if not _budgets:
                import atexit

                atexit.register(flush_all)  # the day's count survives the process
            budget = CallBudget(rate, daily, DailyLedger(ledger_path(account, catalog)))
            _budgets[key] = budget
        return budget


def flush_all() -> None:
    """Write every budget's count (at exit)."""
    with _budgets_lock:
        budgets = list(_budgets.values())
    for budget in budgets:
        with contextlib.suppress(Exception):
            budget.close()
