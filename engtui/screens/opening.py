"""Opening a record from a screen.

`RecordOpener` fetches a record for the screen that asked (the lookup screen, the list, a
record following a link): that screen owns the worker and shows the loading state and any
error in place, through the small `OpenStatus` protocol it implements. A newer request
supersedes an older one, Escape cancels, and every request carries a sequence number so a
stale answer (one that finishes after it was cancelled or superseded) is dropped instead of
replacing what is on screen. The loading state is drawn only when the answer takes longer
than `LOADING_DELAY`, so a fast lookup does not flash it. Once fetched, the record goes to
the app's `engtui.screens.navigator.Navigator`, which pushes its screen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from engtui.api.errors import ApiError, ErrorKind, classify
from engtui.host import host
from engtui.threads import in_daemon_thread

if TYPE_CHECKING:
    from textual.screen import Screen

    from engtui.api.field_tree import FieldNode
    from engtui.api.records import Link, Record, RecordKind

LOADING_DELAY = 0.15
"""Seconds a lookup may take before its loading state is drawn."""
PREPARE_DELAY = 0.05
"""Seconds a request may take before the record screen is built while it is in flight."""


@dataclass(frozen=True)
class OpenRequest:
    """A checked request to open a record."""

    kind: RecordKind
    identifier: str
    catalog: str
    params: Mapping[str, Any] = field(default_factory=dict)  # extra request members


class OpenStatus(Protocol):
    """How the screen that asked shows the progress of an open."""

    def opening_started(self, request: OpenRequest) -> None: ...

    def show_opening(self, request: OpenRequest, attempt: int, attempts: int) -> None: ...

    def show_open_error(self, request: OpenRequest, error: ApiError) -> None: ...

    def opening_done(self, record: Record) -> None: ...


class NotifyingStatus:
    """`OpenStatus` for a screen with no status line (a record following a link): the
    progress and any error are notifications."""

    def __init__(self, screen: Screen[object]) -> None:
        self._screen = screen

    def opening_started(self, request: OpenRequest) -> None:
        pass

    def show_opening(self, request: OpenRequest, attempt: int, attempts: int) -> None:
        retry = f" (attempt {attempt} of {attempts})" if attempt > 1 else ""
        self._screen.notify(f"Opening {request.identifier}…{retry}", timeout=2, markup=False)

    def show_open_error(self, request: OpenRequest, error: ApiError) -> None:
        self._screen.notify(error.one_line(), title=error.kind.title, severity="error",
                            markup=False)

    def opening_done(self, record: Record) -> None:
        pass


Fetched = tuple["Record", "FieldNode"]
"""A record and its field tree (built in the worker thread too: a big record's tree is not
built on the UI thread)."""


class RecordOpener:
    """Fetches records for one screen (its worker group ``open-record``)."""

    def __init__(self, screen: Screen[object], status: OpenStatus) -> None:
        self._screen = screen
        self._status = status
        self._sequence = 0
        self._pending: int | None = None
        self._refresh_sequence = 0
        self.refreshing = False
        # Told when a refresh starts and ends (the record screen marks its header).
        self.on_refreshing: Callable[[bool], None] | None = None

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def open(self, request: OpenRequest) -> None:
        """Fetch ``request``'s record, then push its screen. A record seen before in this
        run is drawn at once from memory and refreshed on its screen."""
        self.cancel()
        refusal = _refusal(request)
        if refusal is not None:  # an id from a row, a link or the history: data, checked
            self._status.show_open_error(request, refusal)
            return
        navigator = host(self._screen).navigator
        remembered = navigator.remembered(request)
        if remembered is not None:
            self._status.opening_done(remembered[0])
            navigator.show(remembered, refresh=True)
            return
        sequence = self._pending = self._sequence
        self._status.opening_started(request)
        self._screen.set_timer(LOADING_DELAY, partial(self._still_loading, request, sequence))
        self._screen.run_worker(
            self._fetch(request, sequence), group="open-record", exclusive=True,
            exit_on_error=False,
        )
        # While the request is in flight (the worker's thread waits on the socket), load
        # the record screen's modules and class here, not after the answer: on a slow link
        # that work is hidden in the wait instead of added to it.
        self._screen.call_after_refresh(navigator.prepare, request.kind)
        # On a slow link, also build the record screen itself during the wait; a fast answer
        # (a local endpoint) comes before, and building it then would only delay that answer.
        self._screen.set_timer(PREPARE_DELAY, partial(self._prepare_screen, request, sequence))

    def cancel(self) -> None:
        """Forget the open in flight (its answer is dropped when it comes)."""
        self._sequence += 1
        self._pending = None
        self._screen.workers.cancel_group(self._screen, "open-record")

    def follow(
        self, link: Link, value: str, catalog: str, params: Mapping[str, Any] | None = None
    ) -> None:
        """Open the record ``value`` names through ``link`` (``params``: the extra request
        members the link built). A kind engtui does not browse, or a value that is not one
        of its ids, is said in a notification."""
        from engtui.api.kinds import KINDS, InvalidInput

        kind = KINDS.get(link.kind)
        if kind is None:
            self._screen.notify(f"engtui cannot open {link.kind} records yet; y copies the id.",
                                severity="warning", markup=False)
            return
        if params:  # named by its members (a snapshot): `open` checks them
            self.open(OpenRequest(kind, value, catalog, dict(params)))
            return
        try:
            ref = kind.parse(value)
        except InvalidInput as error:
            self._screen.notify(str(error), severity="warning", markup=False)
            return
        self.open(OpenRequest(kind, ref.identifier, catalog, ref.params))

    # -- refreshing the record a screen shows --------------------------------------------------
    def refresh(
        self, record: Record, show: Callable[[Record, FieldNode], None], *,
        background: bool = False,
    ) -> None:
        """Fetch ``record`` again; ``show`` draws it (an error is a notification). A
        ``background`` refresh (a record drawn from memory) is not one the user asked for:
        it does not count as `refreshing`, so Escape goes back at once instead of
        cancelling it; its answer still updates what is remembered."""
        self.refreshing = not background
        self._refresh_sequence += 1
        self._tell_refreshing(True)
        self._screen.run_worker(self._refresh(record, show, self._refresh_sequence),
                                group="refresh", exclusive=True, exit_on_error=False)

    def _tell_refreshing(self, running: bool) -> None:
        if self.on_refreshing is not None:
            self.on_refreshing(running)

    def cancel_refresh(self) -> None:
        self.refreshing = False
        self._refresh_sequence += 1
        self._tell_refreshing(False)
        self._screen.workers.cancel_group(self._screen, "refresh")

    async def _refresh(
        self, record: Record, show: Callable[[Record, FieldNode], None], sequence: int
    ) -> None:
        load = partial(host(self._screen).records.get_record, record.kind, record.catalog,
                       record.id, params=record.request_params)
        outcome = await fetch_record(load, f"engtui-refresh-{sequence}")
        if sequence != self._refresh_sequence:
            return  # cancelled, or another record is shown now
        self.refreshing = False
        self._tell_refreshing(False)
        if isinstance(outcome, ApiError):
            self._screen.notify(outcome.one_line(), title=outcome.kind.title,
                                severity="error", markup=False)
            return
        host(self._screen).navigator.remember(outcome)
        show(*outcome)

    def _prepare_screen(self, request: OpenRequest, sequence: int) -> None:
        if self._pending == sequence == self._sequence:
            host(self._screen).navigator.prepare_screen(request.kind, request.catalog)

    def _still_loading(self, request: OpenRequest, sequence: int) -> None:
        if self._pending == sequence == self._sequence:
            self._status.show_opening(request, 1, 1)

    async def _fetch(self, request: OpenRequest, sequence: int) -> None:
        app = self._screen.app
        records = host(self._screen).records

        def on_attempt(attempt: int, attempts: int) -> None:  # in the daemon thread
            if attempt > 1 and sequence == self._sequence:
                with contextlib.suppress(RuntimeError):  # the app may have exited
                    app.call_from_thread(self._retrying, request, sequence, attempt, attempts)

        # A prefetch of this record in flight (the cursor rested on it): wait for its
        # answer rather than send the same request again.
        outcome = await host(self._screen).navigator.join_prefetch(request)
        if outcome is None:
            outcome = await fetch_record(
                partial(records.get_record, request.kind, request.catalog, request.identifier,
                        params=request.params, on_attempt=on_attempt),
                f"engtui-lookup-{sequence}",
            )
        if sequence != self._sequence:
            return  # superseded or cancelled: never let an old answer replace a newer one
        self._pending = None
        if isinstance(outcome, ApiError):
            self._status.show_open_error(request, outcome)
            return
        self._status.opening_done(outcome[0])
        host(self._screen).navigator.show(outcome)

    def _retrying(self, request: OpenRequest, sequence: int, attempt: int, total: int) -> None:
        if sequence == self._sequence:
            self._status.show_opening(request, attempt, total)


def _refusal(request: OpenRequest) -> ApiError | None:
    """Why ``request`` must not be sent (its id is not one of its kind's), or None. Every
    open passes here: typed text was checked already, an id from a list row, a link or the
    history file had not been."""
    from engtui.api.identifiers import InvalidInput

    try:
        request.kind.check_target(request.identifier, request.params)
    except InvalidInput as error:
        return ApiError(ErrorKind.INVALID_INPUT, f"Not sent: {error}",
                        "The id came from the service's data or the history file.")
    return None


async def fetch_record(load: partial[Record], thread_name: str) -> Fetched | ApiError:
    """Run one blocking fetch, and build the record's tree, in a daemon thread; every
    failure comes back as an `ApiError` (a bug's traceback goes to the log, and its hint
    names the log)."""
    from engtui.api import call_log

    def fetch() -> Fetched:
        from engtui.api.field_tree import record_tree

        record = load()
        return record, record_tree(record.kind, record.data)

    try:
        return await in_daemon_thread(fetch, thread_name)
    except Exception as exc:  # every failure is shown, none ends the app
        error = classify(exc)
        if error.kind is ErrorKind.UNEXPECTED:
            error.hint = call_log.bug_hint(exc, "lookup")
        return error
