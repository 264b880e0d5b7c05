"""The stack records are browsed in.

`Navigator` pushes the record screen for a fetched record: following a link pushes, Escape
pops back to exactly where you were (Textual's screen stack keeps each screen as it was:
pane, cursor row, search). It remembers every record seen in this run, in memory only (API
data holds customer PII and is never cached on disk), so opening one again draws it at once
while a refresh runs in the background. It keeps one spare record screen per kind: drawing
new data into an installed screen costs a fraction of composing a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from engtui.host import host
from engtui.screens.base import EngtuiScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from engtui.api.records import RecordKind
    from engtui.screens.opening import Fetched, OpenRequest
    from engtui.screens.record import RecordScreen


class Navigator:
    """The app's record stack: which screen shows a record, and the records seen."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._memory: dict[tuple[object, ...], Fetched] = {}
        self._spare: dict[str, RecordScreen] = {}

    def _key(
        self, kind: RecordKind, catalog: str, record_id: str, params: Mapping[str, Any]
    ) -> tuple[object, ...]:
        return (host(self._app).connection.profile, catalog, kind.name, record_id,
                tuple(sorted((key, str(value)) for key, value in params.items())))

    def remembered(self, request: OpenRequest) -> Fetched | None:
        """The record ``request`` names, if it was seen in this run (by id or ARN; a
        snapshot by its engagement, resource, template and revision)."""
        from engtui.api.kinds import InvalidInput

        params = request.params
        try:
            ref = request.kind.parse(request.identifier)
            record_id, params = ref.record_id, {**ref.params, **params}
        except InvalidInput:  # named by request members, not a typed id
            record_id = request.identifier
        return self._memory.get(self._key(request.kind, request.catalog, record_id, params))

    def remember(self, fetched: Fetched) -> None:
        """Keep a fetched record for this run, and in the recent history (engagements)."""
        record = fetched[0]
        key = self._key(record.kind, record.catalog, record.id, record.request_params)
        self._memory[key] = fetched
        host(self._app).recent.remember(record)

    def forget_all(self) -> None:
        """Another connection: what was seen under the old one is not shown again."""
        self._memory.clear()

    def show(self, fetched: Fetched, *, refresh: bool = False) -> None:
        """Push the screen of a fetched record (``refresh``: drawn from memory, so fetch it
        again on its screen)."""
        self.remember(fetched)
        record = fetched[0]
        app = self._app
        spare = self._spare.get(record.kind.name)
        if spare is not None and spare not in app.screen_stack:
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
