"""Opening a record from a screen.

`RecordOpener` fetches a record for the screen that asked (the lookup screen, the list, a
record following a link): that screen owns the worker, and the opener tells it how the open
goes with Textual messages posted to it (`RecordOpener.Started`, `Waiting`, `Failed`,
`Opened`), which it handles to show the loading state and any error in its own way (a
status line, a notification). A newer request supersedes an older one, Escape cancels, and
every request carries a sequence number (`engtui.widgets.latest.Latest`) so a stale answer
(one that finishes after it was cancelled or superseded) is dropped instead of replacing
what is on screen; a message that became stale before its screen handled it says so
(`stale`). The loading state is asked for only when the answer takes longer than
`LOADING_DELAY`, so a fast lookup does not flash it. Once fetched, the record goes to the
app's `engtui.host.RecordStack` (the `engtui.screens.navigator.Navigator`), which pushes
its screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.message import Message

from engtui.api.errors import ApiError, ErrorKind, classify
from engtui.host import host
from engtui.threads import in_daemon_thread
from engtui.widgets.latest import Latest

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


Fetched = tuple["Record", "FieldNode"]
"""A record and its field tree (built in the worker thread too: a big record's tree is not
built on the UI thread)."""


class RecordOpener:
    """Fetches records for one screen (its worker group ``open-record``) and posts how it
    goes to that screen."""

    class Progress(Message, bubble=False):
        """How an open of the screen's goes (the base of the opener's messages)."""

        def __init__(self, opener: RecordOpener, number: int, request: OpenRequest) -> None:
            super().__init__()
            self.opener = opener
            self.number = number
            self.request = request

        @property
        def stale(self) -> bool:
            """The open was cancelled or superseded after this was posted: ignore it."""
            return not self.opener.is_latest(self.number)

    class Started(Progress):
        """The request is sent (Escape cancels it); nothing is drawn yet."""

    class Waiting(Progress):
        """The answer takes a while (`LOADING_DELAY`), or attempt ``attempt`` of
        ``attempts`` is being sent after a retryable error: show that it is loading."""

        def __init__(self, opener: RecordOpener, number: int, request: OpenRequest,
                     attempt: int, attempts: int) -> None:
            super().__init__(opener, number, request)
            self.attempt = attempt
            self.attempts = attempts

        @property
        def stale(self) -> bool:
            """Also once the open has ended: a late loading state (its timer fired on a
            loaded machine after the answer came) never replaces the outcome drawn."""
            return super().stale or self.opener.has_ended(self.number)

    class Failed(Progress):
        """The open failed, or was refused before sending (an id that is not the kind's):
        show ``error`` in place."""

        def __init__(self, opener: RecordOpener, number: int, request: OpenRequest,
                     error: ApiError) -> None:
            super().__init__(opener, number, request)
            self.error = error

    class Opened(Progress):
        """The record is fetched (or was seen in this run) and its screen is pushed."""

        def __init__(self, opener: RecordOpener, number: int, request: OpenRequest,
                     record: Record) -> None:
            super().__init__(opener, number, request)
            self.record = record

    def __init__(self, screen: Screen[object]) -> None:
        self._screen = screen
        self._opens = Latest(screen)
        self._pending: int | None = None  # the open whose outcome is not shown yet
        self._ended: int | None = None  # the latest open whose outcome was posted
        self._refreshes = Latest(screen)
        self.refreshing = False
        # Told when a refresh starts and ends (the record screen marks its header).
        self.on_refreshing: Callable[[bool], None] | None = None

    @property
    def busy(self) -> bool:
        """An open is in flight, or its outcome is not shown yet (Escape cancels it)."""
        return self._pending is not None

    def is_latest(self, number: int) -> bool:
        """Whether open ``number`` is the latest one (not cancelled, not superseded)."""
        return self._opens.is_latest(number)

    def open(self, request: OpenRequest) -> None:
        """Fetch ``request``'s record, then push its screen. A record seen before in this
        run is drawn at once from memory and refreshed on its screen."""
        self.cancel()
        number = self._pending = self._opens.start()
        refusal = _refusal(request)
        if refusal is not None:  # an id from a row, a link or the history: data, checked
            self._outcome(self.Failed(self, number, request, refusal))
            return
        navigator = host(self._screen).navigator
        remembered = navigator.remembered(request)
        if remembered is not None:
            self._outcome(self.Opened(self, number, request, remembered[0]))
            navigator.show(remembered, refresh=True)
            return
        self._screen.post_message(self.Started(self, number, request))
        self._screen.set_timer(LOADING_DELAY, partial(self._still_loading, request, number))
        self._screen.run_worker(
            self._fetch(request, number), group="open-record", exclusive=True,
            exit_on_error=False,
        )
        # While the request is in flight (the worker's thread waits on the socket), load
        # the record screen's modules and class here, not after the answer: on a slow link
        # that work is hidden in the wait instead of added to it.
        self._screen.call_after_refresh(navigator.prepare, request.kind)
        # On a slow link, also build the record screen itself during the wait; a fast answer
        # (a local endpoint) comes before, and building it then would only delay that answer.
        self._screen.set_timer(PREPARE_DELAY, partial(self._prepare_screen, request, number))

    def cancel(self) -> None:
        """Forget the open in flight (its answer is dropped when it comes, and a message
        about it not handled yet is `stale`)."""
        self._opens.drop()
        self._pending = None
        self._screen.workers.cancel_group(self._screen, "open-record")

    def has_ended(self, number: int) -> bool:
        """Whether the outcome of open ``number`` has been posted."""
        return self._ended == number

    def _outcome(self, message: Progress) -> None:
        """Post how open ``message.number`` ended; it stays `busy` until its screen has
        handled that (an Escape in between cancels it, and the message is stale)."""
        self._ended = message.number
        self._screen.post_message(message)
        self._screen.call_later(self._shown, message.number)

    def _shown(self, number: int) -> None:
        if self._pending == number:
            self._pending = None

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
        number = self._refreshes.start()
        self._tell_refreshing(True)
        self._screen.run_worker(self._refresh(record, show, number),
                                group="refresh", exclusive=True, exit_on_error=False)

    def _tell_refreshing(self, running: bool) -> None:
        if self.on_refreshing is not None:
            self.on_refreshing(running)

    def cancel_refresh(self) -> None:
        self.refreshing = False
        self._refreshes.drop()
        self._tell_refreshing(False)
        self._screen.workers.cancel_group(self._screen, "refresh")

    async def _refresh(
        self, record: Record, show: Callable[[Record, FieldNode], None], number: int
    ) -> None:
        load = partial(host(self._screen).records.get_record, record.kind, record.catalog,
                       record.id, params=record.request_params)
        outcome = await fetch_record(load, f"engtui-refresh-{number}")
        if not self._refreshes.is_latest(number):
            return  # cancelled, or another record is shown now
        self.refreshing = False
        self._tell_refreshing(False)
        if isinstance(outcome, ApiError):
            self._screen.notify(outcome.one_line(), title=outcome.kind.title,
                                severity="error", markup=False)
            return
        host(self._screen).navigator.remember(outcome)
        show(*outcome)

    def _prepare_screen(self, request: OpenRequest, number: int) -> None:
        if self._pending == number and self.is_latest(number):
            host(self._screen).navigator.prepare_screen(request.kind, request.catalog)

    def _still_loading(self, request: OpenRequest, number: int) -> None:
        if self._pending == number and self.is_latest(number) and not self.has_ended(number):
            self._screen.post_message(self.Waiting(self, number, request, 1, 1))

    async def _fetch(self, request: OpenRequest, number: int) -> None:
        records = host(self._screen).records

        def on_attempt(attempt: int, attempts: int) -> None:  # in the daemon thread
            if attempt > 1:
                self._opens.call_from_thread(
                    number, self._screen.post_message,
                    self.Waiting(self, number, request, attempt, attempts))

        # A prefetch of this record in flight (the cursor rested on it): wait for its
        # answer rather than send the same request again.
        outcome = await host(self._screen).navigator.join_prefetch(request)
        if outcome is None:
            outcome = await fetch_record(
                partial(records.get_record, request.kind, request.catalog, request.identifier,
                        params=request.params, on_attempt=on_attempt),
                f"engtui-lookup-{number}",
            )
        if not self.is_latest(number):
            return  # superseded or cancelled: never let an old answer replace a newer one
        if isinstance(outcome, ApiError):
            self._outcome(self.Failed(self, number, request, outcome))
            return
        self._outcome(self.Opened(self, number, request, outcome[0]))
        host(self._screen).navigator.show(outcome)


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
