"""Prefetch: the record under a resting cursor is fetched before Enter.

Three places ask (each a *slot* of its screen): a list's row under the cursor, a record's
linked field in its tree, and a related pane's row that opens a record. Once the cursor has
rested there `REST` seconds, the record is fetched in the background into the navigator's
memory (`engtui.api.record_memory`: in memory only, bounded, least recently used first), so
Enter draws it at once (`RecordOpener.open` finds it remembered); Enter while it is still in
flight waits for that answer (`join`) instead of sending a second request. A move cancels
what is no longer under the cursor: a waiting timer is stopped (nothing is sent), and an
answer in flight for a row left is not kept. An answer that lands while the cursor still
rests on its row also fills that kind's spare record screen, off the stack
(`Navigator.make_ready`), so Enter only pushes it; the next move drops it.

Prefetch is background work in the call budget (`SellingService.background(drop=True)`):
it never makes the user's calls wait, and it is dropped, not queued, when the budget has no
room for it. It goes through the one `get_record` every open uses, so the read-only hook,
the reply checks (`engtui.api.reply_check.check_identity`) and privacy mode (masked when
drawn) apply to it exactly as to any other read. A failed prefetch is silent: Enter fetches
again in the open way and shows the error there. ``prefetch = false`` in a profile turns it
off.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from engtui.host import host
from engtui.threads import in_daemon_thread

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer

    from engtui.api.records import Link
    from engtui.screens.navigator import Navigator
    from engtui.screens.opening import Fetched, OpenRequest

REST = 0.2
"""Seconds the cursor rests on a row or field before its record is prefetched."""

Source = tuple[int, str]  # (the screen's id(), its slot: "rows", "tree")


@dataclass(eq=False)
class _Flight:
    """A prefetch in flight: its answer, and whether it is still wanted."""

    future: asyncio.Future[Fetched | None]
    keep: bool = True


@dataclass
class PrefetchCounts:
    """What the prefetcher did in this run (the bench and tests read it)."""

    sent: int = 0  # fetches started
    kept: int = 0  # answers put in the memory
    dropped: int = 0  # refused by the call budget (no room for background work)
    discarded: int = 0  # answers of a row or field the cursor had left
    joined: int = 0  # opens that waited for a prefetch in flight instead of sending
    ready: int = 0  # answers whose record screen was filled ahead of Enter
    failed: int = 0


@dataclass
class _Waiting:
    timer: Timer
    request: OpenRequest
    screen: Screen[Any]


class Prefetcher:
    """The app's prefetcher (one, held by the `Navigator`)."""

    def __init__(self, app: App[object], navigator: Navigator) -> None:
        self._app = app
        self._navigator = navigator
        self.rest = REST
        self._waiting: dict[Source, _Waiting] = {}
        self._wanted: dict[Source, tuple[object, ...]] = {}
        self._flights: dict[tuple[object, ...], _Flight] = {}
        self._generation = 0
        self.counts = PrefetchCounts()

    @property
    def enabled(self) -> bool:
        """Prefetch is on for the connection of the moment (``prefetch = false``: off)."""
        return bool(getattr(host(self._app).records, "prefetching", True))

    # -- what the screens call ----------------------------------------------------------------
    def want(self, screen: Screen[Any], slot: str, request: OpenRequest | None) -> None:
        """The cursor of ``screen``'s ``slot`` is now on ``request``'s record (None: on
        nothing that opens a record). Whatever that slot wanted before is cancelled."""
        source = (id(screen), slot)
        waiting = self._waiting.pop(source, None)
        if waiting is not None:
            waiting.timer.stop()
        key = self._navigator.request_key(request) if request is not None else None
        left = self._wanted.pop(source, None)
        if left is not None and left != key and left == self._navigator.ready_key:
            self._navigator.drop_ready()  # the cursor left the record made ready
        if left is not None and left != key:
            self._release(left)
        if request is None or key is None or not self.enabled or not _sendable(request):
            return
        if self._navigator.memory.is_fresh(key):
            return
        flight = self._flights.get(key)
        if flight is not None:  # back on a row whose answer is on its way: keep it
            flight.keep = True
            self._wanted[source] = key
            return
        timer = screen.set_timer(self.rest, partial(self._rested, source), name="prefetch")
        self._waiting[source] = _Waiting(timer, request, screen)

    def want_link(self, screen: Screen[Any], slot: str, link: Link | None, value: str,
                  catalog: str, params: Mapping[str, Any] | None = None) -> None:
        """`want` the record a link (a tree field, a related row) points at."""
        self.want(screen, slot, link_request(link, value, catalog, params) if link else None)

    async def join(self, request: OpenRequest) -> Fetched | None:
        """The answer of a prefetch of ``request`` in flight (None: none is, or it failed):
        Enter waits for it instead of sending the same request again."""
        flight = self._flights.get(self._navigator.request_key(request))
        if flight is None:
            return None
        flight.keep = True
        self.counts.joined += 1
        return await asyncio.shield(flight.future)

    def rest_now(self) -> None:
        """Treat every waiting cursor as rested now (tests and the bench, instead of
        sleeping through `REST`)."""
        for source in list(self._waiting):
            waiting = self._waiting.get(source)
            if waiting is not None:
                waiting.timer.stop()
                self._rested(source)

    def cancel_all(self) -> None:
        """Another connection: nothing waiting is sent, nothing in flight is kept."""
        self._generation += 1
        for waiting in self._waiting.values():
            waiting.timer.stop()
        self._waiting.clear()
        self._wanted.clear()
        for flight in self._flights.values():
            flight.keep = False

    @property
    def in_flight(self) -> int:
        return len(self._flights)

    # -- inside ------------------------------------------------------------------------------
    def _rests_on(self, key: tuple[object, ...]) -> bool:
        """Whether a cursor of the screen in front still rests on ``key``'s record."""
        front = id(self._app.screen)
        return any(wanted == key and source[0] == front
                   for source, wanted in self._wanted.items())

    def _release(self, key: tuple[object, ...]) -> None:
        """No slot wants ``key`` any more: its answer in flight is not kept."""
        flight = self._flights.get(key)
        if flight is not None and key not in self._wanted.values():
            flight.keep = False

    def _rested(self, source: Source) -> None:
        waiting = self._waiting.pop(source, None)
        if waiting is None:
            return
        screen, request = waiting.screen, waiting.request
        opener = getattr(screen, "opener", None)
        if not screen.is_current or (opener is not None and opener.busy):
            return  # the user moved on (another screen), or is opening something already
        key = self._navigator.request_key(request)
        self._wanted[source] = key
        if self._navigator.memory.is_fresh(key) or key in self._flights:
            return
        flight = _Flight(asyncio.get_running_loop().create_future())
        self._flights[key] = flight
        self.counts.sent += 1
        self._app.run_worker(self._fetch(request, key, flight, self._generation),
                             group="prefetch", exit_on_error=False)

    async def _fetch(self, request: OpenRequest, key: tuple[object, ...], flight: _Flight,
                     generation: int) -> None:
        from engtui.api.budget import Dropped

        records = host(self._app).records

        def load() -> Fetched:  # the normal read: read-only hook, reply checks, budget
            from engtui.api.field_tree import record_tree

            with records.background(drop=True):
                record = records.get_record(request.kind, request.catalog,
                                            request.identifier, params=request.params)
            return record, record_tree(record.kind, record.data)

        outcome: Fetched | None = None
        try:
            outcome = await in_daemon_thread(load, "engtui-prefetch")
        except Dropped:
            self.counts.dropped += 1
        except Exception:  # silent: Enter fetches again and shows the error in place
            self.counts.failed += 1
        finally:
            if self._flights.get(key) is flight:
                del self._flights[key]
            if generation != self._generation:
                outcome = None  # fetched through the connection before a switch
            if outcome is not None and flight.keep:
                self._navigator.memory.put(key, outcome)
                self.counts.kept += 1
                if self._rests_on(key):  # Enter will only push it
                    self._navigator.make_ready(key, outcome)
                    self.counts.ready += 1
            elif outcome is not None:
                self.counts.discarded += 1
            if not flight.future.done():
                flight.future.set_result(outcome)


def link_request(link: Link, value: str, catalog: str,
                 params: Mapping[str, Any] | None = None) -> OpenRequest | None:
    """The request following ``link`` to ``value`` would send (as `RecordOpener.follow`
    builds it), or None when it would send nothing."""
    from engtui.api.kinds import KINDS, InvalidInput
    from engtui.screens.opening import OpenRequest

    kind = KINDS.get(link.kind)
    if kind is None:
        return None
    if params:
        return OpenRequest(kind, value, catalog, dict(params))
    try:
        ref = kind.parse(value)
    except InvalidInput:
        return None
    return OpenRequest(kind, ref.identifier, catalog, ref.params)


def _sendable(request: OpenRequest) -> bool:
    """An id from a row or a field is data: checked as every open checks it."""
    from engtui.api.identifiers import InvalidInput

    with contextlib.suppress(InvalidInput):
        request.kind.check_target(request.identifier, request.params)
        return True
    return False

