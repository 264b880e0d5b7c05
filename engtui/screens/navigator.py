"""The stack records are browsed in.

`Navigator` pushes the record screen for a fetched record: following a link pushes, Escape
pops back to exactly where you were (Textual's screen stack keeps each screen as it was:
pane, cursor row, search). It remembers the records seen (and prefetched) in this run, in
memory only (API data holds customer PII and is never cached on disk), bounded and least
recently used first (`engtui.api.record_memory`), so opening one again draws it at once, and
refreshes it quietly in the background when it is older than a minute. Its `Prefetcher`
(`engtui.screens.prefetch`) fetches the record under a resting cursor into that memory. It
keeps one spare record screen per kind: drawing new data into an installed screen costs a
fraction of composing a new one. When a prefetch lands for the record under a resting
cursor, that spare screen is filled with it ahead of Enter (`make_ready`), so Enter only
pushes it; a move of the cursor drops it (`drop_ready`), and it is pushed only for the very
record it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from engtui.api.record_memory import RecordMemory
from engtui.host import host
from engtui.screens.base import EngtuiScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from engtui.api.records import Record, RecordKind
    from engtui.screens.opening import Fetched, OpenRequest
    from engtui.screens.prefetch import Prefetcher
    from engtui.screens.record import RecordScreen


class Navigator:
    """The app's record stack: which screen shows a record, and the records seen."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self.memory: RecordMemory[Fetched] = RecordMemory(lambda: host(app).now())
        self._spare: dict[str, RecordScreen] = {}
        self._ready: tuple[tuple[object, ...], RecordScreen] | None = None
        self._prefetch: Prefetcher | None = None

    @property
    def prefetch(self) -> Prefetcher:
        """The app's prefetcher (its module loads with the first use, not at start-up)."""
        if self._prefetch is None:
            from engtui.screens.prefetch import Prefetcher

            self._prefetch = Prefetcher(self._app, self)
        return self._prefetch

    async def join_prefetch(self, request: OpenRequest) -> Fetched | None:
        """The answer of a prefetch of ``request`` in flight, if one is (`Prefetcher.join`)."""
        return None if self._prefetch is None else await self._prefetch.join(request)

    def _key(
        self, kind: RecordKind, catalog: str, record_id: str, params: Mapping[str, Any]
    ) -> tuple[object, ...]:
        return (host(self._app).connection.profile, catalog, kind.name, record_id,
                tuple(sorted((key, str(value)) for key, value in params.items())))

    def request_key(self, request: OpenRequest) -> tuple[object, ...]:
        """The memory's key of the record ``request`` names (by id or ARN; a snapshot by its
        engagement, resource, template and revision)."""
        from engtui.api.kinds import InvalidInput

        params = request.params
        try:
            ref = request.kind.parse(request.identifier)
            record_id, params = ref.record_id, {**ref.params, **params}
        except InvalidInput:  # named by request members, not a typed id
            record_id = request.identifier
        return self._key(request.kind, request.catalog, record_id, params)

    def record_key(self, record: Record) -> tuple[object, ...]:
        return self._key(record.kind, record.catalog, record.id, record.request_params)

    def remembered(self, request: OpenRequest) -> Fetched | None:
        """The record ``request`` names, if it was seen (or prefetched) in this run."""
        return self.memory.get(self.request_key(request))

    def remember(self, fetched: Fetched) -> None:
        """Keep a fetched record for this run, and in the recent history (engagements)."""
        self.memory.put(self.record_key(fetched[0]), fetched)
        self._add_to_history(fetched[0])

    def _add_to_history(self, record: Record) -> None:
        """The recent history (and the hidden lookup screen's list drawn from it) after the
        next frame: an open's first frame does not wait for a screen nobody sees."""
        self._app.call_after_refresh(host(self._app).recent.remember, record)

    def forget_all(self) -> None:
        """Another connection: what was seen under the old one is not shown again, and what
        is being prefetched through it is dropped."""
        if self._prefetch is not None:
            self._prefetch.cancel_all()
        self.drop_ready()
        self.memory.clear()

    @property
    def ready_key(self) -> tuple[object, ...] | None:
        """The memory key of the record a spare screen is filled with ahead of Enter."""
        return None if self._ready is None else self._ready[0]

    def make_ready(self, key: tuple[object, ...], fetched: Fetched) -> None:
        """A prefetch landed for the record under a resting cursor: fill its kind's spare
        record screen with it now (composed and mounted off the stack the first time), so
        that Enter only pushes a screen that is ready. One at a time: the spare screen of a
        kind is one; when it is on the stack (a record of the same kind is open under the
        cursor's screen), nothing is made ready and Enter fills it as before."""
        record = fetched[0]
        app = self._app
        self.drop_ready()
        spare = self._spare.get(record.kind.name)
        if spare is None:
            spare = screen_class(record.kind)(*fetched)
            self._spare[record.kind.name] = spare
            app.install_screen(spare, name=f"record-{record.kind.name}")
            mount_off_stack(app, spare)  # draws its record on mount
        elif spare in app.screen_stack:
            return
        elif spare.is_mounted:
            spare.open_other(*fetched)
            spare.call_after_refresh(spare.draw_ahead)  # once what it posted is handled
        else:  # built by `prepare_screen`, still composing: it draws its record on mount
            spare.record, spare.field_tree = fetched
        self._ready = (key, spare)

    def drop_ready(self) -> None:
        """The cursor left the record made ready: Enter no longer finds a ready screen (the
        spare keeps what it shows until the next record fills it; it is off the stack)."""
        self._ready = None

    def _take_ready(self, record: Record) -> RecordScreen | None:
        """The screen made ready for ``record`` itself (the same object from the memory, so
        a screen filled with another record is never taken for this one), if it is."""
        ready, self._ready = self._ready, None
        if ready is None:
            return None
        key, screen = ready
        if (key != self.record_key(record) or screen.record is not record
                or screen in self._app.screen_stack):
            return None
        return screen

    def show(self, fetched: Fetched, *, refresh: bool = False) -> None:
        """Push the screen of a fetched record (``refresh``: drawn from memory, so fetch it
        again on its screen, quietly, when it is older than the memory's `max_age`)."""
        record = fetched[0]
        if refresh:
            refresh = not self.memory.is_fresh(self.record_key(record))
            self._add_to_history(record)
        else:
            self.remember(fetched)
        app = self._app
        spare = self._spare.get(record.kind.name)
        ready = self._take_ready(record)
        if ready is not None:  # filled with this record when its prefetch landed
            screen = ready
        elif spare is not None and spare not in app.screen_stack:
            if spare.is_mounted:
                spare.open_other(*fetched)
            else:  # built by `prepare`, still composing: it draws its record on mount
                spare.record, spare.field_tree = fetched
            screen = spare
        else:
            screen = screen_class(record.kind)(*fetched)
            if spare is None:  # installed, so popping keeps it for the next lookup
                self._spare[record.kind.name] = screen
                app.install_screen(screen, name=f"record-{record.kind.name}")
        app.push_screen(screen)
        if refresh:  # quietly: the record is on screen already
            screen.call_after_refresh(screen.opener.refresh, record, screen.show,
                                      background=True)

    def prepare(self, kind: RecordKind) -> None:
        """Load ``kind``'s record screen (modules and class) ahead of its first record,
        while that record's request is in flight."""
        screen_class(kind)

    def prepare_screen(self, kind: RecordKind, catalog: str) -> None:
        """Build ``kind``'s spare record screen while a slow request is in flight: composed
        and mounted (styles applied) off the stack, showing nothing yet. When the answer
        comes, `show` only fills it and pushes it (on a 300 ms link the open is about 75 ms
        faster, measured in issue 20)."""
        made = screen_class(kind)
        if kind.name in self._spare:
            return
        from engtui.api.field_tree import record_tree
        from engtui.api.records import Record

        app = self._app
        empty = Record(kind, catalog, {}, host(app).now())
        screen = made(empty, record_tree(kind, {}))
        self._spare[kind.name] = screen
        app.install_screen(screen, name=f"record-{kind.name}")
        mount_off_stack(app, screen)  # pushed when its record comes

    def trail(self) -> list[str]:
        """The breadcrumb: what each screen of the stack shows (screens that name none,
        such as the lookup screen, and dialogs are left out)."""
        return [screen.crumb for screen in self._app.screen_stack
                if isinstance(screen, EngtuiScreen) and screen.crumb]


def mount_off_stack(app: App[object], screen: Screen[object]) -> None:
    """Compose and mount ``screen`` without showing it; `App.push_screen` shows it later
    without composing it again. This is what `push_screen` does first, and Textual has no
    public call for it: engtui's one use of private Textual API (`App._register`), kept
    here alone and pinned by tests/app/test_mount_off_stack.py, which fails if a Textual
    release changes what it does."""
    app._register(app, screen)


_SCREENS: dict[str, type[RecordScreen]] = {}


def screen_class(kind: RecordKind) -> type[RecordScreen]:
    """The record screen for ``kind``: `RecordScreen` with ``kind``'s keys (made once, on
    the first record of the kind: the record screen is not needed for the first frame)."""
    from engtui.screens.record import RecordScreen
    from engtui.screens.record_keys import record_bindings

    made = _SCREENS.get(kind.name)
    if made is None:
        name = "".join(part.capitalize() for part in kind.name.split("_")) + "Screen"
        made = type(name, (RecordScreen,), {
            "BINDINGS": record_bindings(kind), "BINDING_GROUP_TITLE": kind.title,
        })
        _SCREENS[kind.name] = made
    return made
